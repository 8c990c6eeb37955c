package org.chipsim.core.energy;

import org.chipsim.core.ModelException;

/**
 * Unit costs of the energy and latency model, one per {@link Cost} and in its order. Energies are in picojoules per
 * event, static power in milliwatts per core in use, latencies in cycles of the chip clock per event. Which published
 * figure (or assumption) each preset value comes from is recorded in {@link Preset} and docs/energy.md.
 *
 * @param sopEnergyPj               per synaptic operation (non-zero weight accumulated for a delivered spike)
 * @param neuronUpdateEnergyPj      per neuron update (every neuron of a soma core, every tick)
 * @param spikeOutEnergyPj          per spike fired
 * @param packetOutEnergyPj         per spike packet sent by a core (routing entry read, injection)
 * @param hopEnergyPj               per on-chip mesh link crossed by any packet
 * @param offChipHopEnergyPj        per input packet crossing the off-chip link into the input port
 * @param partialSumEnergyPj        per partial-sum packet, hops excluded
 * @param memReadEnergyPjPerByte    per byte of core memory read
 * @param memWriteEnergyPjPerByte   per byte of core memory written
 * @param staticPowerMwPerCore      static power of each core in use, over the simulated time
 * @param sopLatencyCycles          core busy cycles per synaptic operation
 * @param neuronUpdateLatencyCycles core busy cycles per neuron update
 * @param packetOutLatencyCycles    core busy cycles per spike packet sent
 * @param partialSumLatencyCycles   core busy cycles per partial-sum packet sent, and again per one received
 * @param hopLatencyCycles          cycles per link of a tick's longest mesh path
 * @param offChipHopLatencyCycles   cycles of the off-chip input link
 * @param tickSyncLatencyCycles     cycles of global synchronization per tick
 * @param learnUpdateEnergyPj       per synaptic weight update by on-chip learning
 * @param learnUpdateLatencyCycles  core busy cycles per synaptic weight update
 * @param macEnergyPj               per multiply-accumulate of an ANN-mode core
 * @param macLatencyCycles          core busy cycles per multiply-accumulate
 * @param activationPacketEnergyPj  per activation packet sent by an ANN-mode core, hops excluded
 * @param activationPacketLatencyCycles core busy cycles per activation packet sent
 * @param interChipHopEnergyPj      per inter-chip link crossed (multi-chip grids), instead of hopEnergyPj
 * @param interChipHopLatencyCycles cycles per inter-chip link on a path, instead of hopLatencyCycles
 * @param sbpPacketEnergyPj         per SBP packet sent by on-chip learning, hops excluded
 */
