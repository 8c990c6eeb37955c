package org.chipsim.chip;

import java.nio.ByteOrder;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.chipsim.core.neuron.FixedPointLif;
import org.chipsim.proto.v1.CoreProgram;
import org.chipsim.proto.v1.CoreRole;
import org.chipsim.proto.v1.Routes;

/**
 * One core of the chip: axon buffer, crossbar, dendrite, soma and router table, all in the core's own off-heap memory
 * (one {@link UnsafeBuffer}, laid out by {@link CoreLayout}). Only the worker that owns the core ever touches it, so
 * nothing here is synchronized.
 *
 * <p>A tick, as the owning worker drives it: packets are filed into the axon buffer as they arrive
 * ({@link #fileSpike}); {@link #deliver} reads the crossbar row of every axon due this tick into the dendrite;
 * partial-sum cores then ship their dendrite ({@link #sendPartialSums}); soma cores add incoming partial sums and
 * update, fire and route ({@link #fire}). The dendrite is a 32-bit integer sum, so arrival order cannot change it; the
 * soma saturates it to the chip's accumulator width when it reads it (docs/neuron-models.md).
 */
final class Core
{
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    final int id;
    final int x;
    final int y;
    final boolean soma;
    final int population;
    final int neurons;
    final int axons;
    final int psumTargetCore;
    /** Global id of this core's first neuron (for recording). */
    final int firstGlobalId;
    final boolean recorded;

    private final CoreLayout layout;
    private final UnsafeBuffer memory;
    private final FixedPointLif lif;
    private final boolean wideWeights;
    private final int delaySlots;

    /** STDP engine over this core's memory, or null when no row of this core learns. */
    private final LearningEngine learning;
    /** Homeostasis: the neurons have an adaptive threshold (decided once per core; see {@link #fireAdaptive}). */
    private final boolean adaptive;
    private final long thetaPlusQ16;
    private final long thetaDecayQ16;
    /** Short-term plasticity of some rows, or null (decided once per core; see {@link #deliverStp}). */
    private final StpEngine stp;
    /** The soma of a current-based (CUBA) core, or null (decided once per core; see {@link #fireCurrentBased}). */
    private final CurrentBasedSoma currentBased;
    /** ANN mode (docs/ann-mode.md), or null for a spiking core (decided once per core, at load). */
    private final AnnEngine ann;
    /** Two-phase learning's teaching current on a readout core, or null (decided once per core). */
    private final TwoPhaseEngine teacher;
    /** Hybrid global-local rows (local weights P), or null (decided once per core; see {@link #deliverStp}). */
    private final HybridEngine hybrid;
    /** The core's program (for reading its learned state back after a run). */
    private final CoreProgram program;

    Core(final CoreProgram program, final int weightBytes, final int delaySlots, final int firstGlobalId,
        final boolean recorded)
    {
        this(program, weightBytes, delaySlots, firstGlobalId, recorded, 1);
    }

