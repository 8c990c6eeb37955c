package org.chipsim.core;

import java.util.HashMap;
import java.util.Map;

import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.ChipSpec;
import org.chipsim.proto.v1.CoreProgram;
import org.chipsim.proto.v1.CoreRole;
import org.chipsim.proto.v1.InputSource;
import org.chipsim.proto.v1.LearningRule;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Population;
import org.chipsim.proto.v1.PopulationLayout;
import org.chipsim.proto.v1.QuantizedLif;
import org.chipsim.proto.v1.Routes;

/**
 * Checks a compiled {@link ChipProgram} read from a file before any core is built from it: a program is a public
 * format too, and a damaged or hand-edited one must end in one clear line, not in a crash of the chip model. Every
 * size, index and cross-reference the chip model relies on is checked here, in time linear in the program's size.
 */
public final class ProgramValidator
{
    private ProgramValidator()
    {
    }

    public static void validate(final ChipProgram program)
    {
        if (program.getSchemaVersion() > 1)
        {
            throw new ModelException("program schema_version " + Integer.toUnsignedString(program.getSchemaVersion()) +
                " is newer than this chipsim understands (1); upgrade chipsim");
        }
        final ChipSpec chip = program.getChip();
        final ChipSpec resolved = ChipSpecs.resolve(chip);
        if (!resolved.equals(chip))
        {
            throw new ModelException("program: chip has unset fields; a compiled program carries its resolved chip");
        }
        final int populations = program.getPopulationsCount();
        if (populations == 0)
        {
            throw new ModelException("program has no populations");
        }
        final Network.Builder layout = Network.newBuilder();
        long neurons = 0;
        for (final PopulationLayout population : program.getPopulationsList())
        {
            neurons += Integer.toUnsignedLong(population.getSize());
            if (population.getSize() == 0 || neurons > ModelValidator.MAX_TOTAL_NEURONS)
            {
                throw new ModelException("program: population '" + population.getName() + "' has size " +
                    Integer.toUnsignedString(population.getSize()) + "; sizes must be 1.." +
                    ModelValidator.MAX_TOTAL_NEURONS + " in all");
            }
            layout.addPopulations(Population.newBuilder().setName(population.getName()).setSize(population.getSize())
                .setInput(population.getInput()));
        }
        final NetworkIndex index = new NetworkIndex(layout.build());
        final int coreSlots = ChipSpecs.coreCount(chip);
        final Map<Integer, CoreProgram> cores = new HashMap<>();
        for (final CoreProgram core : program.getCoresList())
        {
            final long id = Integer.toUnsignedLong(core.getCoreId());
            if (id >= coreSlots || cores.put(core.getCoreId(), core) != null)
            {
                throw new ModelException("program: core id " + id + " is outside the " + coreSlots +
                    "-core mesh or used twice");
            }
            validateCore(core, chip, index);
        }
        final int weightBytes = ChipSpecs.weightBytes(chip);
        for (final CoreProgram core : program.getCoresList())
        {
            if (core.getRole() == CoreRole.CORE_ROLE_PARTIAL_SUM)
            {
                final CoreProgram soma = cores.get(core.getPsumTargetCore());
                if (soma == null || soma.getRole() != CoreRole.CORE_ROLE_SOMA ||
                    soma.getPopulation() != core.getPopulation() || soma.getNeuronOffset() != core.getNeuronOffset() ||
                    soma.getNeuronCount() != core.getNeuronCount())
                {
                    throw new ModelException("program: core " + core.getCoreId() + " sends partial sums to core " +
                        Integer.toUnsignedString(core.getPsumTargetCore()) + ", which is not the soma core of the " +
                        "same neurons");
                }
            }
            else
            {
                validateRoutes("core " + core.getCoreId(), core.getRoutes(), core.getNeuronCount(), cores, chip);
                validateAnnRoutes("core " + core.getCoreId(), core.getRoutes(), cores,
                    core.hasAnn() && !core.getAnn().getSpikingOutput());
            }
            SbpValidation.validateCore("program: core " + core.getCoreId(), core, cores);
            TwoPhaseValidation.validateCore("program: core " + core.getCoreId(), core);
            if ((long)core.getAxonCount() * core.getNeuronCount() * weightBytes != core.getWeights().size())
            {
                throw new ModelException("program: core " + core.getCoreId() + " has " + core.getWeights().size() +
                    " bytes of weights, expected " + core.getAxonCount() + " x " + core.getNeuronCount() + " x " +
                    weightBytes);
            }
        }
        for (final InputSource input : program.getInputsList())
        {
            final long p = Integer.toUnsignedLong(input.getPopulation());
            if (p >= populations || !index.isInput((int)p) || input.getSize() != index.size((int)p))
            {
                throw new ModelException("program: input source for population #" + p + " does not match an input " +
                    "population of that size");
            }
            validateRoutes("input '" + index.name((int)p) + "'", input.getRoutes(), input.getSize(), cores, chip);
            validateAnnRoutes("input '" + index.name((int)p) + "'", input.getRoutes(), cores, false);
        }
        for (int j = 0; j < program.getProjectionsCount(); j++)
        {
            final org.chipsim.proto.v1.ProjectionLayout projection = program.getProjections(j);
            if (Integer.toUnsignedLong(projection.getSource()) >= populations ||
                Integer.toUnsignedLong(projection.getTarget()) >= populations)
            {
                throw new ModelException("program: projection #" + j + " '" + projection.getName() + "' names " +
                    "population #" + Integer.toUnsignedString(projection.getSource()) + " -> #" +
                    Integer.toUnsignedString(projection.getTarget()) + "; the program has " + populations);
            }
        }
        validateAxonsFedOnce(program, cores);
        ModelValidator.validateStimulusAndRun(program.getStimulus(), program.getRun(), index);
    }

