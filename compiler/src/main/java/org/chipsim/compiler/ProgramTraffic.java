package org.chipsim.compiler;

import org.chipsim.core.NocSpecs;
import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.ChipSpec;
import org.chipsim.proto.v1.CoreProgram;
import org.chipsim.proto.v1.CoreRole;
import org.chipsim.proto.v1.InputSource;
import org.chipsim.proto.v1.Routes;

/**
 * What a compiled program's placement costs, estimated from the program alone under a {@link TrafficRates} estimate:
 * routing-table sizes, expected packets and hops per tick (the same objective the placer minimizes, so for the same
 * rates {@link #hopWeightedPackets()} equals the compiler's {@link PlacementReport#cost()}), and the expected load of
 * every mesh link under XY routing. Used by {@code chipsim inspect}.
 */
public final class ProgramTraffic
{
    /** Link directions, as the chip model numbers them: link id = router * 4 + direction. */
    private static final String[] DIRECTIONS = {"E", "W", "N", "S"};

    private final int width;
    private final double[] linkLoad;
    private double spikePackets;
    private double spikeHops;
    private double inputPackets;
    private double inputHops;
    private double psumPackets;
    private double psumHops;
    private double sourceSpikes;
    private long maxEntries;
    private int maxEntriesCore = -1;
    private long totalEntries;
    private int somaCores;
    private long inputEntries;

    private ProgramTraffic(final int width, final int height)
    {
        this.width = width;
        this.linkLoad = new double[width * height * 4];
    }

    /** Analysis with the uniform estimate the program's own stimulus implies ({@link TrafficRates#uniform}). */
    public static ProgramTraffic analyze(final ChipProgram program)
    {
        return analyze(program, TrafficRates.uniform(program));
    }

    public static ProgramTraffic analyze(final ChipProgram program, final TrafficRates rates)
    {
        final ChipSpec chip = program.getChip();
        final int width = NocSpecs.gridWidth(chip);
        final ProgramTraffic traffic = new ProgramTraffic(width, NocSpecs.gridHeight(chip));
        final int[] indexOfCore = new int[width * NocSpecs.gridHeight(chip)];
        java.util.Arrays.fill(indexOfCore, -1);
        final double[][] axonRate = new double[program.getCoresCount()][];
        for (int k = 0; k < program.getCoresCount(); k++)
        {
            indexOfCore[program.getCores(k).getCoreId()] = k;
            axonRate[k] = new double[program.getCores(k).getAxonCount()];
        }
        for (final CoreProgram core : program.getCoresList())
        {
            if (core.getRole() != CoreRole.CORE_ROLE_SOMA)
            {
                continue;
            }
            final Routes routes = core.getRoutes();
            traffic.somaCores++;
            traffic.totalEntries += routes.getCoreCount();
            if (routes.getCoreCount() > traffic.maxEntries || traffic.maxEntriesCore < 0)
            {
                traffic.maxEntries = routes.getCoreCount();
                traffic.maxEntriesCore = core.getCoreId();
            }
            for (int n = 0; n + 1 < routes.getStartCount(); n++)
            {
                final double rate = rates.rate(core.getPopulation(), core.getNeuronOffset() + n);
                if (routes.getStart(n + 1) > routes.getStart(n))
                {
                    traffic.sourceSpikes += rate;
                }
                for (int e = routes.getStart(n); e < routes.getStart(n + 1); e++)
                {
                    final int dst = routes.getCore(e);
                    axonRate[indexOfCore[dst]][routes.getAxon(e)] = rate;
                    traffic.spikePackets += rate;
                    traffic.spikeHops += rate * traffic.walk(core.getX(), core.getY(), dst % width, dst / width,
                        rate);
                }
            }
        }
        for (final InputSource input : program.getInputsList())
        {
            final Routes routes = input.getRoutes();
            traffic.inputEntries += routes.getCoreCount();
            for (int n = 0; n + 1 < routes.getStartCount(); n++)
            {
                final double rate = rates.rate(input.getPopulation(), n);
                if (routes.getStart(n + 1) > routes.getStart(n))
                {
                    traffic.sourceSpikes += rate;
                }
                for (int e = routes.getStart(n); e < routes.getStart(n + 1); e++)
                {
                    final int dst = routes.getCore(e);
                    axonRate[indexOfCore[dst]][routes.getAxon(e)] = rate;
                    traffic.inputPackets += rate;
                    traffic.inputHops += rate * traffic.walk(chip.getInputPortX(), chip.getInputPortY(),
                        dst % width, dst / width, rate);
                }
            }
        }
        final int weightBytes = chip.getWeightBits() <= 8 ? 1 : 2;
        for (int k = 0; k < program.getCoresCount(); k++)
        {
            final CoreProgram core = program.getCores(k);
            if (core.getRole() != CoreRole.CORE_ROLE_PARTIAL_SUM)
            {
                continue;
            }
            final int neurons = core.getNeuronCount();
            final double[] lambda = new double[neurons];
            final byte[] weights = core.getWeights().toByteArray();
            for (int a = 0; a < core.getAxonCount(); a++)
            {
                final double rate = axonRate[k][a];
                if (rate == 0.0)
                {
                    continue;
                }
                for (int c = 0; c < neurons; c++)
                {
                    final int at = (a * neurons + c) * weightBytes;
                    final boolean nonZero = weightBytes == 1 ? weights[at] != 0 : (weights[at] | weights[at + 1]) != 0;
                    if (nonZero)
                    {
                        lambda[c] += rate;
                    }
                }
            }
            double packets = 0;
            for (final double l : lambda)
            {
                packets += -Math.expm1(-l);
            }
            final int dst = core.getPsumTargetCore();
            traffic.psumPackets += packets;
            traffic.psumHops += packets * traffic.walk(core.getX(), core.getY(), dst % width, dst / width, packets);
        }
        return traffic;
    }

