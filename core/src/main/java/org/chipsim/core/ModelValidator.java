package org.chipsim.core;

import java.util.HashSet;
import java.util.Set;

import org.chipsim.core.layers.Layers;
import org.chipsim.proto.v1.ChipSpec;
import org.chipsim.proto.v1.LifNeuron;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Population;
import org.chipsim.proto.v1.Projection;
import org.chipsim.proto.v1.Provenance;
import org.chipsim.proto.v1.RateCoded;
import org.chipsim.proto.v1.RunConfig;
import org.chipsim.proto.v1.Sample;
import org.chipsim.proto.v1.SpikeTrain;
import org.chipsim.proto.v1.SpikeTrains;
import org.chipsim.proto.v1.Stimulus;

/**
 * Checks a {@link Model} for everything that would make it meaningless or impossible to run, before anything is
 * allocated from its sizes. Each problem is one {@link ModelException} naming the population, projection or field.
 */
public final class ModelValidator
{
    /** Neurons in one network; far above the target of 10^6 and well inside int global ids. */
    public static final long MAX_TOTAL_NEURONS = 1L << 28;
    /** Synapses in one network (dense counts every entry of the matrix). */
    public static final long MAX_TOTAL_SYNAPSES = 1L << 31;
    public static final int MAX_WORKERS = 256;
    public static final long MAX_TICKS = 1L << 40;

    private ModelValidator()
    {
    }

    /** Validates the model against its own chip (defaults resolved) and returns that resolved chip. */
    public static ChipSpec validate(final Model model)
    {
        if (model.getSchemaVersion() > 1)
        {
            throw new ModelException("model schema_version " + Integer.toUnsignedString(model.getSchemaVersion()) +
                " is newer than this chipsim understands (1); upgrade chipsim");
        }
        final ChipSpec chip = ChipSpecs.resolve(model.getChip());
        if (!model.hasNetwork() || model.getNetwork().getPopulationsCount() == 0)
        {
            throw new ModelException("model has no network populations; a model needs at least one population");
        }
        final Network network = model.getNetwork();
        final NetworkIndex index = validatePopulations(network);
        validateProjections(network, index, chip);
        org.chipsim.core.ann.AnnValidator.validateNetwork(network, index);
        SbpValidation.validateNetwork(network);
        LearnedStateModelValidator.validate(network, index);
        validateStimulusAndRun(model.getStimulus(), model.getRun(), index);
        TwoPhaseValidation.validate(model, index);
        validateProvenance(model.getProvenance());
        return chip;
    }

    private static void validateProvenance(final Provenance provenance)
    {
        if (provenance.hasAnnAccuracy() && !(provenance.getAnnAccuracy() >= 0f && provenance.getAnnAccuracy() <= 1f))
        {
            throw new ModelException("provenance.ann_accuracy must be in [0, 1] (a fraction), got " +
                provenance.getAnnAccuracy());
        }
        if (provenance.hasAnnTestAccuracy() &&
            !(provenance.getAnnTestAccuracy() >= 0f && provenance.getAnnTestAccuracy() <= 1f))
        {
            throw new ModelException("provenance.ann_test_accuracy must be in [0, 1] (a fraction), got " +
                provenance.getAnnTestAccuracy());
        }
    }

