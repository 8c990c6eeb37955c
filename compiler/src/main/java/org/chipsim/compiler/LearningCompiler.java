package org.chipsim.compiler;

import java.util.Arrays;

import com.google.protobuf.ByteString;

import org.chipsim.core.ModelException;
import org.chipsim.core.ModelValidator;
import org.chipsim.core.NetworkIndex;
import org.chipsim.core.SynapseView;
import org.chipsim.core.neuron.FixedPointLif;
import org.chipsim.core.neuron.Quantization;
import org.chipsim.proto.v1.ChipSpec;
import org.chipsim.proto.v1.CoreProgram;
import org.chipsim.proto.v1.CoreRole;
import org.chipsim.proto.v1.LearningRule;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Plasticity;
import org.chipsim.proto.v1.Projection;
import org.chipsim.proto.v1.StdpPair;
import org.chipsim.proto.v1.StdpTriplet;

/**
 * Compiles the projections' learning rules into the cores that hold their synapses: a rule table in the core's
 * integer units, the rule of each crossbar row, and which cells of learning rows are real synapses.
 *
 * <p>v1 limits, refused with a clear message: learning rows must sit on soma cores (a partial-sum core has no post
 * spikes to learn from; sending them there is later work), and the learning rules of one core share the post-synaptic
 * trace, so they must have the same tau_minus.
 */
final class LearningCompiler
{
    private final Network network;
    private final NetworkIndex index;
    private final ChipSpec chip;
    /** Per projection: null if it does not learn; else its sparse rows' columns (null rows mean dense). */
    private final int[][][] sparseColumns;

    LearningCompiler(final Network network, final NetworkIndex index, final ChipSpec chip)
    {
        this.network = network;
        this.index = index;
        this.chip = chip;
        this.sparseColumns = new int[network.getProjectionsCount()][][];
        for (int j = 0; j < network.getProjectionsCount(); j++)
        {
            final Projection projection = network.getProjections(j);
            if (projection.hasPlasticity() && projection.getWeightsCount() == 0)
            {
                sparseColumns[j] = columnsByRow(projection);
            }
        }
    }

    boolean anyLearning()
    {
        for (final Projection projection : network.getProjectionsList())
        {
            if (projection.hasPlasticity())
            {
                return true;
            }
        }
        return false;
    }

