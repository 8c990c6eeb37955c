package org.chipsim.chip;

/**
 * The 2-D mesh network-on-chip with dimension-order (XY) routing: a packet first travels along x to the destination
 * column, then along y. Router r = y * width + x has four output links; link id = r * 4 + direction. One extra link id
 * (the last) stands for the off-chip link into the input port.
 */
public final class Mesh
{
    public static final int EAST = 0;
    public static final int WEST = 1;
    public static final int NORTH = 2;
    public static final int SOUTH = 3;
    private static final String[] DIRECTION_NAMES = {"E", "W", "N", "S"};

    private final int width;
    private final int height;
    /** Routers per chip along x and y: a link between routers of two chips is an inter-chip link. */
    private final int chipWidth;
    private final int chipHeight;

    public Mesh(final int width, final int height)
    {
        this(width, height, width, height);
    }

    /** A grid of {@code width x height} routers tiled by chips of {@code chipWidth x chipHeight} routers each. */
    public Mesh(final int width, final int height, final int chipWidth, final int chipHeight)
    {
        this.width = width;
        this.height = height;
        this.chipWidth = chipWidth;
        this.chipHeight = chipHeight;
    }

    /** Whether the grid has more than one chip. */
    public boolean multiChip()
    {
        return chipWidth != width || chipHeight != height;
    }

    /** Whether mesh link {@code link} joins routers of two different chips (false for the input-port link). */
    public boolean interChip(final int link)
    {
        if (link >= width * height * 4)
        {
            return false;
        }
        final int router = link >> 2;
        final int x = router % width;
        final int y = router / width;
        return switch (link & 3)
        {
            case EAST -> (x + 1) % chipWidth == 0;
            case WEST -> x % chipWidth == 0;
            case NORTH -> y % chipHeight == 0;
            default -> (y + 1) % chipHeight == 0;
        };
    }

    /** Inter-chip links on the XY route between two routers: the chip boundaries crossed along x and along y. */
    public int interChipHops(final int fromX, final int fromY, final int toX, final int toY)
    {
        return Math.abs(toX / chipWidth - fromX / chipWidth) + Math.abs(toY / chipHeight - fromY / chipHeight);
    }

    public int width()
    {
        return width;
    }

    public int height()
    {
        return height;
    }

    public int linkCount()
    {
        return width * height * 4 + 1;
    }

    /** Link id of the off-chip link feeding the input port. */
    public int inputPortLink()
    {
        return width * height * 4;
    }

    public static int hops(final int fromX, final int fromY, final int toX, final int toY)
    {
        return Math.abs(toX - fromX) + Math.abs(toY - fromY);
    }

    /**
     * Walks the XY route from (fromX, fromY) to (toX, toY), adding one packet to every link crossed in
     * {@code linkPackets}; returns the number of hops.
     */
    public int walk(final int fromX, final int fromY, final int toX, final int toY, final long[] linkPackets)
    {
        int x = fromX;
        final int y0 = fromY;
        while (x != toX)
        {
            final int direction = toX > x ? EAST : WEST;
            linkPackets[(y0 * width + x) * 4 + direction]++;
            x += toX > x ? 1 : -1;
        }
        int y = fromY;
        while (y != toY)
        {
            final int direction = toY > y ? SOUTH : NORTH;
            linkPackets[(y * width + toX) * 4 + direction]++;
            y += toY > y ? 1 : -1;
        }
        return Math.abs(toX - fromX) + Math.abs(toY - fromY);
    }

    /** "x,y->E" style name of a link, for reports. */
    public String linkName(final int link)
    {
        if (link == inputPortLink())
        {
            return "input-port";
        }
        final int router = link / 4;
        return (router % width) + "," + (router / width) + "->" + DIRECTION_NAMES[link % 4];
    }

    /** The link a {@link #linkName} names (reading a saved result back), or -1 when it names no link of this mesh. */
    public int linkId(final String name)
    {
        if (name.equals("input-port"))
        {
            return inputPortLink();
        }
        final int arrow = name.indexOf("->");
        final int comma = name.indexOf(',');
        if (arrow < 0 || comma < 0 || comma > arrow)
        {
            return -1;
        }
        try
        {
            final int x = Integer.parseInt(name.substring(0, comma));
            final int y = Integer.parseInt(name.substring(comma + 1, arrow));
            final int direction = java.util.Arrays.asList(DIRECTION_NAMES).indexOf(name.substring(arrow + 2));
            if (x < 0 || x >= width || y < 0 || y >= height || direction < 0)
            {
                return -1;
            }
            return (y * width + x) * 4 + direction;
        }
        catch (final NumberFormatException e)
        {
            return -1;
        }
    }
}
