package org.chipsim.examples.onchip;

import java.util.function.LongSupplier;

import org.chipsim.chip.ChipSimulation;
import org.chipsim.chip.CoreCounter;
import org.chipsim.chip.LearnedModel;
import org.chipsim.chip.RunOptions;
import org.chipsim.chip.RunResult;
import org.chipsim.compiler.Compiler;
import org.chipsim.core.ErrorCode;
import org.chipsim.core.ModelException;
import org.chipsim.core.ModelValidator;
import org.chipsim.core.energy.Activity;
import org.chipsim.core.energy.Component;
import org.chipsim.core.energy.EnergyModel;
import org.chipsim.core.energy.EnergyReport;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Projection;
import org.chipsim.proto.v1.RateCoded;
import org.chipsim.proto.v1.Stimulus;

/**
 * Training on chip for N epochs (what {@code chipsim train} runs). The model's rate-coded, labeled stimulus is split:
 * the last {@code test_samples} samples (RunConfig.test_samples; 0 = the last 20 %, at least 1) are held out. An epoch
 * runs the training samples once on the chip with learning on (stimulus seed = the model's seed + epoch - 1, so each
 * epoch draws new spikes at the same rates), writes the learned weights back into the model, then runs the held-out
 * samples with every plasticity removed (fixed weights, always the same spikes) and classifies them by readout spike
 * counts. The energy of an epoch is the training run's, priced from its counters by the chip's energy model.
 */
public final class OnChipTrainer
{
    /** One epoch's figures. */
    public record Epoch(int epoch, int trainSamples, double trainEnergyPj, double learnEnergyPj, long learnUpdates,
        long sbpPackets, int correct, int tested, double cumulativeEnergyPj)
    {
        public double accuracy()
        {
            return tested == 0 ? 0.0 : (double)correct / tested;
        }
    }

    private final int workers;
    private final long seed;
    private final int trainSamples;
    private final int testSamples;
    private final long ticksPerSample;
    private final Stimulus trainStimulus;
    private final Stimulus testStimulus;
    private Model model;
    private double cumulativePj;
    private volatile ChipSimulation current;
    private volatile long doneTicks;

    /**
     * @param model       a model that learns on chip, with a labeled rate-coded stimulus
     * @param workers     worker threads (0: automatic); results do not depend on it
     * @param testSamples held-out samples, or -1 for the model's RunConfig.test_samples
     */
    public OnChipTrainer(final Model model, final int workers, final int testSamples)
    {
        ModelValidator.validate(model);
        if (model.getNetwork().getProjectionsList().stream().noneMatch(Projection::hasPlasticity))
        {
            throw new ModelException(ErrorCode.MODEL_INVALID, "model '" + model.getName() + "' has no learning " +
                "rule: no projection has plasticity, so there is nothing to train on chip (see docs/plasticity.md " +
                "and docs/supervised-learning.md); use 'chipsim run' to run it");
        }
        final Stimulus stimulus = model.getStimulus();
        if (!stimulus.hasRateCoded() || stimulus.getRateCoded().getSamplesList().stream().noneMatch(s -> s.getHasLabel()))
        {
            throw new ModelException(ErrorCode.MODEL_INVALID, "chipsim train needs a rate-coded stimulus with " +
                "labeled samples (the held-out ones measure accuracy); model '" + model.getName() + "' has none");
        }
        final RateCoded rates = stimulus.getRateCoded();
        final int samples = rates.getSamplesCount();
        final int asked = testSamples >= 0 ? testSamples : model.getRun().getTestSamples();
        final int test = asked > 0 ? asked : Math.max(1, samples / 5);
        if (samples < 2 || test >= samples)
        {
            throw new ModelException(ErrorCode.OPTION_INVALID, "cannot hold out " + test + " of the stimulus' " +
                samples + " samples: at least one must remain to train on");
        }
        this.workers = workers;
        this.model = model;
        this.testSamples = test;
        this.trainSamples = samples - test;
        this.ticksPerSample = rates.getTicksPerSample();
        final long base = rates.getSeed() != 0 ? rates.getSeed() : model.getRun().getSeed() != 0 ?
            model.getRun().getSeed() : 1;
        this.seed = base;
        this.trainStimulus = Stimulus.newBuilder().setRateCoded(rates.toBuilder().clearSamples()
            .addAllSamples(rates.getSamplesList().subList(0, trainSamples))).build();
        this.testStimulus = Stimulus.newBuilder().setRateCoded(rates.toBuilder().clearSamples().setSeed(base)
            .addAllSamples(rates.getSamplesList().subList(trainSamples, samples))).build();
    }