    /** The core with its learning rows added (unchanged when none of its rows learns). */
    CoreProgram addLearning(final CoreProgram core, final double scale)
    {
        final int axons = core.getAxonCount();
        final int[] ruleOfProjection = new int[network.getProjectionsCount()];
        final CoreProgram.Builder builder = core.toBuilder();
        final int[] axonRule = new int[axons];
        float[] axonReward = null;
        boolean learns = false;
        for (int a = 0; a < axons; a++)
        {
            final int j = core.getAxonProjection(a);
            final Projection projection = network.getProjections(j);
            if (projection.hasReward())
            {
                if (core.getRole() != CoreRole.CORE_ROLE_SOMA)
                {
                    throw new ModelException("reward projection '" + ModelValidator.projectionName(projection) +
                        "': population '" + index.name(core.getPopulation()) + "' has a fan-in beyond one core's " +
                        chip.getAxonsPerCore() + " axons, and rewards on partial-sum cores are not supported; use " +
                        "larger cores (--axons) or a smaller fan-in");
                }
                if (axonReward == null)
                {
                    axonReward = new float[axons];
                }
                final int k = core.getAxonSourceNeuron(a);
                axonReward[a] = projection.getReward().getValuesCount() == 0 ? 1f :
                    projection.getReward().getValues(k);
                continue;
            }
            if (!projection.hasPlasticity() || HybridCompiler.isHybrid(projection))
            {
                continue;
            }
            if (core.getRole() != CoreRole.CORE_ROLE_SOMA)
            {
                throw new ModelException("projection '" + ModelValidator.projectionName(projection) + "' learns, but " +
                    "population '" + index.name(core.getPopulation()) + "' has a fan-in beyond one core's " +
                    chip.getAxonsPerCore() + " axons and on-chip learning across partial-sum cores is not supported " +
                    "yet; use larger cores (--axons) or a smaller fan-in");
            }
            if (ruleOfProjection[j] == 0)
            {
                builder.addLearningRules(rule(j, projection.getPlasticity(), scale));
                ruleOfProjection[j] = builder.getLearningRulesCount();
            }
            axonRule[a] = ruleOfProjection[j];
            learns = true;
        }
        if (!learns)
        {
            return core;
        }
        for (int r = 1; r < builder.getLearningRulesCount(); r++)
        {
            if (builder.getLearningRules(r).getDecayMinusQ16() != builder.getLearningRules(0).getDecayMinusQ16())
            {
                throw new ModelException("population '" + index.name(core.getPopulation()) + "': its learning " +
                    "projections have different tau_minus_ticks; the neurons' post-synaptic trace is shared, so " +
                    "they must be equal");
            }
        }
        int decayY2 = -1;
        for (final LearningRule rule : builder.getLearningRulesList())
        {
            if (rule.getTriplet())
            {
                if (decayY2 >= 0 && rule.getDecayY2Q16() != decayY2)
                {
                    throw new ModelException("population '" + index.name(core.getPopulation()) + "': its triplet " +
                        "STDP projections have different tau_y_ticks; the neurons' slow post-synaptic trace is " +
                        "shared, so they must be equal");
                }
                decayY2 = rule.getDecayY2Q16();
            }
        }
        final int neurons = core.getNeuronCount();
        final byte[] mask = new byte[(axons * neurons + 7) / 8];
        for (int a = 0; a < axons; a++)
        {
            if (axonRule[a] == 0)
            {
                continue;
            }
            final int j = core.getAxonProjection(a);
            final int[] columns = sparseColumns[j] == null ? null : sparseColumns[j][core.getAxonSourceNeuron(a)];
            for (int n = 0; n < neurons; n++)
            {
                final int post = core.getNeuronOffset() + n;
                if (columns == null || Arrays.binarySearch(columns, post) >= 0)
                {
                    final int bit = a * neurons + n;
                    mask[bit >>> 3] |= (byte)(1 << (bit & 7));
                }
            }
        }
        for (final int r : axonRule)
        {
            builder.addAxonRule(r);
        }
        if (axonReward != null)
        {
            for (final float r : axonReward)
            {
                builder.addAxonReward(r);
            }
        }
        return builder.setPlasticMask(ByteString.copyFrom(mask)).build();
    }

