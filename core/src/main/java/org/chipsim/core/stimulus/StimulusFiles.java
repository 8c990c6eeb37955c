package org.chipsim.core.stimulus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.chipsim.core.ModelException;
import org.chipsim.proto.v1.SpikeTrain;
import org.chipsim.proto.v1.SpikeTrains;
import org.chipsim.proto.v1.Stimulus;

/**
 * Spike stimulus from files, for any model: explicit spike trains for one input population, read from
 *
 * <ul>
 *   <li>a CSV event list with a header: {@code tick,input_index} (one spike per line) or {@code time_s,input_index}
 *   (time in seconds, tick = floor(time / dt));</li>
 *   <li>a dense CSV matrix without header: one row per tick (row 0 = tick 0), one column per input neuron, non-zero =
 *   spike;</li>
 *   <li>a NumPy {@code .npy} array of the same layout, shape (ticks, neurons) (or (ticks, d1, d2, ...) with
 *   d1 x d2 x ... = neurons, flattened in C order; (ticks,) for a single neuron), dtype bool, int, uint or float of any
 *   width, C order. The .npy header is parsed here; no NumPy needed.</li>
 * </ul>
 * The format is documented in docs/stimulus-files.md. Every problem is one {@link ModelException} line naming the file
 * and, for text, the line.
 */
