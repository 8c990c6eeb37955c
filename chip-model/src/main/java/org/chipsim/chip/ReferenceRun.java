package org.chipsim.chip;

import java.util.Arrays;

import org.chipsim.core.NetworkIndex;
import org.chipsim.core.SpikeRaster;
import org.chipsim.core.reference.ReferenceSimulator;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Projection;

/**
 * A model's labeled stimulus classified on the {@link ReferenceSimulator} (normally {@link ReferenceSimulator.Mode#FLOAT}:
 * the same network unquantized, in double precision), scored exactly like the chip ({@link Classification}). Runs in
 * chunks of whole samples and keeps only the readout population's spikes, so memory does not grow with the rest of the
 * network's activity.
 */
public final class ReferenceRun
{
    /** Beyond this many synapses {@code chipsim run} skips the float reference (it runs on one thread). */
    public static final long DEFAULT_MAX_SYNAPSES = 50_000_000L;

    private static final long CHUNK_TICKS = 4_096;

    private final ReferenceSimulator simulator;
    private final int readoutFirst;
    private final int readoutSize;
    private volatile long completedTicks;

    /**
     * @param seed the run seed (as {@link RunOptions#seed()}: 0 = the model's run.seed, else 1); must be the chip
     *             run's seed for the two to see the same input spikes
     */
    public ReferenceRun(final Model model, final ReferenceSimulator.Mode mode, final long seed)
    {
        final Model seeded = seed == 0 ? model :
            model.toBuilder().setRun(model.getRun().toBuilder().setSeed(seed)).build();
        simulator = new ReferenceSimulator(seeded, mode);
        final NetworkIndex index = simulator.index();
        final int readout = model.getRun().getReadoutPopulation().isEmpty() ? index.lastNonInput() :
            index.indexOf(model.getRun().getReadoutPopulation());
        readoutFirst = readout < 0 ? 0 : index.firstGlobalId(readout);
        readoutSize = readout < 0 ? 0 : index.size(readout);
    }

    /** True when the model's stimulus has labels to score and a readout population to score them with. */
    public boolean canClassify()
    {
        return readoutSize > 0 && simulator.schedule().hasLabels();
    }

    /** Ticks a run should last to present every sample once (the chip's default). */
    public long naturalTicks()
    {
        return simulator.schedule().naturalTicks();
    }

    /** Ticks simulated so far (for progress reports; safe to read from another thread). */
    public long completedTicks()
    {
        return completedTicks;
    }

    /** Simulates {@code ticks} ticks from the start and classifies the samples presented in full. */
    public Classification classify(final long ticks)
    {
        if (!canClassify())
        {
            throw new IllegalStateException("the model has no labeled samples or no readout population");
        }
        final int tps = simulator.schedule().ticksPerSample();
        final long chunk = Math.max(tps, CHUNK_TICKS / Math.max(1, tps) * Math.max(1, tps));
        long[] kept = new long[1024];
        int count = 0;
        for (long done = 0; done < ticks; )
        {
            final long step = Math.min(chunk, ticks - done);
            final SpikeRaster raster = simulator.run(step).filter(readoutFirst, readoutFirst + readoutSize);
            if (count + raster.size() > kept.length)
            {
                kept = Arrays.copyOf(kept, Math.max(kept.length * 2, count + raster.size()));
            }
            final long[] spikes = raster.toArray();
            System.arraycopy(spikes, 0, kept, count, spikes.length);
            count += spikes.length;
            done += step;
            completedTicks = done;
        }
        return Classification.of(SpikeRaster.of(kept, count), simulator.schedule(), readoutFirst, readoutSize, ticks);
    }

    /** Synapses of a model, counted as the validator does (a dense matrix counts every entry). */
    public static long synapses(final Model model)
    {
        long total = 0;
        for (final Projection projection : model.getNetwork().getProjectionsList())
        {
            total += projection.getWeightsCount() + projection.getSynapsesCount() + projection.getSparse().getPreCount();
        }
        return total;
    }

    /** True when some projection learns or a threshold adapts (the reference models neither). */
    public static boolean learns(final Model model)
    {
        if (org.chipsim.core.ModelValidator.adapts(model.getNetwork()) ||
            org.chipsim.core.ModelValidator.hasStp(model.getNetwork()))
        {
            return true;
        }
        for (final Projection projection : model.getNetwork().getProjectionsList())
        {
            if (projection.hasPlasticity())
            {
                return true;
            }
        }
        return false;
    }
}
