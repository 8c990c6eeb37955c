package org.chipsim.compiler;

import java.util.Arrays;

import com.google.protobuf.ByteString;

import org.chipsim.core.ModelException;
import org.chipsim.core.ModelValidator;
import org.chipsim.core.NetworkIndex;
import org.chipsim.core.SynapseView;
import org.chipsim.core.neuron.FixedPointLif;
import org.chipsim.proto.v1.CoreProgram;
import org.chipsim.proto.v1.CoreRole;
import org.chipsim.proto.v1.HybridGl;
import org.chipsim.proto.v1.LearningRule;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Projection;

/**
 * Compiles the projections' hybrid global-local rules (model.proto HybridGl) into the cores that hold their rows: a
 * rule table in fixed point, the rule of each row, beta per row, eta per neuron, the initial local weights P and which
 * cells are synapses. The crossbar keeps W. Hybrid rows must sit on soma cores (the rule reads the neurons'
 * potentials).
 */
final class HybridCompiler
{
    /** P's unit: 1/256 of a weight step. */
    static final int P_ONE_STEP = 256;
    static final int P_LIMIT = Short.MAX_VALUE;
    static final int BETA_LIMIT = 1 << 23;
    static final double DEFAULT_GAMMA = 0.95;

    private final Network network;
    private final NetworkIndex index;
    private final int axonsPerCore;
    /** Per hybrid projection: its synapses' target columns per source row (sorted; null for dense) and their P. */
    private final int[][][] columns;
    private final float[][][] pInit;

    HybridCompiler(final Network network, final NetworkIndex index, final int axonsPerCore)
    {
        this.network = network;
        this.index = index;
        this.axonsPerCore = axonsPerCore;
        this.columns = new int[network.getProjectionsCount()][][];
        this.pInit = new float[network.getProjectionsCount()][][];
        for (int j = 0; j < network.getProjectionsCount(); j++)
        {
            final Projection projection = network.getProjections(j);
            if (isHybrid(projection) && projection.getWeightsCount() == 0)
            {
                bySourceRow(j, projection);
            }
        }
    }

    static boolean isHybrid(final Projection projection)
    {
        return projection.hasPlasticity() && projection.getPlasticity().hasHybridGl();
    }

    boolean any()
    {
        return network.getProjectionsList().stream().anyMatch(HybridCompiler::isHybrid);
    }

    /** The core with its hybrid rows added (unchanged when none of its rows is hybrid). */
    CoreProgram addHybrid(final CoreProgram core, final double scale)
    {
        final int axons = core.getAxonCount();
        final int neurons = core.getNeuronCount();
        final int[] ruleOfProjection = new int[network.getProjectionsCount()];
        final int[] axonRule = new int[axons];
        CoreProgram.Builder builder = null;
        int[] etaQ16 = null;
        for (int a = 0; a < axons; a++)
        {
            final int j = core.getAxonProjection(a);
            final Projection projection = network.getProjections(j);
            if (!isHybrid(projection))
            {
                continue;
            }
            if (core.getRole() != CoreRole.CORE_ROLE_SOMA)
            {
                throw new ModelException("projection '" + ModelValidator.projectionName(projection) + "' is hybrid " +
                    "global-local, but population '" + index.name(core.getPopulation()) + "' has a fan-in beyond " +
                    "one core's " + axonsPerCore + " axons; the local weights need the neurons' potentials, so use " +
                    "larger cores (--axons) or a smaller fan-in");
            }
            if (builder == null)
            {
                builder = core.toBuilder();
                etaQ16 = new int[neurons];
            }
            if (ruleOfProjection[j] == 0)
            {
                final HybridGl h = projection.getPlasticity().getHybridGl();
                builder.addHybridRules(rule(j, h, scale));
                ruleOfProjection[j] = builder.getHybridRulesCount();
                final boolean first = builder.getHybridRulesCount() == 1;
                for (int n = 0; n < neurons; n++)
                {
                    final int post = core.getNeuronOffset() + n;
                    final float eta = h.getEtaCount() == 0 ? 0f : h.getEta(h.getEtaCount() == 1 ? 0 : post);
                    final int q16 = (int)clamp(Math.round(eta * (double)FixedPointLif.DECAY_ONE_Q16), Integer.MAX_VALUE);
                    if (!first && etaQ16[n] != q16)
                    {
                        throw new ModelException("population '" + index.name(core.getPopulation()) + "': its " +
                            "hybrid_gl projections give different eta for neuron " + post + "; eta belongs to the " +
                            "neuron, so they must agree");
                    }
                    etaQ16[n] = q16;
                }
            }
            axonRule[a] = ruleOfProjection[j];
        }
        if (builder == null)
        {
            return core;
        }
        final byte[] mask = new byte[(axons * neurons + 7) / 8];
        final byte[] p = new byte[axons * neurons * 2];
        for (int a = 0; a < axons; a++)
        {
            final int r = axonRule[a];
            builder.addAxonHybrid(r);
            if (r == 0)
            {
                builder.addHybridBetaQ8(0);
                continue;
            }
            final int j = core.getAxonProjection(a);
            final Projection projection = network.getProjections(j);
            final HybridGl h = projection.getPlasticity().getHybridGl();
            final int pre = core.getAxonSourceNeuron(a);
            final float beta = h.getBeta(h.getBetaCount() == 1 ? 0 : pre);
            builder.addHybridBetaQ8((int)clamp(Math.round(beta / scale * P_ONE_STEP), BETA_LIMIT));
            final int pMax = builder.getHybridRules(r - 1).getPMaxQ8();
            final int cols = index.size(index.indexOf(projection.getTarget()));
            final int[] rowColumns = columns[j] == null ? null : columns[j][pre];
            for (int n = 0; n < neurons; n++)
            {
                final int post = core.getNeuronOffset() + n;
                final float initial;
                if (rowColumns == null)
                {
                    initial = h.getPInitCount() == 0 ? 0f : h.getPInit(pre * cols + post);
                }
                else
                {
                    final int k = Arrays.binarySearch(rowColumns, post);
                    if (k < 0)
                    {
                        continue;
                    }
                    initial = pInit[j] == null ? 0f : pInit[j][pre][k];
                }
                final int bit = a * neurons + n;
                mask[bit >>> 3] |= (byte)(1 << (bit & 7));
                final int q8 = (int)clamp(Math.round(initial / scale * P_ONE_STEP), pMax);
                p[2 * bit] = (byte)q8;
                p[2 * bit + 1] = (byte)(q8 >> 8);
            }
        }
        for (final int eta : etaQ16)
        {
            builder.addHybridEtaQ16(eta);
        }
        return builder.setHybridMask(ByteString.copyFrom(mask)).setHybridPInitQ8(ByteString.copyFrom(p)).build();
    }