public record EnergyCosts(
    double sopEnergyPj,
    double neuronUpdateEnergyPj,
    double spikeOutEnergyPj,
    double packetOutEnergyPj,
    double hopEnergyPj,
    double offChipHopEnergyPj,
    double partialSumEnergyPj,
    double memReadEnergyPjPerByte,
    double memWriteEnergyPjPerByte,
    double staticPowerMwPerCore,
    double sopLatencyCycles,
    double neuronUpdateLatencyCycles,
    double packetOutLatencyCycles,
    double partialSumLatencyCycles,
    double hopLatencyCycles,
    double offChipHopLatencyCycles,
    double tickSyncLatencyCycles,
    double learnUpdateEnergyPj,
    double learnUpdateLatencyCycles,
    double macEnergyPj,
    double macLatencyCycles,
    double activationPacketEnergyPj,
    double activationPacketLatencyCycles,
    double interChipHopEnergyPj,
    double interChipHopLatencyCycles,
    double sbpPacketEnergyPj)
{
    /** Every cost must be a finite number >= 0. */
    public EnergyCosts
    {
        final double[] all = {sopEnergyPj, neuronUpdateEnergyPj, spikeOutEnergyPj, packetOutEnergyPj, hopEnergyPj,
            offChipHopEnergyPj, partialSumEnergyPj, memReadEnergyPjPerByte, memWriteEnergyPjPerByte,
            staticPowerMwPerCore, sopLatencyCycles, neuronUpdateLatencyCycles, packetOutLatencyCycles,
            partialSumLatencyCycles, hopLatencyCycles, offChipHopLatencyCycles, tickSyncLatencyCycles,
            learnUpdateEnergyPj, learnUpdateLatencyCycles, macEnergyPj, macLatencyCycles, activationPacketEnergyPj,
            activationPacketLatencyCycles, interChipHopEnergyPj, interChipHopLatencyCycles,
            sbpPacketEnergyPj};
        for (int i = 0; i < all.length; i++)
        {
            checkCost(Cost.of(i), all[i]);
        }
    }

    static void checkCost(final Cost cost, final double value)
    {
        if (!(value >= 0.0) || Double.isInfinite(value))
        {
            throw new ModelException("energy cost " + cost.key() + " must be a finite number >= 0, got " + value);
        }
    }

    /** Builds the costs from values indexed by {@link Cost#ordinal()}. */
    public static EnergyCosts of(final double[] v)
    {
        if (v.length != Cost.count())
        {
            throw new IllegalArgumentException("expected " + Cost.count() + " costs, got " + v.length);
        }
        return new EnergyCosts(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13],
            v[14], v[15], v[16], v[17], v[18], v[19], v[20], v[21], v[22], v[23], v[24], v[25]);
    }

    /** Every cost, indexed by {@link Cost#ordinal()}. */
    public double[] toArray()
    {
        final double[] v = new double[Cost.count()];
        for (final Cost cost : Cost.values())
        {
            v[cost.ordinal()] = get(cost);
        }
        return v;
    }

    public double get(final Cost cost)
    {
        return switch (cost)
        {
            case SOP_ENERGY_PJ -> sopEnergyPj;
            case NEURON_UPDATE_ENERGY_PJ -> neuronUpdateEnergyPj;
            case SPIKE_OUT_ENERGY_PJ -> spikeOutEnergyPj;
            case PACKET_OUT_ENERGY_PJ -> packetOutEnergyPj;
            case HOP_ENERGY_PJ -> hopEnergyPj;
            case OFF_CHIP_HOP_ENERGY_PJ -> offChipHopEnergyPj;
            case PARTIAL_SUM_ENERGY_PJ -> partialSumEnergyPj;
            case MEM_READ_ENERGY_PJ_PER_BYTE -> memReadEnergyPjPerByte;
            case MEM_WRITE_ENERGY_PJ_PER_BYTE -> memWriteEnergyPjPerByte;
            case STATIC_POWER_MW_PER_CORE -> staticPowerMwPerCore;
            case SOP_LATENCY_CYCLES -> sopLatencyCycles;
            case NEURON_UPDATE_LATENCY_CYCLES -> neuronUpdateLatencyCycles;
            case PACKET_OUT_LATENCY_CYCLES -> packetOutLatencyCycles;
            case PARTIAL_SUM_LATENCY_CYCLES -> partialSumLatencyCycles;
            case HOP_LATENCY_CYCLES -> hopLatencyCycles;
            case OFF_CHIP_HOP_LATENCY_CYCLES -> offChipHopLatencyCycles;
            case TICK_SYNC_LATENCY_CYCLES -> tickSyncLatencyCycles;
            case LEARN_UPDATE_ENERGY_PJ -> learnUpdateEnergyPj;
            case LEARN_UPDATE_LATENCY_CYCLES -> learnUpdateLatencyCycles;
            case MAC_ENERGY_PJ -> macEnergyPj;
            case MAC_LATENCY_CYCLES -> macLatencyCycles;
            case ACTIVATION_PACKET_ENERGY_PJ -> activationPacketEnergyPj;
            case ACTIVATION_PACKET_LATENCY_CYCLES -> activationPacketLatencyCycles;
            case INTER_CHIP_HOP_ENERGY_PJ -> interChipHopEnergyPj;
            case INTER_CHIP_HOP_LATENCY_CYCLES -> interChipHopLatencyCycles;
            case SBP_PACKET_ENERGY_PJ -> sbpPacketEnergyPj;
        };
    }

    /** A copy with one cost replaced. */
    public EnergyCosts with(final Cost cost, final double value)
    {
        final double[] v = toArray();
        v[cost.ordinal()] = value;
        return of(v);
    }

    /** Energy in pJ of {@code count} events of one kind; 0 for events that cost no energy. */
    public double energyPj(final EnergyEvent event, final long count)
    {
        final Cost cost = event.energyCost();
        return cost == null ? 0.0 : count * get(cost);
    }

    /**
     * Cycles a core is busy for the given events of one tick (or of a whole run): synaptic operations, neuron updates,
     * spike packets sent, partial-sum packets sent and received, learning updates, and an ANN-mode core's
     * multiply-accumulates and activation packets sent, summed in this fixed order. Mesh transport is not included (see
     * {@link EnergyReport}).
     */
    @SuppressWarnings("checkstyle:ParameterNumber")
    public double coreBusyCycles(final long sops, final long neuronUpdates, final long packetsSent,
        final long partialSumsSent, final long partialSumsReceived, final long learnUpdates, final long macs,
        final long activationPackets)
    {
        return sops * sopLatencyCycles + neuronUpdates * neuronUpdateLatencyCycles +
            packetsSent * packetOutLatencyCycles + (partialSumsSent + partialSumsReceived) * partialSumLatencyCycles +
            learnUpdates * learnUpdateLatencyCycles + macs * macLatencyCycles +
            activationPackets * activationPacketLatencyCycles;
    }

    /**
     * Cycles of the mesh part of a tick: the longest path of that tick, on chip ({@code maxHops} links) or from the
     * input port ({@code maxInputHops} links after the off-chip link; negative when no input packet entered).
     */
    public double meshCycles(final int maxHops, final int maxInputHops)
    {
        final double onChip = maxHops * hopLatencyCycles;
        final double fromPort = maxInputHops < 0 ? 0.0 : offChipHopLatencyCycles + maxInputHops * hopLatencyCycles;
        return Math.max(onChip, fromPort);
    }
}