    private static void validateCore(final CoreProgram core, final ChipSpec chip, final NetworkIndex index)
    {
        final String where = "program: core " + core.getCoreId();
        final int gridWidth = NocSpecs.gridWidth(chip);
        if (core.getX() != core.getCoreId() % gridWidth || core.getY() != core.getCoreId() / gridWidth)
        {
            throw new ModelException(where + " is placed at (" + core.getX() + ", " + core.getY() +
                "), which is not its id's position on the mesh");
        }
        final long population = Integer.toUnsignedLong(core.getPopulation());
        if (population >= index.populationCount() || index.isInput((int)population))
        {
            throw new ModelException(where + " names population #" + population + ", not a neuron population");
        }
        final long end = Integer.toUnsignedLong(core.getNeuronOffset()) + Integer.toUnsignedLong(core.getNeuronCount());
        if (core.getNeuronCount() == 0 || core.getNeuronCount() > ChipSpecs.hostedNeuronsPerCore(chip) ||
            end > index.size((int)population))
        {
            throw new ModelException(where + " holds neurons " + Integer.toUnsignedString(core.getNeuronOffset()) +
                " + " + Integer.toUnsignedString(core.getNeuronCount()) + " of population '" +
                index.name((int)population) + "' (size " + index.size((int)population) + ", " +
                ChipSpecs.hostedNeuronsPerCore(chip) + " per core)");
        }
        if (Integer.toUnsignedLong(core.getAxonCount()) > chip.getAxonsPerCore() ||
            core.getAxonProjectionCount() != core.getAxonCount() ||
            core.getAxonSourceNeuronCount() != core.getAxonCount())
        {
            throw new ModelException(where + " has " + Integer.toUnsignedString(core.getAxonCount()) +
                " axons (the chip has " + chip.getAxonsPerCore() + " per core) or axon tables of another length");
        }
        if (core.getRole() == CoreRole.CORE_ROLE_SOMA)
        {
            final QuantizedLif lif = core.getNeuron();
            if (lif.getThreshold() <= 0 || Integer.toUnsignedLong(lif.getDecayQ16()) > 65536 || lif.getLeak() < 0 ||
                Integer.toUnsignedLong(lif.getRefractoryTicks()) > 1_000_000 || core.getBiasCount() != core.getNeuronCount())
            {
                throw new ModelException(where + ": neuron parameters out of range (threshold > 0, decay_q16 <= " +
                    "65536, leak >= 0, one bias per neuron)");
            }
            if (lif.getAdaptiveThreshold() && (lif.getThetaPlusQ16() < 0 || lif.getThetaPlusQ16() > (1L << 40) ||
                Integer.toUnsignedLong(lif.getThetaDecayQ16()) > 65536))
            {
                throw new ModelException(where + ": adaptive threshold out of range (0 <= theta_plus_q16 <= 2^40, " +
                    "theta_decay_q16 <= 65536)");
            }
            validateWidthsAndCurrent(where, lif, chip);
        }
        else if (core.getRole() != CoreRole.CORE_ROLE_PARTIAL_SUM)
        {
            throw new ModelException(where + " has an unknown role " + core.getRoleValue());
        }
        validateLearning(where, core, chip);
        if (core.hasAnn())
        {
            validateAnn(where, core);
        }
        HybridProgramValidator.validate(where, core);
        LearnedStateValidator.validate(where, core);
    }