    private LearningRule rule(final int projection, final Plasticity plasticity, final double scale)
    {
        final int max = Quantization.maxWeight(chip.getWeightBits());
        final int min = Quantization.minWeight(chip.getWeightBits());
        int wMin = min;
        int wMax = max;
        if (plasticity.getWMin() != 0f || plasticity.getWMax() != 0f)
        {
            wMin = (int)Math.max(min, Math.ceil(plasticity.getWMin() / scale));
            wMax = (int)Math.min(max, Math.floor(plasticity.getWMax() / scale));
        }
        final LearningRule.Builder rule = LearningRule.newBuilder();
        if (plasticity.hasRstdp())
        {
            final org.chipsim.proto.v1.Rstdp r = plasticity.getRstdp();
            rule.setAPlusSteps(r.getAPlus() / scale)
                .setAMinusSteps(r.getAMinus() / scale)
                .setDecayPlusQ16(decayQ16(r.getTauPlusTicks()))
                .setDecayMinusQ16(decayQ16(r.getTauMinusTicks()))
                .setRstdp(true)
                .setDecayEQ16(decayQ16(r.getTauETicks()))
                .setEta(r.getEta());
        }
        else if (plasticity.hasTraceRule() && !org.chipsim.core.TraceRules.stdpForm(plasticity.getTraceRule()))
        {
            // any other sum of products: the engine evaluates its term tables with the same four traces
            final org.chipsim.proto.v1.TraceRule t = plasticity.getTraceRule();
            rule.setDecayPlusQ16(decayQ16(t.getTauX1Ticks()))
                .setDecayMinusQ16(decayQ16(t.getTauY1Ticks()))
                .addAllPreTermSteps(doubles(org.chipsim.core.TraceRules.terms(t,
                    org.chipsim.proto.v1.TraceEvent.PRE_SPIKE, scale)))
                .addAllPostTermSteps(doubles(org.chipsim.core.TraceRules.terms(t,
                    org.chipsim.proto.v1.TraceEvent.POST_SPIKE, scale)));
            if (org.chipsim.core.TraceRules.triplet(t))
            {
                rule.setTriplet(true)
                    .setDecayX2Q16(decayQ16(t.getTauX2Ticks()))
                    .setDecayY2Q16(decayQ16(t.getTauY2Ticks()));
            }
        }
        else if (plasticity.hasStdpTriplet() || plasticity.hasTraceRule() &&
            org.chipsim.core.TraceRules.triplet(plasticity.getTraceRule()))
        {
            final StdpTriplet t = plasticity.hasTraceRule() ?
                org.chipsim.core.TraceRules.amplitudes(plasticity.getTraceRule()) : plasticity.getStdpTriplet();
            rule.setAPlusSteps(t.getA2Plus() / scale)
                .setAMinusSteps(t.getA2Minus() / scale)
                .setDecayPlusQ16(decayQ16(t.getTauPlusTicks()))
                .setDecayMinusQ16(decayQ16(t.getTauMinusTicks()))
                .setTriplet(true)
                .setA3PlusSteps(t.getA3Plus() / scale)
                .setA3MinusSteps(t.getA3Minus() / scale)
                .setDecayX2Q16(decayQ16(t.getTauXTicks()))
                .setDecayY2Q16(decayQ16(t.getTauYTicks()));
        }
        else if (plasticity.hasTwoPhase())
        {
            TwoPhaseCompiler.addTo(rule, plasticity.getTwoPhase(), scale);
        }
        else if (plasticity.hasTraceRule())
        {
            // a sum-of-products rule made of pair terms only: the pair program
            final StdpTriplet t = org.chipsim.core.TraceRules.amplitudes(plasticity.getTraceRule());
            rule.setAPlusSteps(t.getA2Plus() / scale)
                .setAMinusSteps(t.getA2Minus() / scale)
                .setDecayPlusQ16(decayQ16(t.getTauPlusTicks()))
                .setDecayMinusQ16(decayQ16(t.getTauMinusTicks()));
        }
        else
        {
            final StdpPair stdp = plasticity.getStdpPair();
            rule.setAPlusSteps(stdp.getAPlus() / scale)
                .setAMinusSteps(stdp.getAMinus() / scale)
                .setDecayPlusQ16(decayQ16(stdp.getTauPlusTicks()))
                .setDecayMinusQ16(decayQ16(stdp.getTauMinusTicks()));
        }
        return SbpCompiler.addTo(rule, plasticity)
            .setWMinSteps(wMin)
            .setWMaxSteps(Math.max(wMin, wMax))
            .setSoftBounds(plasticity.getSoftBounds())
            .setProjection(projection)
            .build();
    }

    private static java.util.List<Double> doubles(final double[] values)
    {
        final java.util.List<Double> list = new java.util.ArrayList<>(values.length);
        for (final double v : values)
        {
            list.add(v);
        }
        return list;
    }

    private static int decayQ16(final double tauTicks)
    {
        return (int)Math.round(Math.exp(-1.0 / tauTicks) * FixedPointLif.DECAY_ONE_Q16);
    }

    /** A sparse projection's target columns per source row, sorted. */
    private int[][] columnsByRow(final Projection projection)
    {
        final int rows = index.size(index.indexOf(projection.getSource()));
        final SynapseView view = new SynapseView(projection, index.size(index.indexOf(projection.getTarget())));
        final int[] count = new int[rows];
        for (int k = 0; k < view.size(); k++)
        {
            count[view.pre(k)]++;
        }
        final int[][] columns = new int[rows][];
        for (int r = 0; r < rows; r++)
        {
            columns[r] = new int[count[r]];
            count[r] = 0;
        }
        for (int k = 0; k < view.size(); k++)
        {
            columns[view.pre(k)][count[view.pre(k)]++] = view.post(k);
        }
        for (final int[] row : columns)
        {
            Arrays.sort(row);
        }
        return columns;
    }
}
