package org.chipsim.chip;

import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

import java.util.function.Predicate;

import org.chipsim.proto.v1.CoreProgram;
import org.chipsim.proto.v1.CoreRole;
import org.chipsim.proto.v1.LearningRule;

/**
 * Where everything lives in one core's memory, computed once from its sizes. Regions are 64-byte aligned and laid out
 * in the order the tick touches them:
 *
 * <pre>
 *   counters      CoreCounter.count() longs
 *   axon buffer   delaySlots x ceil(axons / 64) longs     one bit per (delivery tick mod delaySlots, axon)
 *   crossbar      axons x neurons weights, row-major       1 or 2 bytes each; a row is what one spike reads
 *   row SOPs      axons ints                               non-zero weights per row, counted once at load
 *   dendrite      neurons ints                             this tick's summed input
 *   potential     neurons ints      (soma cores)
 *   refractory    neurons ints      (soma cores)
 *   bias          neurons ints      (soma cores)
 *   route start   neurons + 1 ints  (soma cores)           CSR offsets into the route entries
 *   route entries entries x 2 ints  (soma cores)           destination core; axon | delay << 24
 *   theta         neurons longs     (soma cores with homeostasis)   adaptive threshold, 16-bit fixed point
 *   current       neurons longs     (CUBA soma cores)      synaptic current u, 16-bit fixed point
 *   -- cores with short-term plasticity only --
 *   stp state     axons x (2 ints + 1 long)                u, x (16-bit fixed point), 1 + tick of the last spike
 *   stp rule      axons bytes                              0 = static row, r + 1 = STP rule r
 *   -- learning cores only --
 *   learn state   1 long                                   stochastic-rounding draw counter
 *   pre traces    axons ints                               16-bit fixed point, 1.0 = 65536
 *   post traces   neurons ints
 *   pre traces 2  axons ints                               triplet STDP's slow traces x2
 *   post traces 2 neurons ints                             triplet STDP's slow traces y2
 *   arrived       axons ints                               learning axons delivered this tick
 *   fired         neurons ints                             neurons fired this tick
 *   axon rule     axons bytes                              0 = fixed row, r + 1 = learning rule r
 *   mask          axons x neurons bits                     cells that hold a synapse
 *   tags          axons x neurons ints   (rstdp cores)     eligibility tags, weight steps in 16-bit fixed point
 *   -- ANN-mode cores only (docs/ann-mode.md; they have no axon buffer, the potential holds the spike phase) --
 *   ann inputs    2 x axons ints                           x per axon of the even / odd window
 *   ann acc       neurons longs                            weighted sum of the window being evaluated
 *   ann output    neurons ints                             activations of the last evaluated window
 *   ann counts    4 longs                                  spike and activation packets filed per window parity
 *   -- cores with a self-backpropagation (SBP) rule only --
 *   sbp pending   axons x neurons ints                     the epoch's pending change, weight steps, 16-bit fixed point
 *   sbp sums      neurons x 2 longs                        L+ and L- received for each neuron, steps, 8-bit fixed point
 *   sbp routes    axons x 2 ints                           reverse route of each row: core (-1 none), neuron
 *   -- cores with a two-phase rule only --
 *   phase counts  axons ints + neurons x 2 ints            free-phase arrivals per axon; free, nudged spikes per neuron
 *   -- readout cores of two-phase learning only --
 *   teaching      1 int + neurons ints                     the sample's target neuron (-1 none); current residues Q16
 *   -- cores with hybrid global-local rows only (HybridEngine) --
 *   hybrid state  2 longs                                  stochastic-rounding draw counter, ticks run
 *   local weights axons x neurons shorts                   P, weight steps with 8 fractional bits
 *   pre activity  axons ints                               sbar, 16-bit fixed point
 *   beta          axons ints                               P units per unit of sbar x tanh
 *   hybrid rule   axons bytes                              0 = no local weight, r + 1 = hybrid rule r
 *   arrived flag  axons bytes                              the axon delivered a spike this tick
 *   eta           neurons ints                             16-bit fixed point
 *   fired flag    neurons bytes                            the neuron fired this tick
 *   hybrid mask   axons x neurons bits                     cells that hold a synapse
 * </pre>
 */