    Core(final CoreProgram program, final int weightBytes, final int delaySlots, final int firstGlobalId,
        final boolean recorded, final long learningSeed)
    {
        this.id = program.getCoreId();
        this.x = program.getX();
        this.y = program.getY();
        this.soma = program.getRole() == CoreRole.CORE_ROLE_SOMA;
        this.population = program.getPopulation();
        this.neurons = program.getNeuronCount();
        this.axons = program.getAxonCount();
        this.psumTargetCore = program.getPsumTargetCore();
        this.firstGlobalId = firstGlobalId;
        this.recorded = recorded;
        this.delaySlots = delaySlots;
        this.wideWeights = weightBytes == 2;
        final Routes routes = program.getRoutes();
        final boolean learns = program.getAxonRuleCount() > 0;
        this.adaptive = soma && program.getNeuron().getAdaptiveThreshold();
        this.thetaPlusQ16 = program.getNeuron().getThetaPlusQ16();
        this.thetaDecayQ16 = program.getNeuron().getThetaDecayQ16();
        this.layout = CoreLayout.of(program, weightBytes, delaySlots);
        this.memory = new UnsafeBuffer(BufferUtil.allocateDirectAligned(layout.totalBytes, CoreLayout.ALIGNMENT));
        this.lif = soma ? new FixedPointLif(program.getNeuron()) : null;
        this.currentBased = soma && lif.currentBased() ? new CurrentBasedSoma(memory, layout, lif) : null;
        load(program, routes);
        this.learning = learns ? new LearningEngine(memory, layout, program, learningSeed) : null;
        this.stp = program.getAxonStpCount() > 0 ? new StpEngine(memory, layout, program) : null;
        this.ann = layout.ann ? new AnnEngine(this, memory, layout, program.getAnn()) : null;
        this.teacher = learning != null && learning.twoPhase() != null && learning.twoPhase().teaches() ?
            learning.twoPhase() : null;
        this.hybrid = layout.hybrid ? new HybridEngine(memory, layout, program, learningSeed) : null;
        if (hybrid != null)
        {
            hybrid.countSynapsesAsSops();
        }
        LearnedState.load(memory, layout, program);
        this.program = program;
        resetState();
    }

    private void load(final CoreProgram program, final Routes routes)
    {
        final byte[] weights = program.getWeights().toByteArray();
        memory.putBytes(layout.crossbarOffset, weights);
        for (int a = 0; a < axons; a++)
        {
            int nonZero = 0;
            final int row = layout.rowOffset(a);
            for (int j = 0; j < neurons; j++)
            {
                if (weight(row, j) != 0)
                {
                    nonZero++;
                }
            }
            memory.putInt(layout.rowSopsOffset(a), nonZero, ORDER);
        }
        if (!soma)
        {
            return;
        }
        for (int n = 0; n < neurons; n++)
        {
            memory.putInt(layout.biasOffset(n), program.getBias(n), ORDER);
        }
        for (int n = 0; n <= neurons; n++)
        {
            memory.putInt(layout.routeStartOffset(n), routes.getStart(n), ORDER);
        }
        for (int e = 0; e < routes.getCoreCount(); e++)
        {
            final int at = layout.routeEntryOffset(e);
            memory.putInt(at, routes.getCore(e), ORDER);
            memory.putInt(at + 4, routes.getAxon(e) | (routes.getDelayTicks(e) << CoreLayout.DELAY_SHIFT), ORDER);
        }
    }

    private int weight(final int rowOffset, final int column)
    {
        return wideWeights ? memory.getShort(rowOffset + 2 * column, ORDER) : memory.getByte(rowOffset + column);
    }

    /** Potential to v_init and refractory to 0 for every neuron (start of run, and between samples if asked). */
    void resetState()
    {
        if (!soma)
        {
            return;
        }
        if (ann != null)
        {
            ann.reset();
            return;
        }
        final int vInit = lif.initialPotential();
        for (int n = 0; n < neurons; n++)
        {
            memory.putInt(layout.potentialOffset(n), vInit, ORDER);
            memory.putInt(layout.refractoryOffset(n), 0, ORDER);
        }
        if (currentBased != null)
        {
            currentBased.reset(neurons);
        }
    }

    /** A spike packet arrived: mark its axon due at {@code deliverTick}. */
    void fileSpike(final int axon, final long deliverTick)
    {
        if (ann != null)
        {
            ann.fileSpike(axon, deliverTick);
            return;
        }
        final int slot = (int)(deliverTick % delaySlots);
        final int wordOffset = layout.slotWordOffset(slot, axon >>> 6);
        final long word = memory.getLong(wordOffset, ORDER);
        final long bit = 1L << (axon & 63);
        if ((word & bit) != 0)
        {
            // One source neuron per axon and at most one spike per neuron per tick: a second packet for the same
            // (axon, tick) is a mapping bug, never a case to merge silently.
            throw new IllegalStateException("core " + id + ": two packets for axon " + axon + " at tick " + deliverTick);
        }
        memory.putLong(wordOffset, word | bit, ORDER);
        increment(CoreCounter.PACKETS_RECEIVED, 1);
    }