    private static NetworkIndex validatePopulations(final Network network)
    {
        final Set<String> seen = new HashSet<>();
        long total = 0;
        for (int p = 0; p < network.getPopulationsCount(); p++)
        {
            final Population population = network.getPopulations(p);
            final String where = "population #" + p + (population.getName().isEmpty() ? "" :
                " '" + population.getName() + "'");
            if (population.getName().isEmpty())
            {
                throw new ModelException(where + " has an empty name; every population needs a unique name");
            }
            if (!seen.add(population.getName()))
            {
                throw new ModelException(where + ": the name is used by another population; names must be unique");
            }
            final long size = Integer.toUnsignedLong(population.getSize());
            if (size == 0)
            {
                throw new ModelException(where + " has size 0; a population needs at least one neuron");
            }
            total += size;
            if (total > MAX_TOTAL_NEURONS)
            {
                throw new ModelException(where + ": the network has more than " + MAX_TOTAL_NEURONS +
                    " neurons, more than chipsim simulates; split the model");
            }
            if (!Double.isFinite(population.getWeightScale()) || population.getWeightScale() < 0)
            {
                throw new ModelException(where + ": weight_scale must be a finite number >= 0 (0 = automatic), got " +
                    population.getWeightScale());
            }
            if (population.hasAnn())
            {
                if (population.getInput())
                {
                    throw new ModelException(where + " is an input population (a spike source) and has ann " +
                        "parameters; an input population has no neuron model");
                }
                org.chipsim.core.ann.AnnValidator.validatePopulation(where, population.getAnn(), population.getSize(),
                    population.getWeightScale());
            }
            else if (!population.getInput())
            {
                if (!population.hasLif())
                {
                    throw new ModelException(where + " has no neuron model; set its lif parameters " +
                        "(or mark it input if it is a spike source)");
                }
                validateLif(where, population.getLif(), population.getSize());
            }
        }
        return new NetworkIndex(network);
    }

    private static void validateLif(final String where, final LifNeuron lif, final int size)
    {
        finite(where, "lif.threshold", lif.getThreshold());
        if (!(lif.getThreshold() > 0f))
        {
            throw new ModelException(where + ": lif.threshold must be > 0, got " + lif.getThreshold());
        }
        finite(where, "lif.decay", lif.getDecay());
        if (lif.getDecay() < 0f || lif.getDecay() > 1f)
        {
            throw new ModelException(where + ": lif.decay must be in [0, 1], got " + lif.getDecay());
        }
        finite(where, "lif.leak", lif.getLeak());
        if (lif.getLeak() < 0f)
        {
            throw new ModelException(where + ": lif.leak must be >= 0, got " + lif.getLeak());
        }
        finite(where, "lif.bias", lif.getBias());
        finite(where, "lif.v_reset", lif.getVReset());
        finite(where, "lif.v_min", lif.getVMin());
        finite(where, "lif.v_init", lif.getVInit());
        if (lif.getBiasesCount() != 0 && lif.getBiasesCount() != size)
        {
            throw new ModelException(where + ": lif.biases has " + lif.getBiasesCount() + " values, expected " +
                Integer.toUnsignedString(size) + " (one per neuron) or none");
        }
        for (int i = 0; i < lif.getBiasesCount(); i++)
        {
            finite(where, "lif.biases[" + i + "]", lif.getBiases(i));
        }
        if (lif.getResetModeValue() != 0 && lif.getResetModeValue() != 1)
        {
            throw new ModelException(where + ": lif.reset_mode " + lif.getResetModeValue() + " is unknown");
        }
        if (Integer.toUnsignedLong(lif.getRefractoryTicks()) > 1_000_000)
        {
            throw new ModelException(where + ": lif.refractory_ticks " +
                Integer.toUnsignedString(lif.getRefractoryTicks()) + " is absurdly long (max 1000000)");
        }
        if (lif.hasSynapticCurrent())
        {
            final float decay = lif.getSynapticCurrent().getDecay();
            finite(where, "lif.synaptic_current.decay", decay);
            if (decay < 0f || decay > 1f)
            {
                throw new ModelException(where + ": lif.synaptic_current.decay must be in [0, 1], got " + decay);
            }
            if (lif.hasHomeostasis())
            {
                throw new ModelException(where + ": lif.synaptic_current (CUBA neuron) cannot be combined with " +
                    "lif.homeostasis; use one of them");
            }
        }
        if (lif.hasHomeostasis())
        {
            final org.chipsim.proto.v1.Homeostasis h = lif.getHomeostasis();
            finite(where, "lif.homeostasis.theta_plus", h.getThetaPlus());
            finite(where, "lif.homeostasis.tau_theta_ticks", h.getTauThetaTicks());
            if (h.getThetaPlus() < 0 || !(h.getTauThetaTicks() > 0))
            {
                throw new ModelException(where + ": lif.homeostasis needs theta_plus >= 0 and tau_theta_ticks > 0, " +
                    "got " + h.getThetaPlus() + " and " + h.getTauThetaTicks());
            }
            if (lif.getResetMode() == org.chipsim.proto.v1.ResetMode.RESET_SUBTRACT)
            {
                throw new ModelException(where + ": lif.homeostasis (adaptive threshold) needs reset_mode " +
                    "RESET_TO_VALUE");
            }
        }
    }