    private static LearningRule rule(final int projection, final HybridGl h, final double scale)
    {
        final double gamma = h.hasGamma() ? h.getGamma() : DEFAULT_GAMMA;
        final int one = FixedPointLif.DECAY_ONE_Q16;
        final int decay = h.getTauPreTicks() == 0 ? 0 : (int)Math.round(Math.exp(-1.0 / h.getTauPreTicks()) * one);
        return LearningRule.newBuilder()
            .setProjection(projection)
            .setHybrid(true)
            .setAlphaQ16((int)clamp(Math.round(h.getAlpha() * (double)one), Integer.MAX_VALUE))
            .setGammaQ16((int)Math.round(gamma * one))
            .setPMaxQ8((int)Math.max(1, clamp(Math.round(h.getPMax() / scale * P_ONE_STEP), P_LIMIT)))
            .setDecayPreQ16(decay)
            .setJumpPreQ16(decay == 0 ? one : one - decay)
            .setEpochTicks(Math.max(1, h.getEpochTicks()))
            .build();
    }

    private static long clamp(final long value, final long limit)
    {
        return Math.max(-limit, Math.min(limit, value));
    }

    /** A sparse hybrid projection's target columns per source row, sorted, and their initial P alongside. */
    private void bySourceRow(final int j, final Projection projection)
    {
        final int rows = index.size(index.indexOf(projection.getSource()));
        final SynapseView view = new SynapseView(projection, index.size(index.indexOf(projection.getTarget())));
        final HybridGl h = projection.getPlasticity().getHybridGl();
        final int[] count = new int[rows];
        for (int k = 0; k < view.size(); k++)
        {
            count[view.pre(k)]++;
        }
        // per row, synapse positions sorted by column (a long: column << 32 | list index)
        final long[][] keys = new long[rows][];
        for (int r = 0; r < rows; r++)
        {
            keys[r] = new long[count[r]];
            count[r] = 0;
        }
        for (int k = 0; k < view.size(); k++)
        {
            keys[view.pre(k)][count[view.pre(k)]++] = (long)view.post(k) << 32 | k;
        }
        columns[j] = new int[rows][];
        pInit[j] = h.getPInitCount() == 0 ? null : new float[rows][];
        for (int r = 0; r < rows; r++)
        {
            Arrays.sort(keys[r]);
            columns[j][r] = new int[keys[r].length];
            if (pInit[j] != null)
            {
                pInit[j][r] = new float[keys[r].length];
            }
            for (int k = 0; k < keys[r].length; k++)
            {
                columns[j][r][k] = (int)(keys[r][k] >>> 32);
                if (pInit[j] != null)
                {
                    pInit[j][r][k] = h.getPInit((int)keys[r][k]);
                }
            }
        }
    }
}