    /** An activation packet arrived (ANN-mode cores only). */
    void fileActivation(final int axon, final long deliverTick, final int value)
    {
        ann.fileActivation(axon, deliverTick, value);
    }

    /**
     * Reads the crossbar row of every axon due at {@code tick} into the dendrite, in ascending axon order. An ANN-mode
     * core has nothing to deliver per tick: it sums its window's inputs in {@link #fire}.
     */
    void deliver(final long tick)
    {
        if (ann != null)
        {
            return;
        }
        if (stp != null || hybrid != null)
        {
            deliverStp(tick);
            return;
        }
        final int slot = (int)(tick % delaySlots);
        long delivered = 0;
        long sops = 0;
        // rows are added two at a time: the dendrite is read and written once per pair (integer addition, so the
        // sum is the same in any grouping)
        int pending = -1;
        for (int w = 0; w < layout.wordsPerSlot; w++)
        {
            final int wordOffset = layout.slotWordOffset(slot, w);
            long word = memory.getLong(wordOffset, ORDER);
            if (word == 0)
            {
                continue;
            }
            memory.putLong(wordOffset, 0L, ORDER);
            while (word != 0)
            {
                final int axon = (w << 6) + Long.numberOfTrailingZeros(word);
                word &= word - 1;
                if (pending < 0)
                {
                    pending = axon;
                }
                else
                {
                    accumulateTwoRows(pending, axon);
                    pending = -1;
                }
                sops += memory.getInt(layout.rowSopsOffset(axon), ORDER);
                delivered++;
                if (learning != null)
                {
                    learning.onDelivered(axon);
                }
            }
        }
        if (pending >= 0)
        {
            accumulateRow(pending);
        }
        countDelivery(delivered, sops, 0);
    }

    /**
     * {@link #deliver} for a core with short-term plasticity or hybrid rows: STP rows are scaled by this spike's gain,
     * hybrid rows add alpha * P to W.
     */
    private void deliverStp(final long tick)
    {
        final int slot = (int)(tick % delaySlots);
        long delivered = 0;
        long scaled = 0;
        long hybridRows = 0;
        long sops = 0;
        for (int w = 0; w < layout.wordsPerSlot; w++)
        {
            final int wordOffset = layout.slotWordOffset(slot, w);
            long word = memory.getLong(wordOffset, ORDER);
            if (word == 0)
            {
                continue;
            }
            memory.putLong(wordOffset, 0L, ORDER);
            while (word != 0)
            {
                final int axon = (w << 6) + Long.numberOfTrailingZeros(word);
                word &= word - 1;
                final int gain = stp == null ? -1 : stp.gain(axon, tick);
                if (gain < 0)
                {
                    accumulateRow(axon);
                    if (hybrid != null && hybrid.onDelivered(axon))
                    {
                        hybridRows++;
                    }
                }
                else
                {
                    accumulateScaledRow(axon, gain);
                    scaled++;
                }
                sops += memory.getInt(layout.rowSopsOffset(axon), ORDER);
                delivered++;
                if (learning != null)
                {
                    learning.onDelivered(axon);
                }
            }
        }
        countDelivery(delivered, sops, scaled);
        if (hybridRows != 0)
        {
            increment(CoreCounter.MEM_READ_BYTES, hybridRows * hybrid.rowReadBytes());
        }
    }