    /** True when a projection has short-term plasticity, which only the chip models. */
    public static boolean hasStp(final org.chipsim.proto.v1.Network network)
    {
        for (final org.chipsim.proto.v1.Projection projection : network.getProjectionsList())
        {
            if (projection.hasStp())
            {
                return true;
            }
        }
        return false;
    }

    /** True when a population has an adaptive threshold (homeostasis), which only the chip models. */
    public static boolean adapts(final org.chipsim.proto.v1.Network network)
    {
        for (final org.chipsim.proto.v1.Population population : network.getPopulationsList())
        {
            if (population.hasLif() && population.getLif().hasHomeostasis())
            {
                return true;
            }
        }
        return false;
    }

    private static void validateProjections(final Network network, final NetworkIndex index, final ChipSpec chip)
    {
        long synapses = 0;
        final LayerShapes shapes = new LayerShapes(index);
        for (int j = 0; j < network.getProjectionsCount(); j++)
        {
            final Projection projection = network.getProjections(j);
            final String where = "projection #" + j + " '" + projectionName(projection) + "'";
            final int source = index.indexOf(projection.getSource());
            final int target = index.indexOf(projection.getTarget());
            if (source < 0)
            {
                throw new ModelException(where + ": source population '" + projection.getSource() +
                    "' does not exist");
            }
            if (target < 0)
            {
                throw new ModelException(where + ": target population '" + projection.getTarget() +
                    "' does not exist");
            }
            if (index.isInput(target))
            {
                throw new ModelException(where + ": target '" + projection.getTarget() +
                    "' is an input population; input populations cannot receive projections");
            }
            final long rows = Integer.toUnsignedLong(index.size(source));
            final long cols = Integer.toUnsignedLong(index.size(target));
            if (projection.hasReward())
            {
                if (SynapseView.encodingsUsed(projection) > 0 || projection.hasPlasticity() || projection.hasStp())
                {
                    throw new ModelException(where + ": a reward projection carries reward packets, not current: " +
                        "it must have no weights, synapses, layer, plasticity or stp");
                }
                final int values = projection.getReward().getValuesCount();
                if (values != 0 && values != rows)
                {
                    throw new ModelException(where + ": reward.values has " + values + " entries; give none (every " +
                        "spike is worth 1) or one per source neuron (" + rows + ")");
                }
                for (int k = 0; k < values; k++)
                {
                    finite(where, "reward.values[" + k + "]", projection.getReward().getValues(k));
                }
                if (Integer.toUnsignedLong(projection.getDelayTicks()) > chip.getMaxDelayTicks())
                {
                    throw new ModelException(where + ": delay_ticks exceeds the chip's max_delay_ticks");
                }
                continue;
            }
            if (SynapseView.encodingsUsed(projection) > 1)
            {
                throw new ModelException(where + " uses more than one of weights, synapses, sparse and a layer " +
                    "(conv2d, pooling, flatten); use one");
            }
            if (Layers.isLayer(projection))
            {
                synapses += validateLayer(where, projection, rows, cols, shapes);
            }
            else if (projection.getWeightsCount() > 0)
            {
                if (projection.getWeightsCount() != rows * cols)
                {
                    throw new ModelException(where + ": weights has " + projection.getWeightsCount() +
                        " values, expected " + rows + " x " + cols + " = " + rows * cols +
                        " (source size x target size, row-major)");
                }
                for (int k = 0; k < projection.getWeightsCount(); k++)
                {
                    final float w = projection.getWeights(k);
                    if (!Float.isFinite(w))
                    {
                        throw new ModelException(where + ": weights[" + k + "] (row " + k / cols + ", column " +
                            k % cols + ") is " + w + "; weights must be finite");
                    }
                }
                synapses += rows * cols;
            }
            else
            {
                final String field = projection.getSynapsesCount() > 0 ? "synapses" : "sparse";
                final org.chipsim.proto.v1.SparseWeights sparse = projection.getSparse();
                if (field.equals("sparse") && (sparse.getPostCount() != sparse.getPreCount() ||
                    sparse.getWeightCount() != sparse.getPreCount()))
                {
                    throw new ModelException(where + ": sparse.pre, sparse.post and sparse.weight have " +
                        sparse.getPreCount() + ", " + sparse.getPostCount() + " and " + sparse.getWeightCount() +
                        " entries; they must have the same length");
                }
                validateSynapses(where, field, new SynapseView(projection, index.size(target)), rows, cols);
                synapses += projection.getSynapsesCount() + sparse.getPreCount();
            }
            if (synapses > MAX_TOTAL_SYNAPSES)
            {
                throw new ModelException(where + ": the network has more than " + MAX_TOTAL_SYNAPSES +
                    " synapses, more than chipsim simulates in one process; split the model");
            }
            if (chip.getWeightBits() == 1)
            {
                requireNonNegative(where, new SynapseView(projection, index.size(source), index.size(target)));
            }
            if (projection.hasPlasticity() && projection.getPlasticity().hasHybridGl())
            {
                HybridGlValidator.validate(where, projection, rows, cols, projection.getWeightsCount() > 0 ?
                    rows * cols : projection.getSynapsesCount() + projection.getSparse().getPreCount());
            }
            else if (projection.hasPlasticity())
            {
                validatePlasticity(where, projection.getPlasticity());
            }
            if (projection.hasStp())
            {
                final org.chipsim.proto.v1.ShortTermPlasticity stp = projection.getStp();
                finite(where, "stp.u", stp.getU());
                finite(where, "stp.tau_f_ticks", stp.getTauFTicks());
                finite(where, "stp.tau_d_ticks", stp.getTauDTicks());
                if (!(stp.getU() > 0 && stp.getU() <= 1) || !(stp.getTauFTicks() > 0) || !(stp.getTauDTicks() > 0))
                {
                    throw new ModelException(where + ": stp needs 0 < u <= 1, tau_f_ticks > 0 and tau_d_ticks > 0, " +
                        "got " + stp.getU() + ", " + stp.getTauFTicks() + ", " + stp.getTauDTicks());
                }
            }
            if (Integer.toUnsignedLong(projection.getDelayTicks()) > chip.getMaxDelayTicks())
            {
                throw new ModelException(where + ": delay_ticks " + Integer.toUnsignedString(projection.getDelayTicks()) +
                    " exceeds the chip's max_delay_ticks " + chip.getMaxDelayTicks() +
                    "; raise chip.max_delay_ticks or shorten the delay");
            }
        }
    }

