package org.chipsim.examples.dvs;

import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.chipsim.proto.v1.SpikeTrain;
import org.chipsim.proto.v1.SpikeTrains;
import org.chipsim.proto.v1.Stimulus;

/**
 * A generator of event-stream samples for a temporal task, shaped like the output of a dynamic vision sensor (DVS):
 * a bar or an edge moves across a small square retina in one of four directions, and every pixel that sees its
 * brightness rise or fall by a contrast threshold emits an ON or OFF event. The class of a sample is its direction of
 * motion. Where the events fall tells the axis of motion (a vertical bar moves right or left, a horizontal one down
 * or up) but not its sign: opposite directions leave mirror-symmetric event counts, so counts alone cannot do much
 * better than 50 %; the sign is in the timing of the events, and it takes a network that looks at time.
 *
 * <p>Retina and input numbering: {@code size x size} pixels, two polarity channels; input neuron {@code (p * size + y)
 * * size + x} is polarity {@code p} (0 = ON, brighter; 1 = OFF, darker) of pixel column {@code x}, row {@code y} (C
 * order of an array shaped (2, size, size), as {@code numpy.ravel} numbers it; y grows downwards).
 *
 * <p>One sample, for ticks {@code 0 .. ticksPerSample - 1}:
 * <ul>
 *   <li>direction: 0 right (+x), 1 left (-x), 2 down (+y), 3 up (-y), uniformly at random;</li>
 *   <li>shape: a bar 1 to 4 pixels wide, or (one time in four) an edge, i.e. a half-plane whose front moves; it spans
 *   a random stretch of 3 to {@code size} pixels across the direction of motion; bright on dark or dark on bright,
 *   at random;</li>
 *   <li>motion: its front moves at a constant speed drawn from [{@code minSpeed}, {@code maxSpeed}] pixels per tick
 *   for the first {@code motionTicks} ticks, along a path whose middle is uniformly anywhere on the retina; then it
 *   stops (no more events but noise). The events of a bar moving left are so distributed like the mirror image of
 *   those of a bar moving right;</li>
 *   <li>events: each pixel's brightness is the fraction of it the shape covers (0..1, area-sampled once per tick).
 *   Each pixel remembers the level at its last event (at first, the level at tick 0) and emits ON when the level has
 *   risen by its contrast threshold, OFF when it has fallen by it, moving the remembered level one threshold per
 *   event; at most one event per pixel, polarity and tick (as an input neuron spikes at most once per tick). Each
 *   pixel's threshold is {@code threshold} times a per-sample mismatch factor 1 + 0.15 N(0, 1) (clamped to
 *   [0.6, 1.4]), as DVS pixels differ;</li>
 *   <li>sensor noise: each real event is lost with probability {@code dropRate}; background-activity events appear at
 *   every pixel, polarity and tick with probability {@code noiseRate}.</li>
 * </ul>
 *
 * <p>Deterministic: sample {@code k} of seed {@code s} depends only on (s, k), drawn from its own
 * {@link SplittableRandom}, so any prefix of a longer sequence equals the shorter one.
 */
public final class DvsMotion
{
    public static final int CLASSES = 4;
    public static final String[] DIRECTIONS = {"right", "left", "down", "up"};
    public static final int ON = 0;
    public static final int OFF = 1;

    /**
     * @param size           retina side in pixels (square)
     * @param ticksPerSample ticks per sample
     * @param motionTicks    ticks the shape moves (the rest of the sample is quiet but for noise)
     * @param minSpeed       slowest speed, pixels per tick
     * @param maxSpeed       fastest speed, pixels per tick
     * @param threshold      contrast threshold (fraction of full contrast) of an event
     * @param noiseRate      background-activity probability per pixel, polarity and tick
     * @param dropRate       probability that a real event is lost
     */
    public record Settings(int size, int ticksPerSample, int motionTicks, double minSpeed, double maxSpeed,
                           double threshold, double noiseRate, double dropRate)
    {
        public Settings
        {
            if (size < 4 || ticksPerSample < 1 || motionTicks < 1 || motionTicks > ticksPerSample)
            {
                throw new IllegalArgumentException("need size >= 4 and 1 <= motionTicks <= ticksPerSample");
            }
            if (!(minSpeed > 0 && maxSpeed >= minSpeed && threshold > 0 && threshold <= 1 && noiseRate >= 0 &&
                noiseRate < 1 && dropRate >= 0 && dropRate < 1))
            {
                throw new IllegalArgumentException("bad speed, threshold or noise settings");
            }
        }

        /** The settings of the shipped example: 16 x 16 pixels, 32 ticks per sample, 24 of motion. */
        public static Settings defaults()
        {
            return new Settings(16, 32, 24, 0.25, 1.5, 0.4, 0.01, 0.2);
        }

        /** Input neurons: two polarities per pixel. */
        public int inputs()
        {
            return 2 * size * size;
        }
    }