    /** An ANN-mode core: a soma core without learning or STP, its parameters in range (program.proto QuantizedAnn). */
    private static void validateAnn(final String where, final CoreProgram core)
    {
        final org.chipsim.proto.v1.QuantizedAnn ann = core.getAnn();
        final boolean clamp = ann.getActivation() == org.chipsim.proto.v1.AnnActivation.ANN_ACTIVATION_CLAMP;
        final long bits = Integer.toUnsignedLong(ann.getActivationBits());
        if (core.getRole() != CoreRole.CORE_ROLE_SOMA || core.getAxonRuleCount() != 0 || core.getAxonStpCount() != 0 ||
            core.getAxonRewardCount() != 0)
        {
            throw new ModelException(where + ": an ANN-mode core must be a soma core without learning, STP or reward");
        }
        if (ann.getActivation() == org.chipsim.proto.v1.AnnActivation.UNRECOGNIZED || bits > 16 ||
            bits < (clamp ? 2 : 1) || ann.getWindowTicks() == 0 ||
            Integer.toUnsignedLong(ann.getWindowTicks()) > 1_000_000 ||
            Integer.toUnsignedLong(ann.getOutMultiplier()) >= (1L << 24) ||
            Integer.toUnsignedLong(ann.getOutShift()) > 62 || (ann.getSpikingOutput() && clamp))
        {
            throw new ModelException(where + ": ANN parameters out of range (activation_bits 1..16, 2..16 for " +
                "CLAMP; window_ticks 1..1000000; out_multiplier < 2^24; out_shift <= 62; spiking output only " +
                "with RELU)");
        }
    }

    /** The soma's bit widths are the chip's, its parameters fit the membrane, a CUBA decay is a fraction. */
    private static void validateWidthsAndCurrent(final String where, final QuantizedLif lif, final ChipSpec chip)
    {
        if (lif.getMembraneBits() % 32 != chip.getMembraneBits() % 32 ||
            lif.getAccumulatorBits() % 32 != chip.getAccumulatorBits() % 32)
        {
            throw new ModelException(where + ": neuron membrane_bits/accumulator_bits " + lif.getMembraneBits() + "/" +
                lif.getAccumulatorBits() + " differ from the chip's " + chip.getMembraneBits() + "/" +
                chip.getAccumulatorBits());
        }
        final long max = (1L << (ChipSpecs.membraneBits(chip) - 1)) - 1;
        if (lif.getThreshold() > max || Math.abs((long)lif.getVReset()) > max || Math.abs((long)lif.getVInit()) > max ||
            lif.getVMinSet() && Math.abs((long)lif.getVMin()) > max)
        {
            throw new ModelException(where + ": threshold, v_reset, v_init or v_min outside the " +
                ChipSpecs.membraneBits(chip) + "-bit membrane");
        }
        if (lif.getCurrentBased() && lif.getAdaptiveThreshold() ||
            Integer.toUnsignedLong(lif.getCurrentDecayQ16()) > 65536)
        {
            throw new ModelException(where + ": current_decay_q16 must be <= 65536 and a current-based neuron " +
                "cannot have an adaptive threshold");
        }
    }

