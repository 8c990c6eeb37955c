package org.chipsim.compiler;

import java.util.Arrays;

import org.chipsim.core.NetworkIndex;
import org.chipsim.core.SpikeRaster;
import org.chipsim.core.reference.ReferenceSimulator;
import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.PopulationLayout;
import org.chipsim.proto.v1.RateCoded;
import org.chipsim.proto.v1.RunConfig;
import org.chipsim.proto.v1.Sample;
import org.chipsim.proto.v1.SpikeTrain;
import org.chipsim.proto.v1.Stimulus;

/**
 * Expected spikes per tick of every neuron: the traffic estimate placement optimizes and reports use.
 *
 * <ul>
 *   <li>{@link #uniform}: every non-input neuron fires {@link #DEFAULT_NEURON_RATE} spikes per tick; input neurons fire
 *   at their stimulus rate (rate coding: the mean over samples of the clamped, scaled rate; spike trains: spikes over
 *   the run's ticks; no stimulus: 0).</li>
 *   <li>{@link #profiled}: every neuron's spike count over a run of the float reference simulator, divided by the
 *   ticks run; the run's spikes themselves are kept for counting partial-sum packets.</li>
 * </ul>
 */
public final class TrafficRates
{
    /** Rate assumed for every non-input neuron without profiling: 5 % per tick, mid-range of typical SNN activity. */
    public static final double DEFAULT_NEURON_RATE = 0.05;

    private final double[][] rates;
    private final String description;
    /** The profiling run's spikes and length (null / 0 for the uniform estimate). */
    private final SpikeRaster profile;
    private final long profileTicks;

    private TrafficRates(final double[][] rates, final String description, final SpikeRaster profile,
        final long profileTicks)
    {
        this.rates = rates;
        this.description = description;
        this.profile = profile;
        this.profileTicks = profileTicks;
    }

    /** Every spike of the profiling run (global neuron ids in model order), or null without profiling. */
    SpikeRaster profile()
    {
        return profile;
    }

    /** Ticks of the profiling run (0 without profiling). */
    long profileTicks()
    {
        return profileTicks;
    }

    /** Spikes per tick expected from neuron {@code neuron} of population {@code population}. */
    public double rate(final int population, final int neuron)
    {
        return rates[population][neuron];
    }

    /** Mean over the population's neurons. */
    public double meanRate(final int population)
    {
        double sum = 0;
        for (final double r : rates[population])
        {
            sum += r;
        }
        return rates[population].length == 0 ? 0.0 : sum / rates[population].length;
    }

    /** One line: where the rates came from. */
    public String description()
    {
        return description;
    }

    public static TrafficRates uniform(final Model model)
    {
        final Network network = model.getNetwork();
        final int count = network.getPopulationsCount();
        final String[] names = new String[count];
        final int[] sizes = new int[count];
        final boolean[] input = new boolean[count];
        for (int p = 0; p < count; p++)
        {
            names[p] = network.getPopulations(p).getName();
            sizes[p] = network.getPopulations(p).getSize();
            input[p] = network.getPopulations(p).getInput();
        }
        return uniform(names, sizes, input, model.getStimulus(), model.getRun());
    }

    /** The same estimate from a compiled program (it carries the populations, stimulus and run settings). */
    public static TrafficRates uniform(final ChipProgram program)
    {
        final int count = program.getPopulationsCount();
        final String[] names = new String[count];
        final int[] sizes = new int[count];
        final boolean[] input = new boolean[count];
        for (int p = 0; p < count; p++)
        {
            final PopulationLayout layout = program.getPopulations(p);
            names[p] = layout.getName();
            sizes[p] = layout.getSize();
            input[p] = layout.getInput();
        }
        return uniform(names, sizes, input, program.getStimulus(), program.getRun());
    }