final class CoreLayout
{
    static final int ALIGNMENT = 64;
    static final int ROUTE_ENTRY_BYTES = 2 * SIZE_OF_INT;
    static final int STP_STATE_BYTES = 2 * SIZE_OF_INT + SIZE_OF_LONG;
    static final int DELAY_SHIFT = 24;
    static final int AXON_MASK = (1 << DELAY_SHIFT) - 1;

    final int axons;
    final int neurons;
    final int weightBytes;
    final int delaySlots;
    final int wordsPerSlot;
    final int routeEntries;

    final int countersOffset;
    final int axonBufferOffset;
    final int crossbarOffset;
    final int rowSopsOffset;
    final int dendriteOffset;
    final int potentialOffset;
    final int refractoryOffset;
    final int biasOffset;
    final int routeStartOffset;
    final int routeEntriesOffset;
    final int thetaOffset;
    final int currentOffset;
    final int stpStateOffset;
    final int stpRuleOffset;
    final boolean learning;
    final int learnStateOffset;
    final int preTraceOffset;
    final int postTraceOffset;
    final int preTrace2Offset;
    final int postTrace2Offset;
    final int arrivedOffset;
    final int firedOffset;
    final int axonRuleOffset;
    final int maskOffset;
    final int tagsOffset;
    final boolean ann;
    final int annInputOffset;
    final int annAccOffset;
    final int annOutputOffset;
    final int annCountsOffset;
    final boolean sbp;
    final int sbpPendingOffset;
    final int sbpSumsOffset;
    final int sbpRoutesOffset;
    final boolean twoPhase;
    final int axonCountsOffset;
    final int neuronCountsOffset;
    final int teachingOffset;
    final boolean hybrid;
    final int hybridStateOffset;
    final int localWeightOffset;
    final int preActivityOffset;
    final int betaOffset;
    final int hybridRuleOffset;
    final int hybridArrivedOffset;
    final int etaOffset;
    final int hybridFiredOffset;
    final int hybridMaskOffset;
    final int totalBytes;

    /** Whether cell (axon, neuron) is set in a one-bit-per-cell, row-major mask at {@code maskOffset}. */
    boolean cellBit(final org.agrona.concurrent.UnsafeBuffer memory, final int maskOffset, final int axon,
        final int neuron)
    {
        final int bit = axon * neurons + neuron;
        return (memory.getByte(maskOffset + (bit >>> 3)) & (1 << (bit & 7))) != 0;
    }

    /** The layout a core of this program needs: the one place that decides which regions a core has. */
    static CoreLayout of(final CoreProgram program, final int weightBytes, final int delaySlots)
    {
        return new CoreLayout(program, weightBytes, delaySlots);
    }

    private static boolean anyRule(final CoreProgram program, final Predicate<LearningRule> kind)
    {
        return program.getLearningRulesList().stream().anyMatch(kind);
    }