    /**
     * A layer projection: its parameters against the source and target sizes, and the (channels, height, width) it
     * gives its populations against the shapes other layers gave them. Returns the most synapses it can lower to.
     */
    private static long validateLayer(final String where, final Projection projection, final long rows,
        final long cols, final LayerShapes shapes)
    {
        final Layers.Geometry g = Layers.geometry(where, projection, rows, cols);
        if (projection.hasPlasticity())
        {
            throw new ModelException(where + ": a " + g.kind().field() + " layer cannot learn (its synapses share " +
                "weights, which on-chip learning would update one by one); give it as sparse synapses to learn");
        }
        shapes.declare(where, projection.getSource(), Layers.inputShape(g), "reads");
        shapes.declare(where, projection.getTarget(), Layers.outputShape(g), "makes");
        return Math.min(g.synapseBound(), MAX_TOTAL_SYNAPSES + 1);
    }

    /** The image shape each population has in the layers that read or make it; they must agree. */
    private static final class LayerShapes
    {
        private final NetworkIndex index;
        private final int[][] shape;
        private final String[] declaredBy;

        LayerShapes(final NetworkIndex index)
        {
            this.index = index;
            this.shape = new int[index.populationCount()][];
            this.declaredBy = new String[index.populationCount()];
        }

        void declare(final String where, final String population, final int[] given, final String verb)
        {
            if (given == null)
            {
                return;
            }
            final int p = index.indexOf(population);
            if (shape[p] == null)
            {
                shape[p] = given;
                declaredBy[p] = where + " " + verb + " it as " + shapeText(given);
            }
            else if (!java.util.Arrays.equals(shape[p], given))
            {
                throw new ModelException(where + " " + verb + " population '" + population + "' as " +
                    shapeText(given) + " but " + declaredBy[p] + "; shapes do not chain");
            }
        }