    /**
     * One sample: its class and its events, each {@code (tick << 32) | inputIndex} with ticks relative to the sample
     * start, sorted by tick then input, without duplicates.
     */
    public record Sample(int label, long[] events)
    {
        public long tick(final int k)
        {
            return events[k] >>> 32;
        }

        public int input(final int k)
        {
            return (int)events[k];
        }
    }

    private DvsMotion()
    {
    }

    /** Input neuron of polarity {@code p} at pixel column {@code x}, row {@code y}. */
    public static int inputIndex(final int size, final int p, final int x, final int y)
    {
        return (p * size + y) * size + x;
    }

    /** Samples {@code first .. first + count - 1} of the sequence for {@code seed}. */
    public static Sample[] generate(final Settings settings, final long seed, final int first, final int count)
    {
        final Sample[] samples = new Sample[count];
        for (int k = 0; k < count; k++)
        {
            samples[k] = sample(settings, seed, first + k);
        }
        return samples;
    }

    /** Sample {@code index} of the sequence for {@code seed}. */
    public static Sample sample(final Settings settings, final long seed, final long index)
    {
        final SplittableRandom random = new SplittableRandom(mix(seed, index));
        final int size = settings.size();
        final int label = random.nextInt(CLASSES);
        final boolean edge = random.nextInt(4) == 0;
        final double width = edge ? Double.POSITIVE_INFINITY : 1 + random.nextInt(4);
        final double contrast = random.nextBoolean() ? 1.0 : -1.0;
        final int span = 3 + random.nextInt(size - 2);
        final int spanStart = random.nextInt(size - span + 1);
        final double speed = settings.minSpeed() + random.nextDouble() * (settings.maxSpeed() - settings.minSpeed());
        // the front's path is centred anywhere on the retina, so that where the events fall is mirror-symmetric
        // between opposite directions: only their order in time tells right from left (or down from up)
        final double path = speed * settings.motionTicks();
        final double start = random.nextDouble() * size - path / 2;
        // per-pixel threshold mismatch, in the canonical frame (u along the motion, c across it)
        final double[][] threshold = new double[size][size];
        for (final double[] row : threshold)
        {
            for (int c = 0; c < size; c++)
            {
                row[c] = settings.threshold() * Math.min(1.4, Math.max(0.6, 1 + 0.15 * gaussian(random)));
            }
        }
        final double[][] level = new double[size][size];
        for (int u = 0; u < size; u++)
        {
            for (int c = spanStart; c < spanStart + span; c++)
            {
                level[u][c] = contrast * coverage(u, start, width);
            }
        }
        long[] events = new long[1024];
        int count = 0;
        for (int t = 1; t < settings.ticksPerSample(); t++)
        {
            final double front = start + speed * Math.min(t, settings.motionTicks());
            for (int u = 0; u < size; u++)
            {
                final double now = contrast * coverage(u, front, width);
                for (int c = spanStart; c < spanStart + span; c++)
                {
                    final double change = now - level[u][c];
                    final double th = threshold[u][c];
                    if (Math.abs(change) >= th)
                    {
                        // one event per tick; the remembered level moves by every threshold crossed
                        final int steps = (int)Math.floor(Math.abs(change) / th);
                        level[u][c] += Math.signum(change) * steps * th;
                        if (random.nextDouble() >= settings.dropRate())
                        {
                            events = append(events, count++, t, input(size, label, change > 0 ? ON : OFF, u, c));
                        }
                    }
                }
            }
        }
        // background activity: a Bernoulli(noiseRate) trial per (tick, input), drawn as geometric gaps between hits
        final long cells = (long)settings.ticksPerSample() * settings.inputs();
        if (settings.noiseRate() > 0)
        {
            final double logQ = Math.log1p(-settings.noiseRate());
            for (long cell = geometric(random, logQ); cell < cells; cell += 1 + geometric(random, logQ))
            {
                events = append(events, count++, (int)(cell / settings.inputs()), (int)(cell % settings.inputs()));
            }
        }
        final long[] sorted = Arrays.copyOf(events, count);
        Arrays.sort(sorted);
        int unique = 0;
        for (int k = 0; k < sorted.length; k++)
        {
            if (unique == 0 || sorted[unique - 1] != sorted[k])
            {
                sorted[unique++] = sorted[k];
            }
        }
        return new Sample(label, Arrays.copyOf(sorted, unique));
    }