    private CoreLayout(final CoreProgram program, final int weightBytes, final int delaySlots)
    {
        final boolean soma = program.getRole() == CoreRole.CORE_ROLE_SOMA;
        final int axons = program.getAxonCount();
        final int neurons = program.getNeuronCount();
        final int routeEntries = soma ? program.getRoutes().getCoreCount() : 0;
        final boolean learning = program.getAxonRuleCount() > 0;
        final boolean adaptive = soma && program.getNeuron().getAdaptiveThreshold();
        final boolean stp = program.getAxonStpCount() > 0;
        final boolean tags = anyRule(program, LearningRule::getRstdp);
        final boolean current = soma && program.getNeuron().getCurrentBased();
        final boolean ann = soma && program.hasAnn();
        final boolean sbp = anyRule(program, LearningRule::getSbp);
        final boolean twoPhase = anyRule(program, LearningRule::getTwoPhase);
        final boolean teaching = program.hasTeaching();
        final boolean hybrid = soma && program.getAxonHybridCount() > 0;
        this.learning = learning;
        this.ann = ann;
        this.sbp = learning && sbp;
        this.twoPhase = learning && twoPhase;
        this.axons = axons;
        this.neurons = neurons;
        this.weightBytes = weightBytes;
        this.delaySlots = delaySlots;
        this.wordsPerSlot = (axons + 63) >>> 6;
        this.routeEntries = routeEntries;

        long at = 0;
        countersOffset = (int)at;
        at = align(at + (long)CoreCounter.count() * SIZE_OF_LONG, ALIGNMENT);
        axonBufferOffset = (int)at;
        at = align(at + (ann ? 0L : (long)delaySlots * wordsPerSlot * SIZE_OF_LONG), ALIGNMENT);
        crossbarOffset = (int)at;
        at = align(at + (long)axons * neurons * weightBytes, ALIGNMENT);
        rowSopsOffset = (int)at;
        at = align(at + (long)axons * SIZE_OF_INT, ALIGNMENT);
        dendriteOffset = (int)at;
        at = align(at + (long)neurons * SIZE_OF_INT, ALIGNMENT);
        final int somaNeurons = soma ? neurons : 0;
        potentialOffset = (int)at;
        at = align(at + (long)somaNeurons * SIZE_OF_INT, ALIGNMENT);
        refractoryOffset = (int)at;
        at = align(at + (long)somaNeurons * SIZE_OF_INT, ALIGNMENT);
        biasOffset = (int)at;
        at = align(at + (long)somaNeurons * SIZE_OF_INT, ALIGNMENT);
        routeStartOffset = (int)at;
        at = align(at + (soma ? (long)(neurons + 1) * SIZE_OF_INT : 0), ALIGNMENT);
        routeEntriesOffset = (int)at;
        at = align(at + (long)routeEntries * ROUTE_ENTRY_BYTES, ALIGNMENT);
        thetaOffset = (int)at;
        at = align(at + (soma && adaptive ? (long)neurons * SIZE_OF_LONG : 0), ALIGNMENT);
        currentOffset = (int)at;
        at = align(at + (soma && current ? (long)neurons * SIZE_OF_LONG : 0), ALIGNMENT);
        stpStateOffset = (int)at;
        at = align(at + (stp ? (long)axons * STP_STATE_BYTES : 0), ALIGNMENT);
        stpRuleOffset = (int)at;
        at = align(at + (stp ? axons : 0), ALIGNMENT);
        final int learningAxons = learning ? axons : 0;
        final int learningNeurons = learning ? neurons : 0;
        learnStateOffset = (int)at;
        at = align(at + (learning ? SIZE_OF_LONG : 0), ALIGNMENT);
        preTraceOffset = (int)at;
        at = align(at + (long)learningAxons * SIZE_OF_INT, ALIGNMENT);
        postTraceOffset = (int)at;
        at = align(at + (long)learningNeurons * SIZE_OF_INT, ALIGNMENT);
        preTrace2Offset = (int)at;
        at = align(at + (long)learningAxons * SIZE_OF_INT, ALIGNMENT);
        postTrace2Offset = (int)at;
        at = align(at + (long)learningNeurons * SIZE_OF_INT, ALIGNMENT);
        arrivedOffset = (int)at;
        at = align(at + (long)learningAxons * SIZE_OF_INT, ALIGNMENT);
        firedOffset = (int)at;
        at = align(at + (long)learningNeurons * SIZE_OF_INT, ALIGNMENT);
        axonRuleOffset = (int)at;
        at = align(at + learningAxons, ALIGNMENT);
        maskOffset = (int)at;
        at = align(at + ((long)learningAxons * learningNeurons + 7) / 8, ALIGNMENT);
        tagsOffset = (int)at;
        at = align(at + (learning && tags ? (long)axons * neurons * SIZE_OF_INT : 0), ALIGNMENT);
        annInputOffset = (int)at;
        at = align(at + (ann ? 2L * axons * SIZE_OF_INT : 0), ALIGNMENT);
        annAccOffset = (int)at;
        at = align(at + (ann ? (long)neurons * SIZE_OF_LONG : 0), ALIGNMENT);
        annOutputOffset = (int)at;
        at = align(at + (ann ? (long)neurons * SIZE_OF_INT : 0), ALIGNMENT);
        annCountsOffset = (int)at;
        at = align(at + (ann ? 4L * SIZE_OF_LONG : 0), ALIGNMENT);
        sbpPendingOffset = (int)at;
        at = align(at + (this.sbp ? (long)axons * neurons * SIZE_OF_INT : 0), ALIGNMENT);
        sbpSumsOffset = (int)at;
        at = align(at + (this.sbp ? (long)neurons * 2 * SIZE_OF_LONG : 0), ALIGNMENT);
        sbpRoutesOffset = (int)at;
        at = align(at + (this.sbp ? (long)axons * 2 * SIZE_OF_INT : 0), ALIGNMENT);
        axonCountsOffset = (int)at;
        at = align(at + (this.twoPhase ? (long)axons * SIZE_OF_INT : 0), ALIGNMENT);
        neuronCountsOffset = (int)at;
        at = align(at + (this.twoPhase ? (long)neurons * 2 * SIZE_OF_INT : 0), ALIGNMENT);
        teachingOffset = (int)at;
        at = align(at + (soma && teaching ? (long)(neurons + 1) * SIZE_OF_INT : 0), ALIGNMENT);
        this.hybrid = hybrid;
        final int hybridAxons = hybrid ? axons : 0;
        final int hybridNeurons = hybrid ? neurons : 0;
        hybridStateOffset = (int)at;
        at = align(at + (hybrid ? 2 * SIZE_OF_LONG : 0), ALIGNMENT);
        localWeightOffset = (int)at;
        at = align(at + (long)hybridAxons * hybridNeurons * 2, ALIGNMENT);
        preActivityOffset = (int)at;
        at = align(at + (long)hybridAxons * SIZE_OF_INT, ALIGNMENT);
        betaOffset = (int)at;
        at = align(at + (long)hybridAxons * SIZE_OF_INT, ALIGNMENT);
        hybridRuleOffset = (int)at;
        at = align(at + hybridAxons, ALIGNMENT);
        hybridArrivedOffset = (int)at;
        at = align(at + hybridAxons, ALIGNMENT);
        etaOffset = (int)at;
        at = align(at + (long)hybridNeurons * SIZE_OF_INT, ALIGNMENT);
        hybridFiredOffset = (int)at;
        at = align(at + hybridNeurons, ALIGNMENT);
        hybridMaskOffset = (int)at;
        at = align(at + ((long)hybridAxons * hybridNeurons + 7) / 8, ALIGNMENT);
        if (at > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException("core memory of " + at + " bytes exceeds 2 GiB");
        }
        totalBytes = (int)at;
    }