        private static String shapeText(final int[] s)
        {
            return s[0] + " x " + s[1] + " x " + s[2];
        }
    }

    private static void validatePlasticity(final String where, final org.chipsim.proto.v1.Plasticity plasticity)
    {
        final String at = where + ": plasticity";
        if (plasticity.getRuleCase() == org.chipsim.proto.v1.Plasticity.RuleCase.RULE_NOT_SET)
        {
            throw new ModelException(at + " names no rule; set stdp_pair, stdp_triplet, rstdp, two_phase, hybrid_gl " +
                "or trace_rule");
        }
        if (plasticity.hasTraceRule())
        {
            TraceRules.validate(at, plasticity.getTraceRule());
        }
        final float[] amplitudes;
        final float[] taus;
        final String[] names;
        if (plasticity.hasTraceRule())
        {
            amplitudes = new float[0];
            taus = new float[0];
            names = new String[0];
        }
        else if (plasticity.hasRstdp())
        {
            final org.chipsim.proto.v1.Rstdp r = plasticity.getRstdp();
            amplitudes = new float[] {r.getAPlus(), r.getAMinus(), r.getEta()};
            taus = new float[] {r.getTauPlusTicks(), r.getTauMinusTicks(), r.getTauETicks()};
            names = new String[] {"rstdp.a_plus", "rstdp.a_minus", "rstdp.eta", "rstdp.tau_plus_ticks",
                "rstdp.tau_minus_ticks", "rstdp.tau_e_ticks"};
        }
        else if (plasticity.hasStdpTriplet())
        {
            final org.chipsim.proto.v1.StdpTriplet t = plasticity.getStdpTriplet();
            amplitudes = new float[] {t.getA2Plus(), t.getA3Plus(), t.getA2Minus(), t.getA3Minus()};
            taus = new float[] {t.getTauPlusTicks(), t.getTauMinusTicks(), t.getTauXTicks(), t.getTauYTicks()};
            names = new String[] {"stdp_triplet.a2_plus", "stdp_triplet.a3_plus", "stdp_triplet.a2_minus",
                "stdp_triplet.a3_minus", "stdp_triplet.tau_plus_ticks", "stdp_triplet.tau_minus_ticks",
                "stdp_triplet.tau_x_ticks", "stdp_triplet.tau_y_ticks"};
        }
        else if (plasticity.hasTwoPhase())
        {
            // no traces: TwoPhaseValidation checks its parameters
            amplitudes = new float[0];
            taus = new float[0];
            names = new String[0];
        }
        else
        {
            final org.chipsim.proto.v1.StdpPair stdp = plasticity.getStdpPair();
            amplitudes = new float[] {stdp.getAPlus(), stdp.getAMinus()};
            taus = new float[] {stdp.getTauPlusTicks(), stdp.getTauMinusTicks()};
            names = new String[] {"stdp_pair.a_plus", "stdp_pair.a_minus", "stdp_pair.tau_plus_ticks",
                "stdp_pair.tau_minus_ticks"};
        }
        for (int k = 0; k < amplitudes.length; k++)
        {
            finite(at, names[k], amplitudes[k]);
            if (amplitudes[k] < 0)
            {
                throw new ModelException(at + ": " + names[k] + " must be >= 0, got " + amplitudes[k]);
            }
        }
        for (int k = 0; k < taus.length; k++)
        {
            final String name = names[amplitudes.length + k];
            finite(at, name, taus[k]);
            if (!(taus[k] > 0))
            {
                throw new ModelException(at + ": " + name + " must be > 0, got " + taus[k]);
            }
        }
        SbpValidation.validate(at, plasticity);
        TwoPhaseValidation.validate(at, plasticity);
        finite(at, "w_min", plasticity.getWMin());
        finite(at, "w_max", plasticity.getWMax());
        if (plasticity.getWMin() > plasticity.getWMax())
        {
            throw new ModelException(at + ": w_min " + plasticity.getWMin() + " is above w_max " +
                plasticity.getWMax());
        }
    }

