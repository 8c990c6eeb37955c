package org.chipsim.core.energy;

import java.util.Arrays;

/**
 * Energy and latency of a run, computed after it from its counts and a set of unit costs: every per-core,
 * per-component figure is {@code count x cost} (a product of a long count and a cost, one rounding); every total is the
 * exact sum of those figures rounded once (see {@link ExactSum}), so totals by core, by component and overall agree to
 * the last bit whatever the order.
 *
 * <p>Entries are the cores in use, in the order of {@link Activity#coreEvents()}, plus the input port, which carries
 * the input packets' off-chip link ({@link Component#INPUT_LINK}) and their on-chip hops.
 *
 * <p>Static energy = static power per core x cores in use x simulated time (ticks x tick seconds): the chip is taken to
 * run paced, one tick per tick_seconds of model time, with idle cores power-gated.
 *
 * <p>Latency of a tick = max over cores of the core's busy cycles that tick + the longest mesh path that tick x hop
 * latency (or the off-chip link plus the input packets' path) + tick synchronization.
 */
public final class EnergyReport
{
    private final EnergyModel model;
    private final Activity activity;
    private final double[][] coreEnergyPj;
    private final double[] inputPortEnergyPj;
    private final double[] coreTotalPj;
    private final double inputPortTotalPj;
    private final double[] componentTotalPj;
    private final double totalPj;
    private final double[] coreBusyCycles;
    private final double[] criticalPathCycles;
    private final LatencySummary latency;
    private final double[] binEnergyPj;

    private EnergyReport(final EnergyModel model, final Activity activity)
    {
        this.model = model;
        this.activity = activity;
        final EnergyCosts costs = model.costs();
        final int cores = activity.coreCount();
        final double staticPerCorePj = costs.staticPowerMwPerCore() * activity.simulatedSeconds() * 1e9;

        coreEnergyPj = new double[cores][];
        coreTotalPj = new double[cores];
        coreBusyCycles = new double[cores];
        for (int k = 0; k < cores; k++)
        {
            final long[] events = activity.coreEvents()[k];
            coreEnergyPj[k] = components(costs, events, staticPerCorePj);
            coreTotalPj[k] = ExactSum.of(coreEnergyPj[k]);
            coreBusyCycles[k] = costs.coreBusyCycles(events[EnergyEvent.SOP.ordinal()],
                events[EnergyEvent.NEURON_UPDATE.ordinal()], events[EnergyEvent.PACKET_OUT.ordinal()],
                events[EnergyEvent.PARTIAL_SUM_SENT.ordinal()], events[EnergyEvent.PARTIAL_SUM_RECEIVED.ordinal()],
                events[EnergyEvent.LEARN_UPDATE.ordinal()], events[EnergyEvent.MAC.ordinal()],
                events[EnergyEvent.ACTIVATION_PACKET.ordinal()]);
        }
        inputPortEnergyPj = components(costs, activity.inputPortEvents(), 0.0);
        inputPortTotalPj = ExactSum.of(inputPortEnergyPj);

        componentTotalPj = new double[Component.count()];
        final ExactSum all = new ExactSum();
        for (int c = 0; c < Component.count(); c++)
        {
            final ExactSum sum = new ExactSum();
            for (int k = 0; k < cores; k++)
            {
                sum.add(coreEnergyPj[k][c]);
                all.add(coreEnergyPj[k][c]);
            }
            sum.add(inputPortEnergyPj[c]);
            all.add(inputPortEnergyPj[c]);
            componentTotalPj[c] = sum.value();
        }
        totalPj = all.value();

        final TickTrace trace = activity.trace();
        if (trace == null)
        {
            criticalPathCycles = new double[0];
            latency = null;
            binEnergyPj = new double[0];
        }
        else
        {
            if (trace.maxBusyCycles() == null)
            {
                criticalPathCycles = new double[0];
                latency = null;
            }
            else
            {
                criticalPathCycles = new double[trace.latencyBins()];
                for (int b = 0; b < criticalPathCycles.length; b++)
                {
                    criticalPathCycles[b] = trace.maxBusyCycles()[b] + trace.meshCycles(costs, b) +
                        costs.tickSyncLatencyCycles();
                }
                latency = summarize(trace, costs);
            }
            binEnergyPj = new double[trace.eventBins()];
            for (int b = 0; b < binEnergyPj.length; b++)
            {
                final ExactSum sum = new ExactSum();
                for (final EnergyEvent event : EnergyEvent.values())
                {
                    sum.add(costs.energyPj(event, trace.events(b, event)));
                }
                binEnergyPj[b] = sum.value();
            }
        }
    }

    /** Computes the report of a run. */
    public static EnergyReport of(final EnergyModel model, final Activity activity)
    {
        return new EnergyReport(model, activity);
    }

    /** One entry's energy by component: count x cost for every event, static energy given. */
    private static double[] components(final EnergyCosts costs, final long[] events, final double staticPj)
    {
        final double[] byComponent = new double[Component.count()];
        for (final EnergyEvent event : EnergyEvent.values())
        {
            // SPIKE_OUT and MEMORY have two events each: added in event order (one rounding), deterministic
            byComponent[event.component().ordinal()] += costs.energyPj(event, events[event.ordinal()]);
        }
        byComponent[Component.STATIC.ordinal()] = staticPj;
        return byComponent;
    }