    private static void validateStpAndReward(final String where, final CoreProgram core)
    {
        final int stpRules = core.getStpRulesCount();
        if (core.getAxonStpCount() != 0 && (core.getAxonStpCount() != core.getAxonCount() || stpRules > 255))
        {
            throw new ModelException(where + ": STP tables do not match the core (one rule index per axon, at most " +
                "255 rules)");
        }
        for (final int rule : core.getAxonStpList())
        {
            if (Integer.toUnsignedLong(rule) > stpRules)
            {
                throw new ModelException(where + " names STP rule " + Integer.toUnsignedString(rule) + " of " +
                    stpRules);
            }
        }
        for (final org.chipsim.proto.v1.StpRule rule : core.getStpRulesList())
        {
            if (rule.getUQ16() == 0 || Integer.toUnsignedLong(rule.getUQ16()) > 65536 || !(rule.getTauFTicks() > 0) ||
                !(rule.getTauDTicks() > 0) || Double.isInfinite(rule.getTauFTicks()) ||
                Double.isInfinite(rule.getTauDTicks()))
            {
                throw new ModelException(where + ": STP rule out of range (0 < u_q16 <= 65536, finite taus > 0)");
            }
        }
        if (core.getAxonRewardCount() != 0 && (core.getAxonRewardCount() != core.getAxonCount() ||
            core.getAxonRuleCount() == 0))
        {
            throw new ModelException(where + ": reward table does not match the core (one value per axon, on a " +
                "learning core)");
        }
        for (final float value : core.getAxonRewardList())
        {
            if (!Float.isFinite(value))
            {
                throw new ModelException(where + ": reward value " + value + " is not finite");
            }
        }
    }

    private static void validateLearning(final String where, final CoreProgram core, final ChipSpec chip)
    {
        validateStpAndReward(where, core);
        if (core.getAxonRuleCount() == 0)
        {
            if (core.getLearningRulesCount() != 0 || !core.getPlasticMask().isEmpty())
            {
                throw new ModelException(where + " has learning rules but no learning rows");
            }
            return;
        }
        final int rules = core.getLearningRulesCount();
        if (core.getRole() != CoreRole.CORE_ROLE_SOMA || core.getAxonRuleCount() != core.getAxonCount() ||
            rules == 0 || rules > 255 ||
            core.getPlasticMask().size() != ((long)core.getAxonCount() * core.getNeuronCount() + 7) / 8)
        {
            throw new ModelException(where + ": learning tables do not match the core (soma core, one rule index " +
                "per axon, at most 255 rules, one mask bit per cell)");
        }
        for (final int rule : core.getAxonRuleList())
        {
            if (Integer.toUnsignedLong(rule) > rules)
            {
                throw new ModelException(where + " names learning rule " + Integer.toUnsignedString(rule) +
                    " of " + rules);
            }
        }
        final int max = org.chipsim.core.neuron.Quantization.maxWeight(chip.getWeightBits());
        final int min = org.chipsim.core.neuron.Quantization.minWeight(chip.getWeightBits());
        for (final LearningRule rule : core.getLearningRulesList())
        {
            if (!Double.isFinite(rule.getAPlusSteps()) || !Double.isFinite(rule.getAMinusSteps()) ||
                rule.getAPlusSteps() < 0 || rule.getAMinusSteps() < 0 ||
                Integer.toUnsignedLong(rule.getDecayPlusQ16()) > 65536 ||
                Integer.toUnsignedLong(rule.getDecayMinusQ16()) > 65536 ||
                rule.getDecayMinusQ16() != core.getLearningRules(0).getDecayMinusQ16() ||
                rule.getWMinSteps() < min || rule.getWMaxSteps() > max || rule.getWMinSteps() > rule.getWMaxSteps() ||
                !Double.isFinite(rule.getA3PlusSteps()) || !Double.isFinite(rule.getA3MinusSteps()) ||
                rule.getA3PlusSteps() < 0 || rule.getA3MinusSteps() < 0 ||
                Integer.toUnsignedLong(rule.getDecayX2Q16()) > 65536 ||
                Integer.toUnsignedLong(rule.getDecayY2Q16()) > 65536 ||
                Integer.toUnsignedLong(rule.getDecayEQ16()) > 65536 || !Double.isFinite(rule.getEta()))
            {
                throw new ModelException(where + ": a learning rule is out of range");
            }
            validateTermTables(where, rule);
        }
    }

    /** A sum-of-products rule's term tables: both empty, or both 16 finite coefficients. */
    private static void validateTermTables(final String where, final LearningRule rule)
    {
        final int pre = rule.getPreTermStepsCount();
        final int post = rule.getPostTermStepsCount();
        boolean finite = true;
        for (final double c : rule.getPreTermStepsList())
        {
            finite &= Double.isFinite(c);
        }
        for (final double c : rule.getPostTermStepsList())
        {
            finite &= Double.isFinite(c);
        }
        if (pre != post || pre != 0 && pre != TraceRules.TERMS || !finite)
        {
            throw new ModelException(where + ": a learning rule's term tables must both be empty or hold " +
                TraceRules.TERMS + " finite coefficients each (pre_term_steps " + pre + ", post_term_steps " + post +
                ")");
        }
    }

