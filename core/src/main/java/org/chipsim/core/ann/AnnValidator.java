package org.chipsim.core.ann;

import org.chipsim.core.ModelException;
import org.chipsim.core.ModelValidator;
import org.chipsim.core.NetworkIndex;
import org.chipsim.proto.v1.AnnActivation;
import org.chipsim.proto.v1.AnnNeuron;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Population;
import org.chipsim.proto.v1.Projection;

/** The rules of ANN-mode populations and of the projections that touch them (model.proto AnnNeuron). */
public final class AnnValidator
{
    private AnnValidator()
    {
    }

    /** Checks one ANN population's own parameters. */
    public static void validatePopulation(final String where, final AnnNeuron ann, final int size,
        final double weightScale)
    {
        final long bits = Integer.toUnsignedLong(ann.getActivationBits());
        final boolean clamp = ann.getActivation() == AnnActivation.ANN_ACTIVATION_CLAMP;
        if (ann.getActivation() == AnnActivation.UNRECOGNIZED)
        {
            throw new ModelException(where + ": ann.activation must be RELU or CLAMP");
        }
        if (bits != 0 && (bits > 16 || bits < (clamp ? 2 : 1)))
        {
            throw new ModelException(where + ": ann.activation_bits must be " + (clamp ? "2" : "1") + "..16 for " +
                (clamp ? "CLAMP" : "RELU") + " (0 = 8), got " + bits);
        }
        if (!Float.isFinite(ann.getActivationMax()) || ann.getActivationMax() < 0f)
        {
            throw new ModelException(where + ": ann.activation_max must be a finite number > 0 (0 = 1.0), got " +
                ann.getActivationMax());
        }
        if (!Float.isFinite(ann.getBias()))
        {
            throw new ModelException(where + ": ann.bias must be finite, got " + ann.getBias());
        }
        if (ann.getBiasesCount() != 0 && ann.getBiasesCount() != size)
        {
            throw new ModelException(where + ": ann.biases has " + ann.getBiasesCount() + " entries; give none or " +
                "one per neuron (" + Integer.toUnsignedString(size) + ")");
        }
        for (int i = 0; i < ann.getBiasesCount(); i++)
        {
            if (!Float.isFinite(ann.getBiases(i)))
            {
                throw new ModelException(where + ": ann.biases[" + i + "] must be finite, got " + ann.getBiases(i));
            }
        }
        if (Integer.toUnsignedLong(ann.getWindowTicks()) > 1_000_000)
        {
            throw new ModelException(where + ": ann.window_ticks must be 1..1000000 (0 = 1), got " +
                Integer.toUnsignedString(ann.getWindowTicks()));
        }
        if (weightScale != 0.0)
        {
            throw new ModelException(where + ": weight_scale is not supported for ANN populations (the compiler " +
                "folds the input steps into the weights); leave it 0");
        }
    }

    /** Checks what involves several populations: one window for all, the projections into and out of ANN ones. */
    public static void validateNetwork(final Network network, final NetworkIndex index)
    {
        int window = -1;
        String first = null;
        for (int p = 0; p < index.populationCount(); p++)
        {
            final Population population = network.getPopulations(p);
            if (!population.hasAnn() || population.getInput())
            {
                continue;
            }
            final int w = AnnQuantization.windowTicks(population.getAnn());
            if (window >= 0 && w != window)
            {
                throw new ModelException("population '" + population.getName() + "': ann.window_ticks " + w +
                    " differs from population '" + first + "' (" + window + "); every ANN population of a model " +
                    "uses one window");
            }
            window = w;
            first = population.getName();
        }
        if (window < 0)
        {
            return;
        }
        for (int j = 0; j < network.getProjectionsCount(); j++)
        {
            final Projection projection = network.getProjections(j);
            final String where = "projection #" + j + " '" + ModelValidator.projectionName(projection) + "'";
            final Population source = network.getPopulations(index.indexOf(projection.getSource()));
            final Population target = network.getPopulations(index.indexOf(projection.getTarget()));
            final boolean annSource = source.hasAnn() && !source.getInput();
            if (target.hasAnn())
            {
                if (projection.hasPlasticity() || projection.hasStp() || projection.hasReward())
                {
                    throw new ModelException(where + ": its target '" + target.getName() + "' is an ANN " +
                        "population, which cannot learn or take reward or short-term plasticity; remove " +
                        (projection.hasPlasticity() ? "plasticity" : projection.hasStp() ? "stp" : "reward"));
                }
                if (Integer.toUnsignedLong(projection.getDelayTicks()) >= window)
                {
                    throw new ModelException(where + ": delay_ticks " + Integer.toUnsignedString(
                        projection.getDelayTicks()) + " into ANN population '" + target.getName() + "' must be " +
                        "less than ann.window_ticks (" + window + ")");
                }
            }
            if (annSource && !target.hasAnn())
            {
                if (source.getAnn().getActivation() != AnnActivation.ANN_ACTIVATION_RELU)
                {
                    throw new ModelException(where + ": ANN population '" + source.getName() + "' drives the " +
                        "spiking population '" + target.getName() + "' with rate-coded spikes, which needs " +
                        "activation RELU (a rate cannot be negative)");
                }
                for (final Projection other : network.getProjectionsList())
                {
                    if (other.getSource().equals(source.getName()) &&
                        network.getPopulations(index.indexOf(other.getTarget())).hasAnn())
                    {
                        throw new ModelException(where + ": ANN population '" + source.getName() + "' has both " +
                            "spiking ('" + target.getName() + "') and ANN ('" + other.getTarget() + "') targets; " +
                            "its outputs are either spikes or activation packets: give it targets of one kind");
                    }
                }
            }
        }
    }
}