    /** The critical path of a tick, in cycles: slowest core + longest mesh path + synchronization. */
    public static double criticalPath(final EnergyCosts costs, final double maxBusyCycles, final int maxHops,
        final int maxInputHops)
    {
        return maxBusyCycles + costs.meshCycles(maxHops, maxInputHops) + costs.tickSyncLatencyCycles();
    }

    private LatencySummary summarize(final TickTrace trace, final EnergyCosts costs)
    {
        final int bins = criticalPathCycles.length;
        if (bins == 0)
        {
            return new LatencySummary(trace.latencyBinTicks(), 0, 0, 0, 0, 0, 0, model.clockHz(),
                activity.tickSeconds());
        }
        final ExactSum weighted = new ExactSum();
        double maxBusy = 0;
        double maxMesh = 0;
        for (int b = 0; b < bins; b++)
        {
            weighted.add(criticalPathCycles[b] * trace.ticksInBin(b, trace.latencyBinTicks()));
            maxBusy = Math.max(maxBusy, trace.maxBusyCycles()[b]);
            maxMesh = Math.max(maxMesh, trace.meshCycles(costs, b));
        }
        final double totalCycles = weighted.value();
        final double[] sorted = criticalPathCycles.clone();
        Arrays.sort(sorted);
        final int rank = (int)Math.ceil(0.99 * bins) - 1;
        return new LatencySummary(trace.latencyBinTicks(), totalCycles / trace.ticks(), sorted[Math.max(0, rank)],
            sorted[bins - 1], maxBusy, maxMesh, totalCycles / model.clockHz(), model.clockHz(),
            activity.tickSeconds());
    }

    public EnergyModel model()
    {
        return model;
    }

    public Activity activity()
    {
        return activity;
    }

    public int coreCount()
    {
        return coreEnergyPj.length;
    }

    /** Energy of core k (program order) in one component, pJ. */
    public double coreEnergyPj(final int k, final Component component)
    {
        return coreEnergyPj[k][component.ordinal()];
    }

    public double coreTotalPj(final int k)
    {
        return coreTotalPj[k];
    }

    public double inputPortEnergyPj(final Component component)
    {
        return inputPortEnergyPj[component.ordinal()];
    }

    public double inputPortTotalPj()
    {
        return inputPortTotalPj;
    }

    /** Energy of one component over every core and the input port, pJ. */
    public double componentTotalPj(final Component component)
    {
        return componentTotalPj[component.ordinal()];
    }

    /** Energy of the run, pJ. */
    public double totalPj()
    {
        return totalPj;
    }

    /** Everything but static energy, pJ. */
    public double dynamicPj()
    {
        return ExactSum.of(Arrays.stream(Component.values()).filter(c -> c != Component.STATIC)
            .mapToDouble(this::componentTotalPj).toArray());
    }

    /** Busy cycles of core k over the whole run (its events x latency costs; mesh transport excluded). */
    public double coreBusyCycles(final int k)
    {
        return coreBusyCycles[k];
    }

    /** Energy per spike fired by a neuron, pJ (NaN without spikes). */
    public double energyPerSpikePj()
    {
        return perEvent(activity.total(EnergyEvent.SPIKE_OUT));
    }

    /** Energy per synaptic operation, pJ (NaN without SOPs). */
    public double energyPerSopPj()
    {
        return perEvent(activity.total(EnergyEvent.SOP));
    }

    /** Energy per inference (sample presented), pJ. */
    public double energyPerInferencePj()
    {
        return perEvent(activity.inferences());
    }

    private double perEvent(final long count)
    {
        return count == 0 ? Double.NaN : totalPj / count;
    }

    /** Mean power over the simulated time, mW. */
    public double powerMw()
    {
        final double seconds = activity.simulatedSeconds();
        return seconds == 0 ? Double.NaN : totalPj * 1e-9 / seconds;
    }

    /** Per-tick latency summary, or null when the run kept no trace or its slowest cores are unknown. */
    public LatencySummary latency()
    {
        return latency;
    }

    /** Critical path per latency bin (per tick unless binned), in cycles. */
    public double[] criticalPathCycles()
    {
        return criticalPathCycles.clone();
    }

    /** Dynamic energy (every component but static) per event bin, pJ; see {@link TickTrace#eventBinTicks()}. */
    public double[] binDynamicEnergyPj()
    {
        return binEnergyPj.clone();
    }

    /** Static energy of one tick (every core in use, over one tick of model time), pJ. */
    public double staticPjPerTick()
    {
        return model.costs().staticPowerMwPerCore() * activity.coreCount() * activity.tickSeconds() * 1e9;
    }

    /**
     * Static energy had the run gone as fast as its critical paths allow (ticks back to back, no pacing), pJ: the
     * alternative to the paced static energy the totals use. NaN without a per-tick record.
     */
    public double staticPjIfUnpaced()
    {
        return latency == null ? Double.NaN :
            model.costs().staticPowerMwPerCore() * activity.coreCount() * latency.unpacedSeconds() * 1e9;
    }
}