    /** Fraction of pixel [u, u + 1) covered by the shape [front - width, front). */
    static double coverage(final int u, final double front, final double width)
    {
        final double lo = Math.max(u, front - width);
        final double hi = Math.min(u + 1, front);
        return Math.max(0, hi - lo);
    }

    /** Input index of canonical (u along the motion, c across it) for a direction. */
    static int input(final int size, final int direction, final int polarity, final int u, final int c)
    {
        return switch (direction)
        {
            case 0 -> inputIndex(size, polarity, u, c);
            case 1 -> inputIndex(size, polarity, size - 1 - u, c);
            case 2 -> inputIndex(size, polarity, c, u);
            default -> inputIndex(size, polarity, c, size - 1 - u);
        };
    }

    /**
     * The samples laid end to end as one stimulus for input population {@code population}: sample k occupies ticks
     * [k * ticksPerSample, (k + 1) * ticksPerSample), with its label, and neurons are reset between samples.
     */
    public static Stimulus stimulus(final Settings settings, final List<Sample> samples, final String population)
    {
        final int inputs = settings.inputs();
        final int[] counts = new int[inputs];
        for (final Sample sample : samples)
        {
            for (int k = 0; k < sample.events().length; k++)
            {
                counts[sample.input(k)]++;
            }
        }
        final int[][] ticks = new int[inputs][];
        for (int i = 0; i < inputs; i++)
        {
            ticks[i] = new int[counts[i]];
        }
        final int[] fill = new int[inputs];
        final SpikeTrains.Builder trains = SpikeTrains.newBuilder()
            .setTicksPerSample(settings.ticksPerSample())
            .setResetBetweenSamples(true);
        for (int s = 0; s < samples.size(); s++)
        {
            final Sample sample = samples.get(s);
            trains.addLabels(sample.label());
            final long offset = (long)s * settings.ticksPerSample();
            for (int k = 0; k < sample.events().length; k++)
            {
                final int i = sample.input(k);
                ticks[i][fill[i]++] = Math.toIntExact(offset + sample.tick(k));
            }
        }
        for (int i = 0; i < inputs; i++)
        {
            if (ticks[i].length > 0)
            {
                final SpikeTrain.Builder train = SpikeTrain.newBuilder().setPopulation(population).setNeuron(i);
                for (final int t : ticks[i])
                {
                    train.addTicks(t);
                }
                trains.addTrains(train);
            }
        }
        return Stimulus.newBuilder().setSpikeTrains(trains).build();
    }

    /**
     * Writes the samples laid end to end as a CSV event list for {@code chipsim run --stimulus} ({@code tick,
     * input_index}), with a {@code #} comment line before each sample giving its ticks and label (the reader skips
     * comments; a stimulus file carries no labels).
     */
    public static void writeCsv(final Settings settings, final List<Sample> samples, final Writer out)
        throws IOException
    {
        out.write("tick,input_index\n");
        for (int s = 0; s < samples.size(); s++)
        {
            final Sample sample = samples.get(s);
            final long offset = (long)s * settings.ticksPerSample();
            out.write(String.format(Locale.ROOT, "# sample %d: ticks %d..%d, label %d (%s)%n", s, offset,
                offset + settings.ticksPerSample() - 1, sample.label(), DIRECTIONS[sample.label()]));
            for (int k = 0; k < sample.events().length; k++)
            {
                out.write((offset + sample.tick(k)) + "," + sample.input(k) + "\n");
            }
        }
    }

    private static long[] append(final long[] array, final int at, final long tick, final int input)
    {
        final long[] target = at < array.length ? array : Arrays.copyOf(array, array.length * 2);
        target[at] = (tick << 32) | input;
        return target;
    }

    private static long mix(final long seed, final long index)
    {
        // SplitMix64 finalizer over (seed, index): independent streams per sample
        long z = seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A standard normal deviate (Box-Muller; the second value is discarded for simplicity). */
    private static double gaussian(final SplittableRandom random)
    {
        final double u1 = 1.0 - random.nextDouble();
        final double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** Failures before the first success of Bernoulli trials with log(1 - p) = {@code logQ}. */
    private static long geometric(final SplittableRandom random, final double logQ)
    {
        return (long)Math.min(Long.MAX_VALUE / 4, Math.floor(Math.log(1.0 - random.nextDouble()) / logQ));
    }
}