    /**
     * The delivery counters of one tick: per delivered spike one crossbar row read plus the dendrite
     * read-modify-write; per STP-scaled spike also its STP state (u, x, last tick: 16 bytes) read and written.
     */
    private void countDelivery(final long delivered, final long sops, final long scaled)
    {
        if (delivered != 0)
        {
            increment(CoreCounter.SPIKES_DELIVERED, delivered);
            increment(CoreCounter.SOPS, sops);
            final long rowBytes = (long)neurons * layout.weightBytes;
            increment(CoreCounter.MEM_READ_BYTES, delivered * (rowBytes + 4L * neurons) + 16L * scaled);
            increment(CoreCounter.MEM_WRITE_BYTES, delivered * 4L * neurons + 16L * scaled);
        }
    }

    /** This tick's summed input of one neuron so far (for tests). */
    int dendrite(final int neuron)
    {
        return memory.getInt(layout.dendriteOffset(neuron), ORDER);
    }

    /** dendrite_j += round_half_up(w_aj * gain / 65536). */
    private void accumulateScaledRow(final int axon, final int gain)
    {
        final int row = layout.rowOffset(axon);
        final int dendrite = layout.dendriteOffset;
        final UnsafeBuffer m = memory;
        for (int j = 0; j < neurons; j++)
        {
            final long w = wideWeights ? m.getShort(row + (j << 1), ORDER) : m.getByte(row + j);
            final int at = dendrite + (j << 2);
            m.putInt(at, m.getInt(at, ORDER) + (int)((w * gain + (1L << 15)) >> 16), ORDER);
        }
    }

    /** Adds two crossbar rows into the dendrite in one pass (8-bit weights; else one row after the other). */
    private void accumulateTwoRows(final int axonA, final int axonB)
    {
        if (wideWeights || (neurons & 7) != 0)
        {
            accumulateRow(axonA);
            accumulateRow(axonB);
            return;
        }
        final int rowA = layout.rowOffset(axonA);
        final int rowB = layout.rowOffset(axonB);
        final int dendrite = layout.dendriteOffset;
        final UnsafeBuffer m = memory;
        for (int j = 0; j < neurons; j += 8)
        {
            final long a = m.getLong(rowA + j, ORDER);
            final long b = m.getLong(rowB + j, ORDER);
            final int at = dendrite + (j << 2);
            m.putInt(at, m.getInt(at, ORDER) + (byte)a + (byte)b, ORDER);
            m.putInt(at + 4, m.getInt(at + 4, ORDER) + (byte)(a >> 8) + (byte)(b >> 8), ORDER);
            m.putInt(at + 8, m.getInt(at + 8, ORDER) + (byte)(a >> 16) + (byte)(b >> 16), ORDER);
            m.putInt(at + 12, m.getInt(at + 12, ORDER) + (byte)(a >> 24) + (byte)(b >> 24), ORDER);
            m.putInt(at + 16, m.getInt(at + 16, ORDER) + (byte)(a >> 32) + (byte)(b >> 32), ORDER);
            m.putInt(at + 20, m.getInt(at + 20, ORDER) + (byte)(a >> 40) + (byte)(b >> 40), ORDER);
            m.putInt(at + 24, m.getInt(at + 24, ORDER) + (byte)(a >> 48) + (byte)(b >> 48), ORDER);
            m.putInt(at + 28, m.getInt(at + 28, ORDER) + (byte)(a >>> 56) + (byte)(b >>> 56), ORDER);
        }
    }