    static long align(final long value, final int alignment)
    {
        return (value + alignment - 1) & -alignment;
    }

    int counterOffset(final CoreCounter counter)
    {
        return countersOffset + counter.ordinal() * SIZE_OF_LONG;
    }

    int slotWordOffset(final int slot, final int word)
    {
        return axonBufferOffset + (slot * wordsPerSlot + word) * SIZE_OF_LONG;
    }

    int rowOffset(final int axon)
    {
        return crossbarOffset + axon * neurons * weightBytes;
    }

    int rowSopsOffset(final int axon)
    {
        return rowSopsOffset + axon * SIZE_OF_INT;
    }

    int dendriteOffset(final int neuron)
    {
        return dendriteOffset + neuron * SIZE_OF_INT;
    }

    int potentialOffset(final int neuron)
    {
        return potentialOffset + neuron * SIZE_OF_INT;
    }

    int refractoryOffset(final int neuron)
    {
        return refractoryOffset + neuron * SIZE_OF_INT;
    }

    int biasOffset(final int neuron)
    {
        return biasOffset + neuron * SIZE_OF_INT;
    }

    int routeStartOffset(final int neuron)
    {
        return routeStartOffset + neuron * SIZE_OF_INT;
    }

    int routeEntryOffset(final int entry)
    {
        return routeEntriesOffset + entry * ROUTE_ENTRY_BYTES;
    }
}