    /** 1-bit weights are binary (0 or 1 step): a negative weight cannot be stored, and is refused, not dropped. */
    private static void requireNonNegative(final String where, final SynapseView view)
    {
        for (int k = 0; k < view.size(); k++)
        {
            if (view.weight(k) < 0f)
            {
                throw new ModelException(where + ": weight " + view.weight(k) + " (" + view.pre(k) + " -> " +
                    view.post(k) + ") is negative, but 1-bit weights are binary (0 or 1 step); use weight_bits >= 2 " +
                    "for signed weights");
            }
        }
    }

    private static void validateSynapses(final String where, final String field, final SynapseView view,
        final long rows, final long cols)
    {
        final int count = (int)view.size();
        final long[] keys = new long[count];
        for (int k = 0; k < count; k++)
        {
            final long pre = Integer.toUnsignedLong(view.pre(k));
            final long post = Integer.toUnsignedLong(view.post(k));
            if (pre >= rows || post >= cols)
            {
                throw new ModelException(where + ": " + field + "[" + k + "] (" + pre + " -> " + post +
                    ") is outside the " + rows + " x " + cols + " source x target range");
            }
            if (!Float.isFinite(view.weight(k)))
            {
                throw new ModelException(where + ": " + field + "[" + k + "] weight is " + view.weight(k) +
                    "; weights must be finite");
            }
            keys[k] = pre * cols + post;
        }
        // sort once instead of hashing: no boxing, 8 bytes per synapse
        java.util.Arrays.sort(keys);
        for (int k = 1; k < count; k++)
        {
            if (keys[k] == keys[k - 1])
            {
                throw new ModelException(where + ": " + field + " repeats the pair (" + keys[k] / cols + " -> " +
                    keys[k] % cols + "); each pair may appear once");
            }
        }
    }

    /** The stimulus and run settings against the populations (also used for compiled programs). */
    static void validateStimulusAndRun(final Stimulus stimulus, final RunConfig run, final NetworkIndex index)
    {
        validateStimulus(stimulus, index);
        validateRun(run, index);
    }

    private static void validateStimulus(final Stimulus stimulus, final NetworkIndex index)
    {
        switch (stimulus.getSourceCase())
        {
            case RATE_CODED -> validateRateCoded(stimulus.getRateCoded(), index);
            case SPIKE_TRAINS ->
            {
                final SpikeTrains trains = stimulus.getSpikeTrains();
                validateSpikeTrainSamples(trains);
                final long tps = Integer.toUnsignedLong(trains.getTicksPerSample());
                final long end = trains.getLabelsCount() > 0 ? tps * trains.getLabelsCount() : Long.MAX_VALUE;
                for (int k = 0; k < trains.getTrainsCount(); k++)
                {
                    final SpikeTrain train = trains.getTrains(k);
                    final String where = "stimulus.spike_trains.trains[" + k + "]";
                    final int population = inputPopulation(where, train.getPopulation(), index);
                    if (Integer.toUnsignedLong(train.getNeuron()) >= Integer.toUnsignedLong(index.size(population)))
                    {
                        throw new ModelException(where + ": neuron " + Integer.toUnsignedString(train.getNeuron()) +
                            " is outside population '" + train.getPopulation() + "' of size " +
                            Integer.toUnsignedString(index.size(population)));
                    }
                    for (int t = 0; t < train.getTicksCount(); t++)
                    {
                        if (Integer.toUnsignedLong(train.getTicks(t)) >= end)
                        {
                            throw new ModelException(where + ": tick " + Integer.toUnsignedString(train.getTicks(t)) +
                                " is after the last sample (" + trains.getLabelsCount() + " labels x ticks_per_sample " +
                                tps + " = ticks 0.." + (end - 1) + ")");
                        }
                    }
                }
            }
            case SOURCE_NOT_SET ->
            {
                // no stimulus: the network runs on its biases alone
            }
        }
    }