    private void accumulateRow(final int axon)
    {
        final int row = layout.rowOffset(axon);
        final int dendrite = layout.dendriteOffset;
        final UnsafeBuffer m = memory;
        if (wideWeights)
        {
            for (int j = 0; j < neurons; j++)
            {
                final int at = dendrite + (j << 2);
                m.putInt(at, m.getInt(at, ORDER) + m.getShort(row + (j << 1), ORDER), ORDER);
            }
            return;
        }
        // Eight 8-bit weights per 64-bit load: one bounds check and one memory access instead of eight. The row and
        // the dendrite are walked in address order.
        final int packed = neurons & ~7;
        int j = 0;
        for (; j < packed; j += 8)
        {
            final long w = m.getLong(row + j, ORDER);
            final int at = dendrite + (j << 2);
            m.putInt(at, m.getInt(at, ORDER) + (byte)w, ORDER);
            m.putInt(at + 4, m.getInt(at + 4, ORDER) + (byte)(w >> 8), ORDER);
            m.putInt(at + 8, m.getInt(at + 8, ORDER) + (byte)(w >> 16), ORDER);
            m.putInt(at + 12, m.getInt(at + 12, ORDER) + (byte)(w >> 24), ORDER);
            m.putInt(at + 16, m.getInt(at + 16, ORDER) + (byte)(w >> 32), ORDER);
            m.putInt(at + 20, m.getInt(at + 20, ORDER) + (byte)(w >> 40), ORDER);
            m.putInt(at + 24, m.getInt(at + 24, ORDER) + (byte)(w >> 48), ORDER);
            m.putInt(at + 28, m.getInt(at + 28, ORDER) + (byte)(w >>> 56), ORDER);
        }
        for (; j < neurons; j++)
        {
            final int at = dendrite + (j << 2);
            m.putInt(at, m.getInt(at, ORDER) + m.getByte(row + j), ORDER);
        }
    }

    /** Partial-sum core: ships every non-zero dendrite sum of {@code tick} to the soma core, then clears it. */
    void sendPartialSums(final long tick, final Worker worker)
    {
        for (int n = 0; n < neurons; n++)
        {
            final int at = layout.dendriteOffset(n);
            final int sum = memory.getInt(at, ORDER);
            if (sum != 0)
            {
                memory.putInt(at, 0, ORDER);
                worker.sendPartialSum(this, n, sum, tick);
            }
        }
    }

    /** Soma core: a partial sum for one of its neurons arrived. */
    void addPartialSum(final int neuron, final int value)
    {
        final int at = layout.dendriteOffset(neuron);
        memory.putInt(at, memory.getInt(at, ORDER) + value, ORDER);
        increment(CoreCounter.PSUM_PACKETS_RECEIVED, 1);
    }

    /** Soma core: every neuron integrates this tick's dendrite sum; those that fire are routed. */
    void fire(final long tick, final Worker worker)
    {
        if (ann != null)
        {
            ann.fire(tick, worker);
            return;
        }
        if (teacher != null)
        {
            teacher.teach(tick, layout.dendriteOffset);
        }
        if (adaptive)
        {
            fireAdaptive(tick, worker);
            return;
        }
        if (currentBased != null)
        {
            fireCurrentBased(tick, worker);
            return;
        }
        final FixedPointLif lif = this.lif;
        final UnsafeBuffer m = memory;
        // the four neuron arrays are walked in step; offsets are hoisted out of the loop
        final int dendriteBase = layout.dendriteOffset;
        final int potentialBase = layout.potentialOffset;
        final int refractoryBase = layout.refractoryOffset;
        final int biasBase = layout.biasOffset;
        final boolean refractoryUsed = lif.refractoryTicks() > 0;
        long spikes = 0;
        for (int n = 0; n < neurons; n++)
        {
            final int offset = n << 2;
            final int input = m.getInt(dendriteBase + offset, ORDER);
            m.putInt(dendriteBase + offset, 0, ORDER);
            if (refractoryUsed)
            {
                final int refractory = m.getInt(refractoryBase + offset, ORDER);
                if (refractory > 0)
                {
                    m.putInt(refractoryBase + offset, refractory - 1, ORDER);
                    continue;
                }
            }
            final int v = lif.integrate(m.getInt(potentialBase + offset, ORDER), input,
                m.getInt(biasBase + offset, ORDER));
            if (lif.fires(v))
            {
                m.putInt(potentialBase + offset, lif.reset(v), ORDER);
                spikes++;
                spiked(n, refractoryUsed, tick, worker);
            }
            else
            {
                m.putInt(potentialBase + offset, v, ORDER);
            }
        }
        // per neuron: dendrite, refractory, potential and bias read; dendrite, refractory and potential written
        countSomaTick(16L, 12L, spikes);
    }