    /** Adds {@code packets} to every link of the XY route; returns the hop count. */
    private int walk(final int fromX, final int fromY, final int toX, final int toY, final double packets)
    {
        int x = fromX;
        while (x != toX)
        {
            linkLoad[(fromY * width + x) * 4 + (toX > x ? 0 : 1)] += packets;
            x += toX > x ? 1 : -1;
        }
        int y = fromY;
        while (y != toY)
        {
            linkLoad[(y * width + toX) * 4 + (toY > y ? 3 : 2)] += packets;
            y += toY > y ? 1 : -1;
        }
        return Math.abs(toX - fromX) + Math.abs(toY - fromY);
    }

    /** Expected spike packets per tick sent by neuron cores. */
    public double spikePackets()
    {
        return spikePackets;
    }

    /** Expected input packets per tick (each also crosses the off-chip link, not counted in hops here). */
    public double inputPackets()
    {
        return inputPackets;
    }

    /** Expected partial-sum packets per tick. */
    public double psumPackets()
    {
        return psumPackets;
    }

    /** Σ packets x on-chip hops per tick: spikes, input spikes from the port, partial sums (the placer's objective). */
    public double hopWeightedPackets()
    {
        return spikeHops + inputHops + psumHops;
    }

    /** Expected on-chip hops caused by one spike (all its packets), over spiking sources, inputs included. */
    public double hopsPerSpike()
    {
        return sourceSpikes == 0 ? 0.0 : (spikeHops + inputHops) / sourceSpikes;
    }

    /** Expected hops of one packet of any kind. */
    public double hopsPerPacket()
    {
        final double packets = spikePackets + inputPackets + psumPackets;
        return packets == 0 ? 0.0 : hopWeightedPackets() / packets;
    }

    /**
     * Expected packets per tick over a mesh link, by the chip model's link id: router * 4 + direction (E, W, N, S);
     * ids of links off the mesh edge carry nothing.
     */
    public double linkLoad(final int link)
    {
        return linkLoad[link];
    }

    /** Link ids: 4 per router (the chip model's extra off-chip input link is not included). */
    public int linkCount()
    {
        return linkLoad.length;
    }

    /** The busiest link's expected packets per tick. */
    public double maxLinkLoad()
    {
        double max = 0;
        for (final double load : linkLoad)
        {
            max = Math.max(max, load);
        }
        return max;
    }

    /** Id of the busiest link (lowest id on ties). */
    public int busiestLink()
    {
        int best = 0;
        for (int l = 1; l < linkLoad.length; l++)
        {
            if (linkLoad[l] > linkLoad[best])
            {
                best = l;
            }
        }
        return best;
    }

    /** Mean expected packets per tick over the mesh's directed links between neighbouring routers. */
    public double meanLinkLoad()
    {
        double sum = 0;
        for (final double load : linkLoad)
        {
            sum += load;
        }
        return sum / meshLinks();
    }

    /** Directed links between neighbouring routers: 2 (W − 1) H + 2 W (H − 1). */
    public int meshLinks()
    {
        final int height = linkLoad.length / 4 / width;
        return Math.max(1, 2 * (width - 1) * height + 2 * width * (height - 1));
    }

    /** Mean over the links that carry any expected traffic. */
    public double meanUsedLinkLoad()
    {
        double sum = 0;
        int used = 0;
        for (final double load : linkLoad)
        {
            if (load > 0)
            {
                sum += load;
                used++;
            }
        }
        return used == 0 ? 0.0 : sum / used;
    }

    public int usedLinks()
    {
        int used = 0;
        for (final double load : linkLoad)
        {
            used += load > 0 ? 1 : 0;
        }
        return used;
    }

    /** "x,y->E" style name of a link, as the chip model names it. */
    public String linkName(final int link)
    {
        final int router = link / 4;
        return (router % width) + "," + (router / width) + "->" + DIRECTIONS[link % 4];
    }

    /** Largest routing table of a neuron (soma) core, in entries. */
    public long maxRoutingEntries()
    {
        return maxEntries;
    }

    /** Core id of the largest routing table (-1 without soma cores). */
    public int maxRoutingEntriesCore()
    {
        return maxEntriesCore;
    }

    /** Mean routing-table entries over neuron (soma) cores. */
    public double meanRoutingEntries()
    {
        return somaCores == 0 ? 0.0 : (double)totalEntries / somaCores;
    }

    /** Entries of the input port's tables (not counted against any core). */
    public long inputRoutingEntries()
    {
        return inputEntries;
    }
}