public final class StimulusFiles
{
    private static final byte[] NPY_MAGIC = {(byte)0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    /** Largest tick a spike train can hold (uint32, kept below 2^31 for safety). */
    public static final long MAX_TICK = Integer.MAX_VALUE;

    /** Which input population a {@code --stimulus [POP=]FILE} argument drives, and the file. */
    public record Spec(String population, Path file)
    {
    }

    /**
     * What was read: the stimulus (spike trains for one population), the number of spikes, the number of ticks the
     * file spans (dense rows, or last event tick + 1) and the format name.
     */
    public record Loaded(Stimulus stimulus, String population, long spikes, long ticks, String format)
    {
    }

    private StimulusFiles()
    {
    }

    /**
     * Resolves {@code [POP=]FILE} against the model's input populations: with one input population the name may be
     * left out.
     *
     * @param spec             the argument
     * @param inputPopulations names of the model's input populations
     * @param allPopulations   names of every population (to tell "not an input" from "no such population")
     */
    public static Spec parse(final String spec, final List<String> inputPopulations, final List<String> allPopulations)
    {
        final int eq = spec.indexOf('=');
        if (eq > 0 && !Files.exists(Path.of(spec)))
        {
            final String population = spec.substring(0, eq);
            final Path file = Path.of(spec.substring(eq + 1));
            if (inputPopulations.contains(population))
            {
                return new Spec(population, file);
            }
            if (allPopulations.contains(population))
            {
                throw new ModelException("--stimulus " + spec + ": population '" + population + "' is not an " +
                    "input population (inputs: " + String.join(", ", inputPopulations) + ")");
            }
            throw new ModelException("--stimulus " + spec + ": the model has no population '" + population +
                "' (inputs: " + String.join(", ", inputPopulations) + ")");
        }
        if (inputPopulations.isEmpty())
        {
            throw new ModelException("--stimulus " + spec + ": the model has no input population to drive");
        }
        if (inputPopulations.size() > 1)
        {
            throw new ModelException("--stimulus " + spec + ": the model has " + inputPopulations.size() +
                " input populations (" + String.join(", ", inputPopulations) + "); name one: --stimulus POP=FILE");
        }
        return new Spec(inputPopulations.get(0), Path.of(spec));
    }

    /**
     * Reads a stimulus file for input population {@code population} of {@code size} neurons.
     *
     * @param dtSeconds model time of one tick, used only by {@code time_s} event lists
     */
    public static Loaded read(final Path file, final String population, final int size, final double dtSeconds)
    {
        final Trains trains = new Trains(population, size);
        final String format;
        try
        {
            if (Files.isDirectory(file))
            {
                throw new ModelException(file + ": is a directory; expected a stimulus file (.csv or .npy)");
            }
            if (isNpy(file))
            {
                readNpy(file, trains);
                format = "npy";
            }
            else
            {
                format = readCsv(file, trains, dtSeconds);
            }
        }
        catch (final NoSuchFileException e)
        {
            throw new ModelException(file + ": no such file");
        }
        catch (final IOException e)
        {
            throw new ModelException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        final SpikeTrains built = trains.build();
        return new Loaded(Stimulus.newBuilder().setSpikeTrains(built).build(), population, trains.spikes,
            trains.ticks, format);
    }

    private static boolean isNpy(final Path file) throws IOException
    {
        try (InputStream in = Files.newInputStream(file))
        {
            return Arrays.equals(in.readNBytes(NPY_MAGIC.length), NPY_MAGIC);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // CSV
    // ---------------------------------------------------------------------------------------------------------------

    private static String readCsv(final Path file, final Trains trains, final double dtSeconds) throws IOException
    {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            String line;
            long lineNumber = 0;
            int mode = -1; // 0 dense, 1 tick events, 2 time events
            long row = 0;
            while ((line = reader.readLine()) != null)
            {
                lineNumber++;
                final String text = line.strip();
                if (text.isEmpty() || text.startsWith("#"))
                {
                    continue;
                }
                final String[] fields = text.split(",", -1);
                if (mode < 0)
                {
                    mode = header(file, lineNumber, fields, dtSeconds);
                    if (mode > 0)
                    {
                        continue;
                    }
                }
                if (mode == 0)
                {
                    if (fields.length != trains.size)
                    {
                        throw new ModelException(file + ": row " + (row + 1) + " (line " + lineNumber + ") has " +
                            fields.length + " values, expected " + trains.size + " (one per neuron of input " +
                            "population '" + trains.population + "')");
                    }
                    if (row > MAX_TICK)
                    {
                        throw new ModelException(file + ": more than " + MAX_TICK + " rows (ticks)");
                    }
                    for (int n = 0; n < fields.length; n++)
                    {
                        final double v = number(file, lineNumber, fields[n], "column " + (n + 1));
                        if (v != 0)
                        {
                            trains.add(row, n);
                        }
                    }
                    row++;
                    trains.ticks = row;
                    continue;
                }
                if (fields.length != 2)
                {
                    throw new ModelException(file + ": line " + lineNumber + " has " + fields.length + " values, " +
                        "expected 2 (" + (mode == 1 ? "tick" : "time_s") + ",input_index)");
                }
                final long tick;
                if (mode == 1)
                {
                    final double t = number(file, lineNumber, fields[0], "tick");
                    if (t != Math.rint(t) || t < 0 || t > MAX_TICK)
                    {
                        throw new ModelException(file + ": line " + lineNumber + ": tick " + fields[0].strip() +
                            " is not a whole number in [0, " + MAX_TICK + "]");
                    }
                    tick = (long)t;
                }
                else
                {
                    final double seconds = number(file, lineNumber, fields[0], "time_s");
                    final double ticks = Math.floor(seconds / dtSeconds + 1e-9);
                    if (seconds < 0 || ticks > MAX_TICK)
                    {
                        throw new ModelException(file + ": line " + lineNumber + ": time_s " + fields[0].strip() +
                            " is negative or beyond " + MAX_TICK + " ticks of " + dtSeconds + " s");
                    }
                    tick = (long)ticks;
                }
                final double index = number(file, lineNumber, fields[1], "input_index");
                if (index != Math.rint(index) || index < 0 || index >= trains.size)
                {
                    throw new ModelException(file + ": line " + lineNumber + ": input_index " + fields[1].strip() +
                        " is out of range for input population '" + trains.population + "' (size " + trains.size +
                        ", indices 0.." + (trains.size - 1) + ")");
                }
                trains.add(tick, (int)index);
                trains.ticks = Math.max(trains.ticks, tick + 1);
            }
            if (mode < 0)
            {
                throw new ModelException(file + ": the file is empty; expected spike events or a dense matrix");
            }
            return mode == 0 ? "dense csv" : mode == 1 ? "csv events (tick)" : "csv events (time_s)";
        }
    }

    /** 0 = no header (dense matrix, this line is data), 1 = tick events, 2 = time events. */
    private static int header(final Path file, final long lineNumber, final String[] fields, final double dtSeconds)
    {
        try
        {
            Double.parseDouble(fields[0].strip());
            return 0;
        }
        catch (final NumberFormatException e)
        {
            // a header
        }
        final String first = fields[0].strip().toLowerCase(Locale.ROOT);
        final String second = fields.length == 2 ? fields[1].strip().toLowerCase(Locale.ROOT) : "";
        final boolean index = List.of("input_index", "index", "neuron", "input").contains(second);
        if (index && List.of("tick", "ticks").contains(first))
        {
            return 1;
        }
        if (index && List.of("time_s", "time", "t", "seconds").contains(first))
        {
            if (!(dtSeconds > 0) || !Double.isFinite(dtSeconds))
            {
                throw new ModelException(file + ": events are in seconds (time_s); give the tick length with --dt");
            }
            return 2;
        }
        throw new ModelException(file + ": line " + lineNumber + ": header '" + String.join(",", fields) + "' not " +
            "understood; an event list starts with 'tick,input_index' or 'time_s,input_index', a dense matrix (one " +
            "row per tick, one column per neuron) has no header");
    }

    private static double number(final Path file, final long lineNumber, final String field, final String what)
    {
        try
        {
            final double v = Double.parseDouble(field.strip());
            if (!Double.isFinite(v))
            {
                throw new NumberFormatException();
            }
            return v;
        }
        catch (final NumberFormatException e)
        {
            throw new ModelException(file + ": line " + lineNumber + ": " + what + " '" + field.strip() + "' is not " +
                "a finite number");
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // NumPy .npy
    // ---------------------------------------------------------------------------------------------------------------

    private static void readNpy(final Path file, final Trains trains) throws IOException
    {
        final long fileSize = Files.size(file);
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16))
        {
            final byte[] prefix = in.readNBytes(8);
            if (prefix.length < 8)
            {
                throw new ModelException(file + ": truncated .npy header");
            }
            final int major = prefix[6] & 0xff;
            final long headerLength;
            final int lengthBytes = major == 1 ? 2 : 4;
            if (major < 1 || major > 3)
            {
                throw new ModelException(file + ": .npy format version " + major + "." + (prefix[7] & 0xff) +
                    " is not supported (1.0, 2.0, 3.0 are)");
            }
            final byte[] lengthField = in.readNBytes(lengthBytes);
            if (lengthField.length < lengthBytes)
            {
                throw new ModelException(file + ": truncated .npy header");
            }
            final ByteBuffer lb = ByteBuffer.wrap(lengthField).order(ByteOrder.LITTLE_ENDIAN);
            headerLength = major == 1 ? Short.toUnsignedInt(lb.getShort()) : Integer.toUnsignedLong(lb.getInt());
            if (headerLength > 1 << 20)
            {
                throw new ModelException(file + ": .npy header of " + headerLength + " bytes is implausibly long");
            }
            final byte[] headerBytes = in.readNBytes((int)headerLength);
            if (headerBytes.length < headerLength)
            {
                throw new ModelException(file + ": truncated .npy header");
            }
            final String header = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 :
                StandardCharsets.ISO_8859_1);
            final Matcher descr = DESCR.matcher(header);
            final Matcher fortran = FORTRAN.matcher(header);
            final Matcher shapeMatch = SHAPE.matcher(header);
            if (!descr.find() || !fortran.find() || !shapeMatch.find())
            {
                throw new ModelException(file + ": .npy header not understood (" + header.strip() + "); " +
                    "expected a plain array (structured dtypes are not supported)");
            }
            if (fortran.group(1).equals("True"))
            {
                throw new ModelException(file + ": the array is in Fortran order; save it in C order " +
                    "(numpy.save(f, numpy.ascontiguousarray(a)))");
            }
            final String dtype = descr.group(1);
            final long[] shape = shape(file, shapeMatch.group(1));
            final int itemSize = itemSize(file, dtype);
            final long rows;
            final long width;
            if (shape.length == 0)
            {
                throw new ModelException(file + ": the array is a scalar; expected shape (ticks, " + trains.size + ")");
            }
            if (shape.length == 1)
            {
                if (trains.size != 1)
                {
                    throw new ModelException(file + ": shape (" + shape[0] + ",) does not match input population '" +
                        trains.population + "' of " + trains.size + " neurons: expected (ticks, " + trains.size + ")");
                }
                rows = shape[0];
                width = 1;
            }
            else
            {
                rows = shape[0];
                long w = 1;
                for (int d = 1; d < shape.length; d++)
                {
                    w = Math.multiplyExact(w, shape[d]);
                }
                width = w;
                if (width != trains.size)
                {
                    throw new ModelException(file + ": shape " + shapeText(shape) + " does not match input " +
                        "population '" + trains.population + "': each row (tick) has " + width + " values, " +
                        "expected " + trains.size + " (shape (ticks, " + trains.size + "))");
                }
            }
            if (rows > MAX_TICK + 1)
            {
                throw new ModelException(file + ": " + rows + " rows (ticks) is more than " + MAX_TICK);
            }
            final long dataBytes = Math.multiplyExact(Math.multiplyExact(rows, width), itemSize);
            final long offset = 8 + lengthBytes + headerLength;
            if (fileSize - offset < dataBytes)
            {
                throw new ModelException(file + ": truncated: shape " + shapeText(shape) + " of " + dtype + " needs " +
                    dataBytes + " bytes of data, the file has " + Math.max(0, fileSize - offset));
            }
            final char kind = dtype.charAt(1);
            final boolean bigEndian = dtype.charAt(0) == '>';
            final byte[] item = new byte[itemSize];
            for (long t = 0; t < rows; t++)
            {
                for (int n = 0; n < width; n++)
                {
                    if (in.readNBytes(item, 0, itemSize) < itemSize)
                    {
                        throw new ModelException(file + ": truncated data at row " + t);
                    }
                    if (nonZero(file, item, kind, bigEndian, t, n))
                    {
                        trains.add(t, n);
                    }
                }
            }
            trains.ticks = rows;
        }
    }

    private static long[] shape(final Path file, final String text)
    {
        final String[] parts = text.split(",");
        final long[] dims = new long[parts.length];
        int n = 0;
        for (final String part : parts)
        {
            final String p = part.strip().replace("L", "");
            if (p.isEmpty())
            {
                continue;
            }
            try
            {
                dims[n++] = Long.parseLong(p);
            }
            catch (final NumberFormatException e)
            {
                throw new ModelException(file + ": .npy shape '(" + text + ")' not understood");
            }
            if (dims[n - 1] < 0)
            {
                throw new ModelException(file + ": .npy shape '(" + text + ")' has a negative dimension");
            }
        }
        return Arrays.copyOf(dims, n);
    }

    private static String shapeText(final long[] shape)
    {
        final StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++)
        {
            s.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return s.append(shape.length == 1 ? ",)" : ")").toString();
    }

    private static int itemSize(final Path file, final String dtype)
    {
        if (dtype.length() >= 3 && "<>|=".indexOf(dtype.charAt(0)) >= 0 && "biuf".indexOf(dtype.charAt(1)) >= 0)
        {
            try
            {
                final int size = Integer.parseInt(dtype.substring(2));
                final boolean ok = switch (dtype.charAt(1))
                {
                    case 'b' -> size == 1;
                    case 'f' -> size == 2 || size == 4 || size == 8;
                    default -> size == 1 || size == 2 || size == 4 || size == 8;
                };
                if (ok)
                {
                    return size;
                }
            }
            catch (final NumberFormatException e)
            {
                // fall through to the error
            }
        }
        throw new ModelException(file + ": dtype '" + dtype + "' is not supported; use bool, int8..int64, " +
            "uint8..uint64, float16, float32 or float64");
    }

    /** Zero test on the raw bytes: integers and bools by any set bit, floats ignoring the sign bit; NaN refused. */
    private static boolean nonZero(final Path file, final byte[] item, final char kind, final boolean bigEndian,
        final long row, final int column)
    {
        if (kind != 'f')
        {
            for (final byte b : item)
            {
                if (b != 0)
                {
                    return true;
                }
            }
            return false;
        }
        long bits = 0;
        for (int i = 0; i < item.length; i++)
        {
            final int at = bigEndian ? i : item.length - 1 - i;
            bits = (bits << 8) | (item[at] & 0xff);
        }
        final int width = item.length * 8;
        final int exponentBits = width == 16 ? 5 : width == 32 ? 8 : 11;
        final int mantissaBits = width - 1 - exponentBits;
        final long exponent = (bits >>> mantissaBits) & ((1L << exponentBits) - 1);
        final long mantissa = bits & ((1L << mantissaBits) - 1);
        if (exponent == (1L << exponentBits) - 1 && mantissa != 0)
        {
            throw new ModelException(file + ": NaN at row " + row + ", column " + column + "; expected 0 (no spike) " +
                "or non-zero (spike)");
        }
        return exponent != 0 || mantissa != 0;
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** Spike ticks per neuron, collected in growing int arrays. */
    private static final class Trains
    {
        final String population;
        final int size;
        final int[][] lists;
        final int[] counts;
        /** Spikes after removing duplicates (counted in build). */
        long spikes;
        /** Ticks the file spans: dense rows, or last event tick + 1. */
        long ticks;

        Trains(final String population, final int size)
        {
            this.population = population;
            this.size = size;
            this.counts = new int[size];
            this.lists = new int[size][];
        }

        void add(final long tick, final int neuron)
        {
            int[] list = lists[neuron];
            if (list == null)
            {
                list = new int[8];
                lists[neuron] = list;
            }
            else if (counts[neuron] == list.length)
            {
                list = Arrays.copyOf(list, list.length * 2);
                lists[neuron] = list;
            }
            list[counts[neuron]++] = (int)tick;
        }

        SpikeTrains build()
        {
            spikes = 0;
            final SpikeTrains.Builder builder = SpikeTrains.newBuilder();
            for (int n = 0; n < size; n++)
            {
                if (counts[n] == 0)
                {
                    continue;
                }
                final int[] sorted = Arrays.copyOf(lists[n], counts[n]);
                Arrays.sort(sorted);
                final SpikeTrain.Builder train = SpikeTrain.newBuilder().setPopulation(population).setNeuron(n);
                int last = -1;
                for (final int t : sorted)
                {
                    if (t != last)
                    {
                        train.addTicks(t);
                        spikes++;
                        last = t;
                    }
                }
                builder.addTrains(train);
            }
            return builder.build();
        }
    }
}