    /** {@link #fire} for a current-based (CUBA) core: each neuron's synaptic current integrates the dendrite sum. */
    private void fireCurrentBased(final long tick, final Worker worker)
    {
        final boolean refractoryUsed = lif.refractoryTicks() > 0;
        long spikes = 0;
        for (int n = 0; n < neurons; n++)
        {
            if (currentBased.step(n))
            {
                spikes++;
                spiked(n, refractoryUsed, tick, worker);
            }
        }
        // as fire(), plus u read and written (8 bytes each)
        countSomaTick(24L, 20L, spikes);
    }

    /** After neuron n fired: refractory period, the learning engine's post spike, and the packets. */
    private void spiked(final int n, final boolean refractoryUsed, final long tick, final Worker worker)
    {
        if (refractoryUsed)
        {
            memory.putInt(layout.refractoryOffset(n), lif.refractoryTicks(), ORDER);
        }
        if (learning != null)
        {
            learning.onFired(n);
        }
        if (hybrid != null)
        {
            hybrid.onFired(n);
        }
        route(n, tick, worker);
    }

    /** The soma's counters for one tick: every neuron updated, its state bytes moved, the spikes fired. */
    private void countSomaTick(final long readBytesPerNeuron, final long writeBytesPerNeuron, final long spikes)
    {
        increment(CoreCounter.NEURON_UPDATES, neurons);
        increment(CoreCounter.MEM_READ_BYTES, readBytesPerNeuron * neurons);
        increment(CoreCounter.MEM_WRITE_BYTES, writeBytesPerNeuron * neurons);
        if (spikes != 0)
        {
            increment(CoreCounter.SPIKES_OUT, spikes);
        }
    }

    /**
     * {@link #fire} with homeostasis: neuron n fires when {@code v * 65536 >= threshold * 65536 + theta_n} (theta in
     * 16-bit fixed point of the population's steps, the value left by the previous tick); then, every tick,
     * {@code theta_n = round_half_up(theta_n * theta_decay_q16 / 65536) + theta_plus_q16 * z_n}. Refractory neurons
     * do not fire and their theta decays.
     */
    private void fireAdaptive(final long tick, final Worker worker)
    {
        final FixedPointLif lif = this.lif;
        final UnsafeBuffer m = memory;
        final int dendriteBase = layout.dendriteOffset;
        final int potentialBase = layout.potentialOffset;
        final int refractoryBase = layout.refractoryOffset;
        final int biasBase = layout.biasOffset;
        final int thetaBase = layout.thetaOffset;
        final long thresholdQ16 = (long)lif.threshold() << 16;
        final boolean refractoryUsed = lif.refractoryTicks() > 0;
        long spikes = 0;
        for (int n = 0; n < neurons; n++)
        {
            final int offset = n << 2;
            final int thetaAt = thetaBase + (n << 3);
            final long theta = m.getLong(thetaAt, ORDER);
            final long decayed = theta == 0 ? 0 : (theta * thetaDecayQ16 + (1L << 15)) >> 16;
            final int input = m.getInt(dendriteBase + offset, ORDER);
            m.putInt(dendriteBase + offset, 0, ORDER);
            if (refractoryUsed)
            {
                final int refractory = m.getInt(refractoryBase + offset, ORDER);
                if (refractory > 0)
                {
                    m.putInt(refractoryBase + offset, refractory - 1, ORDER);
                    m.putLong(thetaAt, decayed, ORDER);
                    continue;
                }
            }
            final int v = lif.integrate(m.getInt(potentialBase + offset, ORDER), input,
                m.getInt(biasBase + offset, ORDER));
            if (((long)v << 16) >= thresholdQ16 + theta)
            {
                m.putInt(potentialBase + offset, lif.reset(v), ORDER);
                m.putLong(thetaAt, decayed + thetaPlusQ16, ORDER);
                spikes++;
                spiked(n, refractoryUsed, tick, worker);
            }
            else
            {
                m.putInt(potentialBase + offset, v, ORDER);
                m.putLong(thetaAt, decayed, ORDER);
            }
        }
        // as fire(), plus theta read and written (8 bytes each)
        countSomaTick(24L, 20L, spikes);
    }