    private static TrafficRates uniform(final String[] names, final int[] sizes, final boolean[] input,
        final Stimulus stimulus, final RunConfig run)
    {
        final double[][] rates = new double[names.length][];
        for (int p = 0; p < names.length; p++)
        {
            rates[p] = new double[sizes[p]];
            if (!input[p])
            {
                Arrays.fill(rates[p], DEFAULT_NEURON_RATE);
            }
        }
        if (stimulus.hasRateCoded())
        {
            final RateCoded coded = stimulus.getRateCoded();
            final int p = indexOf(names, coded.getPopulation());
            if (p >= 0 && coded.getSamplesCount() > 0)
            {
                final double scale = coded.getRateScale() == 0f ? 1.0 : coded.getRateScale();
                for (final Sample sample : coded.getSamplesList())
                {
                    for (int i = 0; i < Math.min(sample.getRatesCount(), sizes[p]); i++)
                    {
                        rates[p][i] += Math.min(1.0, Math.max(0.0, sample.getRates(i) * scale));
                    }
                }
                for (int i = 0; i < sizes[p]; i++)
                {
                    rates[p][i] /= coded.getSamplesCount();
                }
            }
        }
        else if (stimulus.hasSpikeTrains())
        {
            spikeTrainRates(names, sizes, stimulus, run, rates);
        }
        return new TrafficRates(rates, String.format("uniform: %.3g spikes/tick per neuron, inputs at their " +
            "stimulus rates", DEFAULT_NEURON_RATE), null, 0);
    }

    private static void spikeTrainRates(final String[] names, final int[] sizes, final Stimulus stimulus,
        final RunConfig run, final double[][] rates)
    {
        // distinct (neuron, tick) pairs per population, as the stimulus schedule counts them (duplicates ignored)
        final long[][] keys = new long[names.length][];
        final int[] fill = new int[names.length];
        for (final SpikeTrain train : stimulus.getSpikeTrains().getTrainsList())
        {
            final int p = indexOf(names, train.getPopulation());
            if (p >= 0)
            {
                fill[p] += train.getTicksCount();
            }
        }
        for (int p = 0; p < names.length; p++)
        {
            keys[p] = new long[fill[p]];
            fill[p] = 0;
        }
        long last = -1;
        for (final SpikeTrain train : stimulus.getSpikeTrains().getTrainsList())
        {
            final int p = indexOf(names, train.getPopulation());
            if (p < 0)
            {
                continue;
            }
            for (int k = 0; k < train.getTicksCount(); k++)
            {
                final long tick = Integer.toUnsignedLong(train.getTicks(k));
                keys[p][fill[p]++] = ((long)train.getNeuron() << 32) | tick;
                last = Math.max(last, tick);
            }
        }
        final long perSample = Integer.toUnsignedLong(stimulus.getSpikeTrains().getTicksPerSample());
        final long horizon = run.getTicks() > 0 ? run.getTicks() : perSample > 0 ?
            perSample * Math.max(stimulus.getSpikeTrains().getLabelsCount(), last / perSample + 1) :
            Math.max(100, last + 2);
        for (int p = 0; p < names.length; p++)
        {
            final long[] sorted = keys[p];
            Arrays.sort(sorted);
            for (int k = 0; k < sorted.length; k++)
            {
                final int neuron = (int)(sorted[k] >>> 32);
                final long tick = sorted[k] & 0xFFFF_FFFFL;
                if ((k == 0 || sorted[k - 1] != sorted[k]) && tick < horizon && neuron < sizes[p])
                {
                    rates[p][neuron] += 1.0 / horizon;
                }
            }
        }
    }

    /**
     * Rates measured by running the model's float reference ({@link ReferenceSimulator.Mode#FLOAT}) for {@code ticks}
     * ticks from the start, input spikes included. The run's spikes are kept, so that partial-sum traffic can be
     * counted tick by tick instead of estimated from rates.
     */
    public static TrafficRates profiled(final Model model, final long ticks)
    {
        if (ticks <= 0)
        {
            throw new IllegalArgumentException("ticks must be positive");
        }
        final ReferenceSimulator simulator = new ReferenceSimulator(model, ReferenceSimulator.Mode.FLOAT);
        final NetworkIndex index = simulator.index();
        final SpikeRaster raster = simulator.run(ticks);
        final long[] counts = new long[index.totalNeurons()];
        for (int k = 0; k < raster.size(); k++)
        {
            counts[raster.globalId(k)]++;
        }
        final double[][] rates = new double[index.populationCount()][];
        long total = 0;
        for (int p = 0; p < index.populationCount(); p++)
        {
            rates[p] = new double[index.size(p)];
            for (int n = 0; n < index.size(p); n++)
            {
                final long c = counts[index.globalId(p, n)];
                rates[p][n] = (double)c / ticks;
                total += c;
            }
        }
        return new TrafficRates(rates, String.format("profiled: float reference over %,d ticks (%,d spikes)", ticks,
            total), raster, ticks);
    }

    private static int indexOf(final String[] names, final String name)
    {
        for (int p = 0; p < names.length; p++)
        {
            if (names[p].equals(name))
            {
                return p;
            }
        }
        return -1;
    }
}