    public int trainSamples()
    {
        return trainSamples;
    }

    public int testSamples()
    {
        return testSamples;
    }

    /** Ticks one epoch simulates (training and held-out runs). */
    public long ticksPerEpoch()
    {
        return (trainSamples + testSamples) * ticksPerSample;
    }

    /** Ticks simulated so far, over every epoch (for a progress bar; safe from any thread). */
    public LongSupplier progress()
    {
        return () ->
        {
            final ChipSimulation running = current;
            return doneTicks + (running == null ? 0 : running.completedTicks());
        };
    }

    /** The model with the weights learned so far (plasticity kept). */
    public Model model()
    {
        return model;
    }

    /** Runs epoch {@code epoch} (1-based): trains, writes the weights back, then measures held-out accuracy. */
    public Epoch epoch(final int epoch)
    {
        final Model training = model.toBuilder().setStimulus(trainStimulus.toBuilder().setRateCoded(
            trainStimulus.getRateCoded().toBuilder().setSeed(seed + epoch - 1))).build();
        final RunResult trained = run(training);
        final EnergyReport energy = energy(trained);
        model = LearnedModel.apply(model, trained).toBuilder().setStimulus(model.getStimulus()).build();
        cumulativePj += energy.totalPj();
        final RunResult tested = run(frozen(model).toBuilder().setStimulus(testStimulus).build());
        final int correct = tested.classification() == null ? 0 : tested.classification().correct();
        return new Epoch(epoch, trainSamples, energy.totalPj(), energy.componentTotalPj(Component.LEARN),
            trained.total(CoreCounter.LEARN_UPDATES), trained.total(CoreCounter.SBP_PACKETS_SENT), correct,
            testSamples, cumulativePj);
    }

    private RunResult run(final Model toRun)
    {
        final ChipSimulation simulation = new ChipSimulation(Compiler.compile(toRun),
            RunOptions.defaults().withWorkers(workers));
        current = simulation;
        final RunResult result = simulation.run();
        current = null;
        doneTicks += result.ticks();
        return result;
    }

    /** The model with every learning rule removed: fixed weights, no teaching. */
    public static Model frozen(final Model model)
    {
        final Network.Builder network = model.getNetwork().toBuilder();
        for (int j = 0; j < network.getProjectionsCount(); j++)
        {
            network.setProjections(j, network.getProjections(j).toBuilder().clearPlasticity());
        }
        return model.toBuilder().setNetwork(network).build();
    }

    /** The energy of a run from its counters, with the costs of the chip it ran on. */
    private static EnergyReport energy(final RunResult result)
    {
        final long[][] cores = new long[result.coreCount()][];
        for (int k = 0; k < cores.length; k++)
        {
            cores[k] = result.energyEvents(k);
        }
        final double tickSeconds = result.program().getRun().getTickSeconds() > 0 ?
            result.program().getRun().getTickSeconds() : 1e-3;
        final long perSample = Math.max(1, result.program().getStimulus().getRateCoded().getTicksPerSample());
        return EnergyReport.of(EnergyModel.of(result.program().getChip()), new Activity(result.ticks(), tickSeconds,
            (result.ticks() + perSample - 1) / perSample, cores, result.inputPortEnergyEvents(), result.tickTrace()));
    }
}