    void route(final int neuron, final long tick, final Worker worker)
    {
        if (recorded)
        {
            worker.record(tick, firstGlobalId + neuron);
        }
        final int from = memory.getInt(layout.routeStartOffset(neuron), ORDER);
        final int to = memory.getInt(layout.routeStartOffset(neuron + 1), ORDER);
        long hops = 0;
        for (int e = from; e < to; e++)
        {
            final int at = layout.routeEntryOffset(e);
            final int dstCore = memory.getInt(at, ORDER);
            final int axonAndDelay = memory.getInt(at + 4, ORDER);
            hops += worker.sendSpike(this, dstCore, axonAndDelay & CoreLayout.AXON_MASK,
                tick + 1 + (axonAndDelay >>> CoreLayout.DELAY_SHIFT));
        }
        // counted once per spike, not per packet: fewer read-modify-writes of the counters on the hot path
        if (to > from)
        {
            increment(CoreCounter.PACKETS_SENT, to - from);
            increment(CoreCounter.HOPS, hops);
        }
        increment(CoreCounter.MEM_READ_BYTES, 8L + (long)(to - from) * CoreLayout.ROUTE_ENTRY_BYTES);
    }

    /** The activation of neuron n of an ANN-mode core after its last window (for tests). */
    int annOutput(final int neuron)
    {
        return ann.output(neuron);
    }

    boolean learns()
    {
        return learning != null || hybrid != null;
    }

    /** The tick's on-chip learning step (after {@link #fire}); only for cores that learn. */
    void learn(final long tick, final Worker worker)
    {
        if (hybrid != null)
        {
            learnHybrid();
        }
        if (learning == null)
        {
            return;
        }
        countLearning(learning.learn(tick));
        final TwoPhaseEngine twoPhase = learning.twoPhase();
        if (twoPhase != null)
        {
            countMemory(twoPhase.memoryTally);
        }
        final SbpEngine sbp = learning.sbp();
        if (sbp != null)
        {
            if (sbp.epochEnds(tick, worker.totalTicks()))
            {
                sbp.sendSums(this, worker);
            }
            countMemory(sbp.memoryTally);
        }
    }

    /** At the end of the run: the last learning epoch's pending changes (SBP) are applied. */
    void finishLearning()
    {
        final SbpEngine sbp = learning == null ? null : learning.sbp();
        if (sbp != null)
        {
            countLearning(sbp.apply());
            countMemory(sbp.memoryTally);
        }
    }

    /** An SBP packet for one of this core's neurons arrived (L+ and L- in 8-bit fixed point weight steps). */
    void receiveSbp(final int neuron, final int plusQ8, final int minusQ8)
    {
        learning.sbp().receive(neuron, plusQ8, minusQ8);
        // only this untraced counter moves on arrival: a packet may be filed in the tick it was sent or in the next
        // (depending on which worker owns the receiver), and traced counters must not depend on that; the sums'
        // memory traffic is counted when they are applied
        increment(CoreCounter.SBP_PACKETS_RECEIVED, 1);
    }

    /** Whether this is a readout core of two-phase learning (it takes the samples' labels). */
    boolean teaches()
    {
        return teacher != null;
    }

    /** Ticks of a two-phase learning phase on a readout core. */
    int phaseTicks()
    {
        return teacher.phaseTicks();
    }

    /** A label packet of two-phase learning arrived (the sample's class, -1 for none). */
    void receiveLabel(final int label)
    {
        teacher.receiveLabel(label);
        increment(CoreCounter.LABEL_PACKETS_RECEIVED, 1);
    }