    private static void validateRoutes(final String owner, final Routes routes, final int sources,
        final Map<Integer, CoreProgram> cores, final ChipSpec chip)
    {
        final String where = "program: " + owner + " routes";
        final int entries = routes.getCoreCount();
        if (routes.getStartCount() != sources + 1 || routes.getAxonCount() != entries ||
            routes.getDelayTicksCount() != entries || routes.getStart(0) != 0 ||
            routes.getStart(sources) != entries)
        {
            throw new ModelException(where + " are malformed (start must have one offset per neuron plus one, " +
                "from 0 to the number of entries)");
        }
        for (int n = 0; n < sources; n++)
        {
            if (Integer.compareUnsigned(routes.getStart(n), routes.getStart(n + 1)) > 0)
            {
                throw new ModelException(where + ": offsets decrease at neuron " + n);
            }
        }
        for (int e = 0; e < entries; e++)
        {
            final CoreProgram target = cores.get(routes.getCore(e));
            if (target == null || Integer.toUnsignedLong(routes.getAxon(e)) >= target.getAxonCount() ||
                Integer.toUnsignedLong(routes.getDelayTicks(e)) > chip.getMaxDelayTicks())
            {
                throw new ModelException(where + ": entry " + e + " names core " +
                    Integer.toUnsignedString(routes.getCore(e)) + " axon " + Integer.toUnsignedString(routes.getAxon(e)) +
                    " delay " + Integer.toUnsignedString(routes.getDelayTicks(e)) + ", which does not exist");
            }
        }
    }

    /**
     * Routes into and out of ANN-mode cores: a delay into one is shorter than its window (its two input buffers hold
     * the current and the next window only), and activation packets go to ANN-mode cores only.
     */
    private static void validateAnnRoutes(final String owner, final Routes routes,
        final Map<Integer, CoreProgram> cores, final boolean sendsActivations)
    {
        for (int e = 0; e < routes.getCoreCount(); e++)
        {
            final CoreProgram target = cores.get(routes.getCore(e));
            if (target.hasAnn() && Integer.toUnsignedLong(routes.getDelayTicks(e)) >=
                Integer.toUnsignedLong(target.getAnn().getWindowTicks()))
            {
                throw new ModelException("program: " + owner + " routes entry " + e + " to ANN-mode core " +
                    target.getCoreId() + " with delay " + Integer.toUnsignedString(routes.getDelayTicks(e)) +
                    ", not shorter than its window of " + target.getAnn().getWindowTicks() + " ticks");
            }
            if (sendsActivations && !target.hasAnn())
            {
                throw new ModelException("program: " + owner + " sends activation packets (entry " + e + ") to core " +
                    target.getCoreId() + ", which is not an ANN-mode core");
            }
        }
    }

    /** One source neuron per axon: an axon fed by two routing entries would receive two spikes in one tick. */
    private static void validateAxonsFedOnce(final ChipProgram program, final Map<Integer, CoreProgram> cores)
    {
        final Map<Integer, boolean[]> fed = new HashMap<>();
        for (final CoreProgram core : program.getCoresList())
        {
            fed.put(core.getCoreId(), new boolean[core.getAxonCount()]);
        }
        for (final CoreProgram core : program.getCoresList())
        {
            if (core.getRole() == CoreRole.CORE_ROLE_SOMA)
            {
                markFed(core.getRoutes(), fed, "core " + core.getCoreId());
            }
        }
        for (final InputSource input : program.getInputsList())
        {
            markFed(input.getRoutes(), fed, "an input source");
        }
    }

    private static void markFed(final Routes routes, final Map<Integer, boolean[]> fed, final String owner)
    {
        for (int e = 0; e < routes.getCoreCount(); e++)
        {
            final boolean[] axons = fed.get(routes.getCore(e));
            if (axons[routes.getAxon(e)])
            {
                throw new ModelException("program: " + owner + " routes a second source to core " +
                    Integer.toUnsignedString(routes.getCore(e)) + " axon " + routes.getAxon(e) +
                    "; every axon carries exactly one source neuron");
            }
            axons[routes.getAxon(e)] = true;
        }
    }
}