    private static void validateSpikeTrainSamples(final SpikeTrains trains)
    {
        final String where = "stimulus.spike_trains";
        if (trains.getTicksPerSample() == 0)
        {
            if (trains.getLabelsCount() > 0 || trains.getResetBetweenSamples())
            {
                throw new ModelException(where + ": labels and reset_between_samples need ticks_per_sample >= 1 " +
                    "(the length of each sample)");
            }
            return;
        }
        if (trains.getTicksPerSample() < 0)
        {
            throw new ModelException(where + ".ticks_per_sample " + Integer.toUnsignedString(
                trains.getTicksPerSample()) + " is too large (at most " + Integer.MAX_VALUE + ")");
        }
        for (int s = 0; s < trains.getLabelsCount(); s++)
        {
            if (trains.getLabels(s) < -1)
            {
                throw new ModelException(where + ".labels[" + s + "] is " + trains.getLabels(s) +
                    "; a label is a class index >= 0, or -1 for none");
            }
        }
    }

    private static void validateRateCoded(final RateCoded rate, final NetworkIndex index)
    {
        final String where = "stimulus.rate_coded";
        final int population = inputPopulation(where, rate.getPopulation(), index);
        if (rate.getTicksPerSample() == 0)
        {
            throw new ModelException(where + ".ticks_per_sample must be >= 1");
        }
        finite(where, "rate_scale", rate.getRateScale());
        if (rate.getRateScale() < 0f)
        {
            throw new ModelException(where + ".rate_scale must be >= 0, got " + rate.getRateScale());
        }
        for (int s = 0; s < rate.getSamplesCount(); s++)
        {
            final Sample sample = rate.getSamples(s);
            if (Integer.toUnsignedLong(sample.getRatesCount()) != Integer.toUnsignedLong(index.size(population)))
            {
                throw new ModelException(where + ".samples[" + s + "] has " + sample.getRatesCount() +
                    " rates, expected " + Integer.toUnsignedString(index.size(population)) + " (size of input '" +
                    rate.getPopulation() + "')");
            }
            for (int i = 0; i < sample.getRatesCount(); i++)
            {
                final float r = sample.getRates(i);
                if (!Float.isFinite(r) || r < 0f || r > 1f)
                {
                    throw new ModelException(where + ".samples[" + s + "].rates[" + i + "] is " + r +
                        "; a rate is a spike probability per tick in [0, 1]");
                }
            }
        }
    }

    private static int inputPopulation(final String where, final String name, final NetworkIndex index)
    {
        final int population = index.indexOf(name);
        if (population < 0)
        {
            throw new ModelException(where + ": population '" + name + "' does not exist");
        }
        if (!index.isInput(population))
        {
            throw new ModelException(where + ": population '" + name + "' is not an input population; " +
                "mark it input: true to drive it with a stimulus");
        }
        return population;
    }

    private static void validateRun(final RunConfig run, final NetworkIndex index)
    {
        if (Long.compareUnsigned(run.getTicks(), MAX_TICKS) > 0)
        {
            throw new ModelException("run.ticks " + Long.toUnsignedString(run.getTicks()) + " is more than " +
                MAX_TICKS);
        }
        if (Integer.toUnsignedLong(run.getWorkers()) > MAX_WORKERS)
        {
            throw new ModelException("run.workers must be in 1.." + MAX_WORKERS + " (0 = automatic), got " +
                Integer.toUnsignedString(run.getWorkers()));
        }
        for (final String name : run.getRecordPopulationsList())
        {
            if (index.indexOf(name) < 0)
            {
                throw new ModelException("run.record_populations: population '" + name + "' does not exist");
            }
        }
        if (!run.getReadoutPopulation().isEmpty())
        {
            final int readout = index.indexOf(run.getReadoutPopulation());
            if (readout < 0)
            {
                throw new ModelException("run.readout_population '" + run.getReadoutPopulation() + "' does not exist");
            }
        }
        if (run.getTickSeconds() < 0.0 || !Double.isFinite(run.getTickSeconds()))
        {
            throw new ModelException("run.tick_seconds must be a positive finite duration, got " + run.getTickSeconds());
        }
    }

    /** A projection's display name: its name, or "source->target". */
    public static String projectionName(final Projection projection)
    {
        return projection.getName().isEmpty() ? projection.getSource() + "->" + projection.getTarget() :
            projection.getName();
    }

    private static void finite(final String where, final String field, final float value)
    {
        if (!Float.isFinite(value))
        {
            throw new ModelException(where + ": " + field + " is " + value + "; it must be a finite number");
        }
    }
}