    private void countLearning(final long updates)
    {
        if (updates != 0)
        {
            increment(CoreCounter.LEARN_UPDATES, updates);
            // each update reads and writes one weight and reads one trace
            increment(CoreCounter.MEM_READ_BYTES, updates * (layout.weightBytes + 4L));
            increment(CoreCounter.MEM_WRITE_BYTES, updates * layout.weightBytes);
        }
    }

    /** Counts the bytes a learning engine moved since the last call, and clears its tally. */
    private void countMemory(final MemoryTally tally)
    {
        increment(CoreCounter.MEM_READ_BYTES, tally.readBytes);
        increment(CoreCounter.MEM_WRITE_BYTES, tally.writeBytes);
        tally.readBytes = 0;
        tally.writeBytes = 0;
    }

    /**
     * Hybrid rows: every update reads and writes one P (2 bytes); per hybrid row the trace sbar is read and written
     * (4 bytes each) every tick; on update ticks beta per updated row and v, eta and the fired flag per neuron are read.
     */
    private void learnHybrid()
    {
        final long updates = hybrid.learn();
        increment(CoreCounter.MEM_READ_BYTES, hybrid.extraReadBytes() + updates * 2L);
        increment(CoreCounter.MEM_WRITE_BYTES, hybrid.traceBytes() + updates * 2L);
        if (updates != 0)
        {
            increment(CoreCounter.LEARN_UPDATES, updates);
        }
    }

    /** The learned state besides the weights (theta, traces, tags, sbar, draws), or null when the core has none. */
    org.chipsim.proto.v1.CoreLearnedState learnedState()
    {
        return LearnedState.read(memory, layout, program);
    }

    /** The local weights P of a hybrid core (row-major, 1/256 weight step), or null. */
    short[] localWeights()
    {
        return hybrid == null ? null : hybrid.localWeights();
    }

    /** The crossbar's current weights, row-major, as integers (for write-back of learned weights). */
    int[] weights()
    {
        final int[] weights = new int[axons * neurons];
        for (int a = 0; a < axons; a++)
        {
            final int row = layout.rowOffset(a);
            for (int n = 0; n < neurons; n++)
            {
                weights[a * neurons + n] = weight(row, n);
            }
        }
        return weights;
    }

    /** Counts packets left in the axon buffer (due after the run's last tick) into PENDING_AT_END. */
    void countPending()
    {
        if (ann != null)
        {
            ann.countPending();
            return;
        }
        long pending = 0;
        for (int slot = 0; slot < delaySlots; slot++)
        {
            for (int w = 0; w < layout.wordsPerSlot; w++)
            {
                pending += Long.bitCount(memory.getLong(layout.slotWordOffset(slot, w), ORDER));
            }
        }
        memory.putLong(layout.counterOffset(CoreCounter.PENDING_AT_END), pending, ORDER);
    }

    void increment(final CoreCounter counter, final long delta)
    {
        final int at = layout.counterOffset(counter);
        memory.putLong(at, memory.getLong(at, ORDER) + delta, ORDER);
    }

    long counter(final CoreCounter counter)
    {
        return memory.getLong(layout.counterOffset(counter), ORDER);
    }

    /** Bytes of off-heap memory this core uses. */
    int memoryBytes()
    {
        return layout.totalBytes;
    }

    /** A copy of the core's whole memory (for a checkpoint, taken between ticks by the thread that owns the run). */
    byte[] snapshot()
    {
        final byte[] bytes = new byte[layout.totalBytes];
        memory.getBytes(0, bytes);
        return bytes;
    }

    /** Overwrites the core's whole memory with a {@link #snapshot()} of a core of the same program. */
    void restore(final byte[] bytes)
    {
        if (bytes.length != layout.totalBytes)
        {
            throw new IllegalArgumentException("core " + id + ": snapshot of " + bytes.length + " bytes, memory of " +
                layout.totalBytes);
        }
        memory.putBytes(0, bytes);
    }
}
