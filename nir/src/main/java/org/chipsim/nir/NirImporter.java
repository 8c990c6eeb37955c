package org.chipsim.nir;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.chipsim.core.ChipSpecs;
import org.chipsim.core.ModelException;
import org.chipsim.core.layers.Window;
import org.chipsim.proto.v1.ChipSpec;
import org.chipsim.proto.v1.LifNeuron;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Population;
import org.chipsim.proto.v1.Projection;
import org.chipsim.proto.v1.ResetMode;
import org.chipsim.proto.v1.RunConfig;
import org.chipsim.proto.v1.SparseWeights;
import org.chipsim.proto.v1.SynapticCurrent;

/**
 * Turns a NIR graph into a chipsim {@link Model}: Input nodes become input populations, neuron nodes (LIF, IF, LI, I,
 * Threshold; CubaLIF/CubaLI as current-based LIF, LifNeuron.synaptic_current) become populations with the continuous-time
 * dynamics discretized to ticks of {@code dt}, and every chain of operator nodes (Affine, Linear, Scale, Flatten,
 * Conv1d, Conv2d, SumPool2d, AvgPool2d, Delay, nested-graph boundaries) between two neuron nodes is multiplied out into
 * explicit projections. The equations and conventions are in docs/nir.md. Anything the chip cannot express is
 * refused with one {@link ModelException} line naming the node.
 */
public final class NirImporter
{
    /** What happens to the membrane after a spike. NIR always resets to v_reset; it cannot say "subtract". */
    public enum Reset
    {
        /** v = v_reset (0 unless the node gives v_reset): NIR's own semantics. */
        ZERO,
        /** v = v - threshold (keeps the residue), as many rate-coded conversions and snnTorch's default want. */
        SUBTRACT
    }

    /** How continuous-time dynamics become a per-tick update. */
    public enum Discretization
    {
        /** Exact solution of the ODE for an input held constant over the tick: decay = exp(-dt/tau). */
        EXACT,
        /** Forward Euler: decay = 1 - dt/tau, input x dt/tau; what snnTorch/Norse-style exports assume. */
        EULER
    }

    /**
     * @param dtSeconds      model time of one tick, > 0
     * @param reset          reset after a spike
     * @param discretization ODE discretization
     */
    public record Options(double dtSeconds, Reset reset, Discretization discretization)
    {
        public static final double DEFAULT_DT_SECONDS = 1e-3;

        public Options
        {
            if (!(dtSeconds > 0) || !Double.isFinite(dtSeconds))
            {
                throw new ModelException("--dt must be a positive number of seconds, got " + dtSeconds);
            }
            if (reset == null || discretization == null)
            {
                throw new IllegalArgumentException("reset and discretization are required");
            }
        }

        public static Options defaults()
        {
            return new Options(DEFAULT_DT_SECONDS, Reset.ZERO, Discretization.EXACT);
        }
    }

    /**
     * @param model    the chipsim model (no stimulus: give one with {@code chipsim run --stimulus})
     * @param notes    what the conversion did and changed, one line each
     * @param warnings approximations and things the chip cannot show, one line each (a subset worth a warning)
     */
    public record Result(Model model, List<String> notes, List<String> warnings)
    {
    }

    private static final Set<String> NEURON_TYPES = Set.of("LIF", "IF", "LI", "I", "CubaLIF", "CubaLI", "Threshold");
    private static final Set<String> OPERATOR_TYPES = Set.of("Affine", "Linear", "Scale", "Flatten", "Conv1d",
        "Conv2d", "SumPool2d", "AvgPool2d", "Delay", "Identity");
    private static final String SUPPORTED = "Input, Output, Affine, Linear, Scale, Flatten, Delay, Threshold, I, IF, " +
        "LI, LIF, CubaLIF, CubaLI, Conv1d, Conv2d, SumPool2d, AvgPool2d, NIRGraph";
    /** A non-spiking population's threshold, in multiples of its largest incoming weight: never reached in practice. */
    private static final double NEVER_FIRES = 1 << 15;
    /** Relative tolerance for "this delay is a whole number of ticks". */
    private static final double TICK_TOLERANCE = 1e-6;

    private enum Kind
    {
        INPUT,
        OUTPUT,
        NEURON,
        OPERATOR
    }

    /** One node of the flattened graph. */
    private static final class Flat
    {
        final int id;
        final String name;
        final String type;
        final NirNode node;
        final Kind kind;
        final List<Integer> preds = new ArrayList<>();
        final List<Integer> succs = new ArrayList<>();
        int[] shape;
        int size;
        /** Operator: the linear map input -> output (null = identity), its own constant, per-element delays. */
        Csr map;
        double[] constant;
        int[] delayTicks;
        boolean mapped;
        Signal signal;
        Neuron neuron;
        /** Source nodes: population index and neuron index of every element. */
        int[] population;
        int[] indexInPopulation;
        int depth;

        Flat(final int id, final String name, final String type, final NirNode node, final Kind kind)
        {
            this.id = id;
            this.name = name;
            this.type = type;
            this.node = node;
            this.kind = kind;
        }

        String label()
        {
            return type + " '" + name + "'";
        }
    }

    private record TermKey(int source, int delayTicks)
    {
    }

    /** A signal as a linear function of source nodes' spikes (per delay) plus a constant. */
    private static final class Signal
    {
        final Map<TermKey, Csr> terms = new LinkedHashMap<>();
        double[] constant;
        /** False once an operator other than Identity/Flatten was applied (used for Output readouts). */
        boolean plain = true;

        void add(final TermKey key, final Csr matrix)
        {
            terms.merge(key, matrix, Csr::plus);
        }

        void addConstant(final double[] c)
        {
            if (c == null)
            {
                return;
            }
            if (constant == null)
            {
                constant = c.clone();
            }
            else
            {
                for (int j = 0; j < c.length; j++)
                {
                    constant[j] += c[j];
                }
            }
        }
    }

    /** A neuron node's per-element tick dynamics and how its elements are grouped into populations. */
    private static final class Neuron
    {
        boolean spiking;
        double[] decay;
        /**
         * Change per tick per unit of input spike (after the membrane rescaling below): of the membrane, or of the
         * synaptic current u of a current-based neuron.
         */
        double[] gain;
        /** Membrane change per tick per unit of constant input current (= gain unless current-based). */
        double[] biasGain;
        /** Per-tick decay of the synaptic current (current-based neurons with tau_syn > 0), else null. */
        double[] currentDecay;
        double[] groupCurrentDecay;
        /** Constant membrane change per tick from v_leak (after rescaling). */
        double[] leakBias;
        double[] threshold;
        double[] vReset;
        int groups;
        int[] group;
        int[] index;
        double[] groupDecay;
        double[] groupThreshold;
        double[] groupReset;
        int[] groupSize;
        int firstPopulation;
    }

    private final String modelName;
    private final Options options;
    private final double dt;
    private final List<Flat> nodes = new ArrayList<>();
    private final Map<String, Integer> byName = new HashMap<>();
    private final Set<Long> edgeSet = new HashSet<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private int nestedGraphs;
    private final String version;

    private NirImporter(final NirGraph graph, final String modelName, final Options options)
    {
        this.modelName = modelName;
        this.options = options;
        this.dt = options.dtSeconds();
        this.version = graph.version();
        flatten(graph, "", true);
    }

    /** Reads and converts a .nir file; errors name the file. */
    public static Result importFile(final Path file, final Options options)
    {
        final NirGraph graph = NirReader.read(file);
        final String fileName = file.getFileName().toString();
        final int dot = fileName.lastIndexOf('.');
        final String name = dot > 0 ? fileName.substring(0, dot) : fileName;
        try
        {
            return importGraph(graph, name, options);
        }
        catch (final ModelException e)
        {
            throw new ModelException(file + ": " + e.getMessage(), e);
        }
    }

    public static Result importGraph(final NirGraph graph, final String modelName, final Options options)
    {
        return new NirImporter(graph, modelName, options).convert();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Flattening nested graphs
    // ---------------------------------------------------------------------------------------------------------------

    /** Adds the graph's nodes (nested graphs recursively, names prefixed "outer.") and edges; returns its ends. */
    private Map<String, List<Integer>> flatten(final NirGraph graph, final String prefix, final boolean top)
    {
        final Map<String, List<Integer>> subInputs = new HashMap<>();
        final Map<String, List<Integer>> subOutputs = new HashMap<>();
        final List<Integer> inputs = new ArrayList<>();
        final List<Integer> outputs = new ArrayList<>();
        for (final NirNode node : graph.nodes().values())
        {
            final String name = prefix + node.name();
            if (byName.containsKey(name) || subInputs.containsKey(name))
            {
                throw new ModelException("node '" + name + "' is defined twice (after flattening nested graphs)");
            }
            if ("NIRGraph".equals(node.type()) || node.subgraph() != null)
            {
                if (node.subgraph() == null)
                {
                    throw new ModelException("NIRGraph '" + name + "' has no nodes");
                }
                nestedGraphs++;
                final Map<String, List<Integer>> ends = flatten(node.subgraph(), name + ".", false);
                subInputs.put(name, ends.get("in"));
                subOutputs.put(name, ends.get("out"));
                continue;
            }
            final String type = node.type();
            final Kind kind;
            String flatType = type;
            if (type.equals("Input"))
            {
                kind = top ? Kind.INPUT : Kind.OPERATOR;
                flatType = top ? type : "Identity";
            }
            else if (type.equals("Output"))
            {
                kind = top ? Kind.OUTPUT : Kind.OPERATOR;
                flatType = top ? type : "Identity";
            }
            else if (NEURON_TYPES.contains(type))
            {
                kind = Kind.NEURON;
            }
            else if (OPERATOR_TYPES.contains(type) && !type.equals("Identity"))
            {
                kind = Kind.OPERATOR;
            }
            else
            {
                throw new ModelException("node '" + name + "' has NIR type '" + type + "', which chipsim cannot " +
                    "import (supported: " + SUPPORTED + ")");
            }
            final Flat flat = new Flat(nodes.size(), name, flatType, node, kind);
            nodes.add(flat);
            byName.put(name, flat.id);
            if (type.equals("Input"))
            {
                inputs.add(flat.id);
            }
            else if (type.equals("Output"))
            {
                outputs.add(flat.id);
            }
        }
        for (final NirGraph.Edge edge : graph.edges())
        {
            final int source = resolve(prefix, edge, edge.source(), subOutputs, "output");
            final int target = resolve(prefix, edge, edge.target(), subInputs, "input");
            if (edgeSet.add(((long)source << 32) | target))
            {
                nodes.get(source).succs.add(target);
                nodes.get(target).preds.add(source);
            }
        }
        return Map.of("in", inputs, "out", outputs);
    }

    private int resolve(final String prefix, final NirGraph.Edge edge, final String name,
        final Map<String, List<Integer>> subgraphEnds, final String end)
    {
        final String full = prefix + name;
        final List<Integer> ends = subgraphEnds.get(full);
        if (ends != null)
        {
            if (ends.size() != 1)
            {
                final List<String> names = new ArrayList<>();
                for (final int k : ends)
                {
                    names.add(nodes.get(k).name);
                }
                throw new ModelException("edge " + edge + " names the nested graph '" + full + "', which has " +
                    ends.size() + " " + end + " nodes " + names + "; name one of them ('" + full + ".<" + end + ">')");
            }
            return ends.get(0);
        }
        final Integer id = byName.get(full);
        if (id == null)
        {
            throw new ModelException("edge " + edge + ": there is no node named '" + full + "'");
        }
        return id;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Conversion
    // ---------------------------------------------------------------------------------------------------------------

    private Result convert()
    {
        checkEnds();
        checkAlgebraicLoops();
        inferShapes();
        for (final Flat f : nodes)
        {
            if (f.kind == Kind.NEURON)
            {
                f.neuron = dynamics(f);
            }
            else if (f.kind == Kind.OPERATOR)
            {
                lowerOperator(f);
            }
        }
        computeSignals();
        final List<NodeEdge> nodeEdges = nodeEdges();
        computeDepths(nodeEdges);
        final Network.Builder network = Network.newBuilder();
        final List<Flat> sources = populationOrder();
        final List<Population.Builder> populations = new ArrayList<>();
        for (final Flat f : sources)
        {
            createPopulations(f, populations);
        }
        final Map<String, Csr.Triplets> synapses = new LinkedHashMap<>();
        final Map<String, int[]> synapseKeys = new LinkedHashMap<>();
        int maxDelay = 0;
        for (final NodeEdge e : nodeEdges)
        {
            final int delay = chipDelay(e);
            maxDelay = Math.max(maxDelay, delay);
            addSynapses(e, delay, populations, synapses, synapseKeys);
        }
        final double[] maxIncoming = new double[populations.size()];
        final List<Projection> projections = new ArrayList<>();
        final Set<String> projectionNames = new HashSet<>();
        for (final Map.Entry<String, Csr.Triplets> entry : synapses.entrySet())
        {
            final int[] key = synapseKeys.get(entry.getKey());
            final Csr m = entry.getValue().build();
            if (m.nonZeros() == 0)
            {
                continue;
            }
            for (final double w : m.val)
            {
                maxIncoming[key[1]] = Math.max(maxIncoming[key[1]], Math.abs((float)w));
            }
            projections.add(projection(populations.get(key[0]).getName(), populations.get(key[1]).getName(), key[2],
                m, projectionNames));
        }
        for (final Flat f : sources)
        {
            if (f.kind == Kind.NEURON)
            {
                finishNeuronPopulations(f, populations, maxIncoming);
            }
        }
        for (final Population.Builder p : populations)
        {
            network.addPopulations(p);
        }
        network.addAllProjections(projections);
        final Model.Builder model = Model.newBuilder()
            .setSchemaVersion(1)
            .setName(modelName)
            .setNetwork(network);
        final RunConfig.Builder run = RunConfig.newBuilder().setTickSeconds(dt);
        readouts(run, populations);
        model.setRun(run);
        if (maxDelay > ChipSpecs.DEFAULT_MAX_DELAY_TICKS)
        {
            if (maxDelay > ChipSpecs.MAX_DELAY_TICKS_LIMIT)
            {
                throw new ModelException("a projection needs a delay of " + maxDelay + " ticks, more than any " +
                    "chip's axon buffer holds (" + ChipSpecs.MAX_DELAY_TICKS_LIMIT + "); use a larger --dt");
            }
            model.setChip(ChipSpec.newBuilder().setMaxDelayTicks(maxDelay));
            notes.add("delays up to " + maxDelay + " ticks: the chip's axon buffer is set to hold them " +
                "(chip.max_delay_ticks = " + maxDelay + ", default " + ChipSpecs.DEFAULT_MAX_DELAY_TICKS + ")");
        }
        try
        {
            org.chipsim.core.ModelValidator.validate(model.build());
        }
        catch (final ModelException e)
        {
            throw new ModelException("the converted model is not valid: " + e.getMessage(), e);
        }
        final List<String> allNotes = new ArrayList<>();
        allNotes.add(summaryNote(populations, projections));
        allNotes.add(String.format(Locale.ROOT, "dt = %s s per tick, %s", fmt(dt),
            options.discretization() == Discretization.EXACT ?
                "exact exponential discretization (decay = exp(-dt/tau), input current x (1 - decay) R per tick; " +
                    "a spike is a unit current held for one tick)" :
                "forward Euler (decay = 1 - dt/tau, input current x (dt/tau) R per tick)"));
        allNotes.addAll(notes);
        return new Result(model.build(), List.copyOf(allNotes), List.copyOf(warnings));
    }

    private String summaryNote(final List<Population.Builder> populations, final List<Projection> projections)
    {
        long synapses = 0;
        for (final Projection p : projections)
        {
            synapses += p.getWeightsCount() > 0 ? p.getWeightsCount() : p.getSparse().getPreCount();
        }
        return "NIR " + (version.isEmpty() ? "(no version)" : version) + ": " + nodes.size() + " nodes" +
            (nestedGraphs > 0 ? " (after flattening " + nestedGraphs + " nested graph" +
                (nestedGraphs == 1 ? "" : "s") + ")" : "") + ", " + edgeSet.size() + " edges -> " +
            populations.size() + " populations, " + projections.size() + " projections, " + synapses + " synapses";
    }

    private void checkEnds()
    {
        if (nodes.stream().noneMatch(f -> f.kind == Kind.INPUT))
        {
            throw new ModelException("the graph has no Input node; chipsim drives a network through its inputs");
        }
        for (final Flat f : nodes)
        {
            if (f.kind == Kind.INPUT && !f.preds.isEmpty())
            {
                throw new ModelException("Input '" + f.name + "' has incoming edges (from '" +
                    nodes.get(f.preds.get(0)).name + "'); an Input only feeds the graph");
            }
            if (f.kind == Kind.OUTPUT && !f.succs.isEmpty())
            {
                throw new ModelException("Output '" + f.name + "' has outgoing edges (to '" +
                    nodes.get(f.succs.get(0)).name + "'); an Output only reads the graph");
            }
        }
    }

    /** A cycle made of operator nodes only would carry analog values around with no neuron to turn them into spikes. */
    private void checkAlgebraicLoops()
    {
        final int[] state = new int[nodes.size()];
        final Deque<Integer> stack = new ArrayDeque<>();
        for (final Flat f : nodes)
        {
            if (f.kind == Kind.OPERATOR && state[f.id] == 0)
            {
                loopSearch(f.id, state, stack);
            }
        }
    }

    private void loopSearch(final int v, final int[] state, final Deque<Integer> stack)
    {
        state[v] = 1;
        stack.addLast(v);
        for (final int w : nodes.get(v).succs)
        {
            if (nodes.get(w).kind != Kind.OPERATOR)
            {
                continue;
            }
            if (state[w] == 1)
            {
                final List<String> cycle = new ArrayList<>();
                boolean in = false;
                for (final int k : stack)
                {
                    in |= k == w;
                    if (in)
                    {
                        cycle.add(nodes.get(k).label());
                    }
                }
                cycle.add(nodes.get(w).label());
                throw new ModelException("algebraic loop " + String.join(" -> ", cycle) + " has no neuron node: " +
                    "the chip can only close a loop through a neuron (a Delay does not help: the loop would carry " +
                    "analog values, and the chip sends spikes only)");
            }
            if (state[w] == 0)
            {
                loopSearch(w, state, stack);
            }
        }
        stack.removeLast();
        state[v] = 2;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Shapes
    // ---------------------------------------------------------------------------------------------------------------

    private void inferShapes()
    {
        boolean progress = true;
        while (progress)
        {
            progress = false;
            for (final Flat f : nodes)
            {
                if (f.shape == null && inferShape(f))
                {
                    progress = true;
                }
            }
        }
        for (final Flat f : nodes)
        {
            if (f.shape == null)
            {
                throw new ModelException(f.label() + ": cannot tell its shape (no parameter gives it and no input " +
                    "with a known shape reaches it)");
            }
        }
        for (final Flat f : nodes)
        {
            if (f.preds.isEmpty())
            {
                continue;
            }
            final Flat first = nodes.get(f.preds.get(0));
            final long expected = switch (f.type)
            {
                case "Affine", "Linear" -> required(f, "weight").shape()[1];
                case "Conv1d", "Conv2d" -> count(convInput(f, first.shape, first));
                case "SumPool2d", "AvgPool2d", "Flatten", "Identity", "Output" -> count(first.shape);
                default -> f.size;
            };
            for (final int p : f.preds)
            {
                final Flat pred = nodes.get(p);
                if (count(pred.shape) != expected)
                {
                    throw chainError(pred, pred.shape, f, expected, f.preds.size() > 1 ?
                        "its inputs must all have the same size" : "its shape is " + Arrays.toString(f.shape));
                }
            }
        }
    }

    /** Sets f.shape if it can be known now; checks that the inputs chain. */
    private boolean inferShape(final Flat f)
    {
        int[] in = null;
        Flat first = null;
        for (final int p : f.preds)
        {
            final Flat pred = nodes.get(p);
            if (pred.shape == null)
            {
                continue;
            }
            if (in == null)
            {
                in = pred.shape;
                first = pred;
            }
            else if (count(pred.shape) != count(in))
            {
                throw new ModelException(f.label() + " gets inputs of different sizes: " + first.label() + " gives " +
                    count(in) + " values, " + pred.label() + " gives " + count(pred.shape));
            }
        }
        final boolean allPredsKnown = f.preds.stream().allMatch(p -> nodes.get(p).shape != null);
        int[] out;
        switch (f.type)
        {
            case "Input":
                out = shapeParameter(f, "shape", "input_type", "input");
                if (out == null)
                {
                    throw new ModelException(f.label() + " has no 'shape'");
                }
                break;
            case "Output":
            case "Identity":
                out = in;
                if (out == null && f.preds.isEmpty() && f.node != null)
                {
                    out = shapeParameter(f, "shape", "input_type", "input");
                }
                break;
            case "Affine":
            case "Linear":
            {
                final NirValue weight = required(f, "weight");
                if (weight.shape().length != 2)
                {
                    throw new ModelException(f.label() + ": weight has shape " + Arrays.toString(weight.shape()) +
                        "; expected a matrix (out x in)");
                }
                out = new int[] {weight.shape()[0]};
                if (in != null && count(in) != weight.shape()[1])
                {
                    throw chainError(first, in, f, weight.shape()[1], "its weight is " + weight.shape()[0] + " x " +
                        weight.shape()[1] + ", out x in");
                }
                break;
            }
            case "Flatten":
                if (in == null)
                {
                    in = shapeParameter(f, "input_type", "input", null);
                }
                out = in == null ? null : flattenShape(f, in);
                break;
            case "Conv1d":
            case "Conv2d":
                out = in == null && !f.preds.isEmpty() ? null : convShape(f, in, first);
                break;
            case "SumPool2d":
            case "AvgPool2d":
                out = in == null ? null : poolShape(f, in, first);
                break;
            default:
            {
                // neuron nodes, Scale, Delay: their parameters give the shape unless they are scalars
                final int[] own = ownShape(f);
                if (own != null)
                {
                    if (in != null && count(in) != count(own))
                    {
                        throw chainError(first, in, f, count(own), "its parameters have shape " +
                            Arrays.toString(own));
                    }
                    out = own;
                }
                else if (in == null && f.preds.isEmpty())
                {
                    out = new int[] {1};
                }
                else
                {
                    out = in;
                }
            }
        }
        if (out == null || (!allPredsKnown && f.kind == Kind.OPERATOR))
        {
            return false;
        }
        f.shape = out;
        f.size = Math.toIntExact(count(out));
        if (f.size < 1)
        {
            throw new ModelException(f.label() + " has shape " + Arrays.toString(out) + " with no elements");
        }
        return true;
    }

    private ModelException chainError(final Flat from, final int[] in, final Flat to, final long expected,
        final String why)
    {
        return new ModelException("shapes do not chain at edge '" + from.name + "' -> '" + to.name + "': " +
            from.label() + " gives " + count(in) + " values (shape " + Arrays.toString(in) + "), " + to.label() +
            " takes " + expected + " (" + why + ")");
    }

    private int[] ownShape(final Flat f)
    {
        int[] best = null;
        int bestSize = 1;
        for (final String name : parameterNames(f.type))
        {
            final NirValue v = f.node.get(name);
            if (v != null && v.isNumeric() && v.size() > bestSize)
            {
                best = v.shape();
                bestSize = v.size();
            }
        }
        return best;
    }

    private static List<String> parameterNames(final String type)
    {
        return switch (type)
        {
            case "LIF" -> List.of("tau", "r", "v_leak", "v_threshold", "v_reset");
            case "IF" -> List.of("r", "v_threshold", "v_reset");
            case "LI" -> List.of("tau", "r", "v_leak");
            case "I" -> List.of("r");
            case "CubaLIF" -> List.of("tau_syn", "tau_mem", "r", "v_leak", "v_threshold", "v_reset", "w_in");
            case "CubaLI" -> List.of("tau_syn", "tau_mem", "r", "v_leak", "w_in");
            case "Threshold" -> List.of("threshold");
            case "Scale" -> List.of("scale");
            case "Delay" -> List.of("delay");
            default -> List.of();
        };
    }

    /** An integer shape from parameter {@code name}, or from {@code group}/{@code key} (a dict written as group). */
    private int[] shapeParameter(final Flat f, final String name, final String group, final String key)
    {
        NirValue v = f.node == null ? null : f.node.get(name);
        if (v != null && v.isGroup())
        {
            v = v.group().get(key == null ? "input" : key);
        }
        if (v == null && group != null && f.node != null && f.node.get(group) != null && f.node.get(group).isGroup())
        {
            v = f.node.get(group).group().get(key);
        }
        if (v == null || !v.isNumeric())
        {
            return null;
        }
        final int[] shape = new int[v.size()];
        for (int i = 0; i < shape.length; i++)
        {
            shape[i] = Operators.integer(f.label(), name, v.numbers()[i]);
            if (shape[i] < 1)
            {
                throw new ModelException(f.label() + ": " + name + " " + Arrays.toString(v.numbers()) +
                    " has a dimension < 1");
            }
        }
        return shape.length == 0 ? null : shape;
    }

    private int[] flattenShape(final Flat f, final int[] in)
    {
        final int rank = in.length;
        int start = f.node.has("start_dim") ? (int)scalar(f, "start_dim") : 1;
        int end = f.node.has("end_dim") ? (int)scalar(f, "end_dim") : -1;
        start = start < 0 ? start + rank : start;
        end = end < 0 ? end + rank : end;
        if (start < 0 || end >= rank || start > end)
        {
            // NIR shapes have no batch dimension while start_dim often counts one: flatten everything
            return new int[] {Math.toIntExact(count(in))};
        }
        final int[] out = new int[rank - (end - start)];
        int k = 0;
        for (int d = 0; d < start; d++)
        {
            out[k++] = in[d];
        }
        long middle = 1;
        for (int d = start; d <= end; d++)
        {
            middle *= in[d];
        }
        out[k++] = Math.toIntExact(middle);
        for (int d = end + 1; d < rank; d++)
        {
            out[k++] = in[d];
        }
        return out;
    }

    /** Conv input shape as (C, H, W) (Conv1d: (C, 1, L)). */
    private int[] convInput(final Flat f, final int[] in, final Flat first)
    {
        final boolean twoD = f.type.equals("Conv2d");
        final NirValue weight = required(f, "weight");
        final int[] ws = weight.shape();
        if (ws.length != (twoD ? 4 : 3))
        {
            throw new ModelException(f.label() + ": weight has shape " + Arrays.toString(ws) + "; expected " +
                (twoD ? "(C_out, C_in/groups, kH, kW)" : "(C_out, C_in/groups, k)"));
        }
        final int groups = f.node.has("groups") ? Operators.integer(f.label(), "groups", scalar(f, "groups")) : 1;
        if (groups < 1 || ws[0] % groups != 0)
        {
            throw new ModelException(f.label() + ": groups = " + groups + " does not divide C_out = " + ws[0]);
        }
        final int channels = ws[1] * groups;
        int[] spatial = null;
        final NirValue given = f.node.get("input_shape");
        if (given != null && given.isNumeric() && given.size() == (twoD ? 2 : 1))
        {
            spatial = new int[given.size()];
            for (int i = 0; i < spatial.length; i++)
            {
                spatial[i] = Operators.integer(f.label(), "input_shape", given.numbers()[i]);
            }
        }
        else if (in != null && in.length == (twoD ? 3 : 2))
        {
            spatial = Arrays.copyOfRange(in, 1, in.length);
            if (in[0] != channels)
            {
                throw chainError(first, in, f, (long)channels * count(spatial), "it takes " + channels +
                    " channels: weight " + Arrays.toString(ws) + " x groups " + groups);
            }
        }
        else if (in != null && in.length == (twoD ? 4 : 3) && in[0] == 1)
        {
            spatial = Arrays.copyOfRange(in, 2, in.length);
        }
        if (spatial == null)
        {
            throw new ModelException(f.label() + ": cannot tell its input's " + (twoD ? "height and width" :
                "length") + " (no input_shape, and its input has shape " + (in == null ? "unknown" :
                Arrays.toString(in)) + ", not (channels, " + (twoD ? "height, width)" : "length)"));
        }
        final int[] full = twoD ? new int[] {channels, spatial[0], spatial[1]} : new int[] {channels, 1, spatial[0]};
        if (in != null && count(in) != count(full))
        {
            throw chainError(first, in, f, count(full), "its input_shape is " + Arrays.toString(spatial) + " with " +
                channels + " channels");
        }
        return full;
    }

    private Window convWindow(final Flat f, final int[] full)
    {
        final boolean twoD = f.type.equals("Conv2d");
        final int[] ws = required(f, "weight").shape();
        final int[] kernel = twoD ? new int[] {ws[2], ws[3]} : new int[] {1, ws[2]};
        final int[] stride = twoD ? Operators.pair(f.label(), "stride", f.node.get("stride"), 1) :
            new int[] {1, Operators.pair(f.label(), "stride", f.node.get("stride"), 1)[0]};
        final int[] dilation = twoD ? Operators.pair(f.label(), "dilation", f.node.get("dilation"), 1) :
            new int[] {1, Operators.pair(f.label(), "dilation", f.node.get("dilation"), 1)[0]};
        Operators.Padding padding = Operators.padding(f.label(), f.node.get("padding"));
        if (!twoD && padding.mode() == null)
        {
            padding = new Operators.Padding(null, new int[] {0, padding.numbers()[0]});
        }
        return Operators.window(f.label(), full, kernel, stride, padding, dilation);
    }

    private int[] convShape(final Flat f, final int[] in, final Flat first)
    {
        final int[] full = convInput(f, in, first);
        final Window g = convWindow(f, full);
        final int channelsOut = required(f, "weight").shape()[0];
        return f.type.equals("Conv2d") ? new int[] {channelsOut, g.outHeight(), g.outWidth()} :
            new int[] {channelsOut, g.outWidth()};
    }

    private Window poolWindow(final Flat f, final int[] in)
    {
        final int[] kernel = Operators.pair(f.label(), "kernel_size", required(f, "kernel_size"), 1);
        final NirValue strideValue = f.node.get("stride");
        final int[] stride = strideValue == null ? kernel.clone() :
            Operators.pair(f.label(), "stride", strideValue, 1);
        return Operators.window(f.label(), in, kernel, stride, Operators.padding(f.label(), f.node.get("padding")),
            new int[] {1, 1});
    }

    private int[] poolShape(final Flat f, final int[] in, final Flat first)
    {
        if (in.length != 3)
        {
            throw new ModelException(f.label() + ": needs a (channels, height, width) input; " + first.label() +
                " gives shape " + Arrays.toString(in));
        }
        final Window g = poolWindow(f, in);
        return new int[] {in[0], g.outHeight(), g.outWidth()};
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Operators
    // ---------------------------------------------------------------------------------------------------------------

    private void lowerOperator(final Flat f)
    {
        final int in = f.preds.isEmpty() ? f.size : nodes.get(f.preds.get(0)).size;
        final int[] inShape = f.preds.isEmpty() ? f.shape : nodes.get(f.preds.get(0)).shape;
        switch (f.type)
        {
            case "Identity":
            case "Flatten":
                f.map = null;
                break;
            case "Affine":
            case "Linear":
            {
                final NirValue weight = required(f, "weight");
                f.map = Operators.dense(finite(f, "weight", weight.numbers()), f.size, in);
                f.mapped = true;
                if (f.type.equals("Affine") && f.node.has("bias"))
                {
                    f.constant = broadcast(f, "bias", f.size);
                    if (allZero(f.constant))
                    {
                        f.constant = null;
                    }
                }
                break;
            }
            case "Scale":
                f.map = Csr.diagonal(broadcast(f, "scale", f.size));
                f.mapped = true;
                break;
            case "Conv1d":
            case "Conv2d":
            {
                final int[] full = convInput(f, inShape, f.preds.isEmpty() ? f : nodes.get(f.preds.get(0)));
                final Window g = convWindow(f, full);
                final NirValue weight = required(f, "weight");
                final int channelsOut = weight.shape()[0];
                final int groups = f.node.has("groups") ? (int)scalar(f, "groups") : 1;
                f.map = Operators.convolution(g, finite(f, "weight", weight.numbers()), channelsOut, groups);
                f.mapped = true;
                if (f.node.has("bias"))
                {
                    final double[] bias = broadcast(f, "bias", channelsOut);
                    if (!allZero(bias))
                    {
                        final int plane = g.outHeight() * g.outWidth();
                        f.constant = new double[f.size];
                        for (int j = 0; j < f.size; j++)
                        {
                            f.constant[j] = bias[j / plane];
                        }
                    }
                }
                break;
            }
            case "SumPool2d":
            case "AvgPool2d":
                f.map = Operators.pooling(poolWindow(f, inShape), f.type.equals("AvgPool2d"));
                f.mapped = true;
                break;
            case "Delay":
            {
                final double[] seconds = broadcast(f, "delay", f.size);
                f.delayTicks = new int[f.size];
                for (int j = 0; j < f.size; j++)
                {
                    final double ticks = seconds[j] / dt;
                    final long rounded = Math.round(ticks);
                    if (!(seconds[j] >= 0) || Math.abs(ticks - rounded) > TICK_TOLERANCE * Math.max(1, ticks) ||
                        rounded > ChipSpecs.MAX_DELAY_TICKS_LIMIT)
                    {
                        throw new ModelException(f.label() + ": delay " + fmt(seconds[j]) + " s is not a whole " +
                            "number of ticks of dt = " + fmt(dt) + " s (up to " + ChipSpecs.MAX_DELAY_TICKS_LIMIT +
                            "); the chip delays by whole ticks: choose a --dt that divides it");
                    }
                    f.delayTicks[j] = (int)rounded;
                }
                break;
            }
            default:
                throw new IllegalStateException(f.type);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Neuron dynamics
    // ---------------------------------------------------------------------------------------------------------------

    private Neuron dynamics(final Flat f)
    {
        final int n = f.size;
        final Neuron neuron = new Neuron();
        neuron.decay = new double[n];
        neuron.gain = new double[n];
        neuron.leakBias = new double[n];
        neuron.threshold = new double[n];
        neuron.vReset = new double[n];
        neuron.spiking = !(f.type.equals("LI") || f.type.equals("I") || f.type.equals("CubaLI"));
        final double[] r = f.type.equals("Threshold") ? filled(n, 1.0) : broadcastOr(f, "r", n, 1.0);
        final double[] vLeak = broadcastOr(f, "v_leak", n, 0.0);
        switch (f.type)
        {
            case "LIF":
            case "LI":
                leaky(f, broadcast(f, "tau", n), r, vLeak, neuron);
                break;
            case "CubaLIF":
            case "CubaLI":
            {
                final double[] wIn = broadcastOr(f, "w_in", n, 1.0);
                final double[] tauSyn = broadcast(f, "tau_syn", n);
                final double[] rIn = new double[n];
                for (int j = 0; j < n; j++)
                {
                    rIn[j] = r[j] * wIn[j];
                }
                final double[] tauMem = broadcast(f, "tau_mem", n);
                leaky(f, tauMem, rIn, vLeak, neuron);
                neuron.biasGain = neuron.gain.clone();
                synapse(f, tauSyn, tauMem, rIn, neuron);
                break;
            }
            case "IF":
            case "I":
                for (int j = 0; j < n; j++)
                {
                    neuron.decay[j] = 1.0;
                    neuron.gain[j] = r[j] * dt;
                }
                break;
            case "Threshold":
                Arrays.fill(neuron.gain, 1.0);
                break;
            default:
                throw new IllegalStateException(f.type);
        }
        if (neuron.biasGain == null)
        {
            neuron.biasGain = neuron.gain;
        }
        if (neuron.spiking)
        {
            final double[] threshold = broadcast(f, f.type.equals("Threshold") ? "threshold" : "v_threshold", n);
            final double[] vReset = f.type.equals("Threshold") ? new double[n] : broadcastOr(f, "v_reset", n, 0.0);
            for (int j = 0; j < n; j++)
            {
                if (!(threshold[j] > 0) || !Double.isFinite(threshold[j]))
                {
                    throw new ModelException(f.label() + ": threshold of neuron " + j + " is " + threshold[j] +
                        "; the chip fires at a positive, finite threshold");
                }
            }
            neuron.threshold = threshold;
            neuron.vReset = vReset;
        }
        group(f, neuron);
        describe(f, neuron, vLeak);
        return neuron;
    }

    /** tau dv/dt = (v_leak - v) + R I, with I held constant over the tick. */
    private void leaky(final Flat f, final double[] tau, final double[] r, final double[] vLeak, final Neuron neuron)
    {
        for (int j = 0; j < tau.length; j++)
        {
            if (!(tau[j] > 0))
            {
                throw new ModelException(f.label() + ": time constant of neuron " + j + " is " + tau[j] +
                    "; it must be > 0");
            }
            final double fraction;
            if (options.discretization() == Discretization.EXACT)
            {
                fraction = -Math.expm1(-dt / tau[j]);
            }
            else
            {
                fraction = dt / tau[j];
                if (fraction > 1)
                {
                    throw new ModelException(f.label() + ": tau = " + fmt(tau[j]) + " s is shorter than dt = " +
                        fmt(dt) + " s; forward Euler would be unstable (decay 1 - dt/tau < 0): use --discretization " +
                        "exact or a smaller --dt");
                }
            }
            neuron.decay[j] = 1.0 - fraction;
            neuron.gain[j] = fraction * r[j];
            neuron.leakBias[j] = fraction * vLeak[j];
        }
    }

    /**
     * A current-based synapse, tau_syn dI/dt = -I + w_in S, onto the chip's CUBA neuron (u <- d_u u + x; v <- d_v v +
     * u). An input spike is an impulse of area dt (the charge of a unit input held for one tick) at the start of the
     * tick that integrates it; the state is solved exactly over the tick (docs/nir.md):
     * <pre>
     *   d_u = exp(-dt/tau_syn),  d_v = exp(-dt/tau_mem)
     *   u = I at the start of the tick x R tau_syn (d_u - d_v) / (tau_syn - tau_mem)
     *   input gain (per unit spike into u) = R w_in dt (d_u - d_v) / (tau_syn - tau_mem)   (R w_in dt^2 d_v / tau^2 when equal)
     * </pre>
     * Euler: d_u = 1 - dt/tau_syn, u = R (dt/tau_mem) I, gain R w_in dt^2 / (tau_mem tau_syn) (snnTorch's Synaptic).
     * tau_syn = 0 keeps the plain LIF with input current w_in S held over the tick (d_u = 0, the membrane's gain).
     * {@code r} is R x w_in; {@code neuron.gain} holds the membrane's own gain (from {@link #leaky}) on entry.
     */
    private void synapse(final Flat f, final double[] tauSyn, final double[] tauMem, final double[] r,
        final Neuron neuron)
    {
        final int n = tauSyn.length;
        final double[] currentDecay = new double[n];
        boolean stateful = false;
        for (int j = 0; j < n; j++)
        {
            if (!(tauSyn[j] >= 0) || Double.isInfinite(tauSyn[j]))
            {
                throw new ModelException(f.label() + ": tau_syn of neuron " + j + " is " + tauSyn[j] +
                    "; it must be >= 0 and finite");
            }
            if (tauSyn[j] == 0)
            {
                continue;
            }
            stateful = true;
            if (options.discretization() == Discretization.EULER)
            {
                if (dt > tauSyn[j] * (1 + TICK_TOLERANCE))
                {
                    throw new ModelException(f.label() + ": tau_syn = " + fmt(tauSyn[j]) + " s is shorter than dt = " +
                        fmt(dt) + " s; forward Euler would be unstable (synaptic decay 1 - dt/tau_syn < 0): use " +
                        "--discretization exact or a smaller --dt");
                }
                currentDecay[j] = Math.max(0, 1 - dt / tauSyn[j]);
                neuron.gain[j] = r[j] * dt * dt / (tauMem[j] * tauSyn[j]);
            }
            else
            {
                currentDecay[j] = Math.exp(-dt / tauSyn[j]);
                neuron.gain[j] = r[j] * dt * impulseFactor(tauSyn[j], tauMem[j]);
            }
        }
        if (!stateful)
        {
            notes.add(f.label() + ": tau_syn = 0: no synaptic state, so it is a LIF with input current w_in S");
            return;
        }
        if (Arrays.stream(currentDecay).allMatch(d -> d == 0))
        {
            // Euler with tau_syn = dt: the current forgets in one tick; the gains above are the LIF's
            notes.add(f.label() + ": tau_syn = dt: with forward Euler the synaptic current is exactly w_in S of the " +
                "tick, so it is a LIF with input current w_in S");
            return;
        }
        neuron.currentDecay = currentDecay;
        notes.add(f.label() + ": current-based neuron (synaptic current decay " + range(currentDecay) + "); an " +
            "input spike is an impulse of charge dt into the synaptic current at the start of its tick" +
            (options.discretization() == Discretization.EULER ? " (forward Euler)" : " (exact two-state solution)"));
    }

    /**
     * (exp(-dt/tau_s) - exp(-dt/tau_m)) / (tau_s - tau_m), computed without cancellation as
     * exp(-dt/tau_m) expm1(dt (tau_s - tau_m) / (tau_s tau_m)) / (tau_s - tau_m); dt exp(-dt/tau) / tau^2 when equal.
     */
    static double impulseFactor(final double dt, final double tauS, final double tauM)
    {
        final double am = Math.exp(-dt / tauM);
        if (tauS == tauM)
        {
            return am * dt / (tauM * tauM);
        }
        return am * Math.expm1(dt * (tauS - tauM) / (tauS * tauM)) / (tauS - tauM);
    }

    private double impulseFactor(final double tauS, final double tauM)
    {
        return impulseFactor(dt, tauS, tauM);
    }

    /**
     * Elements with different thresholds are rescaled (membrane / threshold x reference threshold) so one population
     * threshold serves them all; elements whose decay or reset still differ go to separate populations.
     */
    private void group(final Flat f, final Neuron neuron)
    {
        final int n = f.size;
        final double[] scale = filled(n, 1.0);
        if (neuron.spiking)
        {
            final double reference = neuron.threshold[0];
            boolean uniform = true;
            for (int j = 0; j < n; j++)
            {
                uniform &= neuron.threshold[j] == reference;
            }
            if (!uniform)
            {
                for (int j = 0; j < n; j++)
                {
                    scale[j] = reference / neuron.threshold[j];
                    neuron.threshold[j] = reference;
                    neuron.vReset[j] *= scale[j];
                    neuron.gain[j] *= scale[j];
                    if (neuron.biasGain != neuron.gain)
                    {
                        neuron.biasGain[j] *= scale[j];
                    }
                    neuron.leakBias[j] *= scale[j];
                }
                notes.add(f.label() + ": thresholds differ per neuron: each membrane is rescaled so that all fire " +
                    "at " + fmt(reference) + " (inputs, bias and reset scaled alike; spikes unchanged)");
            }
        }
        final Map<List<Double>, Integer> keys = new LinkedHashMap<>();
        neuron.group = new int[n];
        neuron.index = new int[n];
        final List<Integer> sizes = new ArrayList<>();
        for (int j = 0; j < n; j++)
        {
            final List<Double> key = List.of((double)(float)neuron.decay[j],
                neuron.spiking ? (double)(float)neuron.vReset[j] : 0.0,
                neuron.currentDecay == null ? -1.0 : (double)(float)neuron.currentDecay[j]);
            final Integer existing = keys.get(key);
            final int g = existing == null ? keys.size() : existing;
            if (existing == null)
            {
                keys.put(key, g);
                sizes.add(0);
            }
            neuron.group[j] = g;
            neuron.index[j] = sizes.get(g);
            sizes.set(g, sizes.get(g) + 1);
        }
        neuron.groups = keys.size();
        neuron.groupSize = sizes.stream().mapToInt(Integer::intValue).toArray();
        neuron.groupDecay = new double[neuron.groups];
        neuron.groupThreshold = new double[neuron.groups];
        neuron.groupReset = new double[neuron.groups];
        neuron.groupCurrentDecay = neuron.currentDecay == null ? null : new double[neuron.groups];
        for (int j = 0; j < n; j++)
        {
            if (neuron.currentDecay != null)
            {
                neuron.groupCurrentDecay[neuron.group[j]] = neuron.currentDecay[j];
            }
            neuron.groupDecay[neuron.group[j]] = neuron.decay[j];
            neuron.groupThreshold[neuron.group[j]] = neuron.threshold[j];
            neuron.groupReset[neuron.group[j]] = neuron.vReset[j];
        }
        if (neuron.groups > 1)
        {
            notes.add(f.label() + ": time constants or resets differ per neuron: split into " + neuron.groups +
                " populations ('" + f.name + "#0' ...), one per distinct (decay, reset" +
                (neuron.currentDecay == null ? ")" : ", synaptic decay)"));
        }
    }

    private void describe(final Flat f, final Neuron neuron, final double[] vLeak)
    {
        final StringBuilder line = new StringBuilder();
        line.append(f.label()).append(", ").append(f.size).append(f.size == 1 ? " neuron" : " neurons").append(": ");
        line.append("decay ").append(range(neuron.decay));
        if (neuron.currentDecay != null)
        {
            line.append(", synaptic current decay ").append(range(neuron.currentDecay)).append(", input x ")
                .append(range(neuron.gain)).append(" into the current");
        }
        else
        {
            line.append(", input x ").append(range(neuron.gain));
        }
        if (neuron.spiking)
        {
            line.append(", threshold ").append(range(neuron.threshold));
            if (options.reset() == Reset.SUBTRACT)
            {
                line.append(", reset by subtracting the threshold (--reset subtract; NIR itself resets to v_reset)");
            }
            else
            {
                line.append(", reset to ").append(range(neuron.vReset));
            }
        }
        else
        {
            line.append(", never fires (no threshold in NIR)");
        }
        notes.add(line.toString());
        if (!allZero(vLeak))
        {
            notes.add(f.label() + ": v_leak " + range(vLeak) + " != 0 becomes a constant bias of " +
                range(neuron.leakBias) + " per tick (the leak pulls towards v_leak)");
        }
        if (neuron.spiking && !allZero(neuron.vReset))
        {
            notes.add(f.label() + ": v_reset " + range(neuron.vReset) + " is non-zero" +
                (options.reset() == Reset.SUBTRACT ? "; ignored with --reset subtract" : ": the membrane resets to it"));
        }
        if (f.type.equals("Threshold"))
        {
            notes.add(f.label() + ": a memoryless neuron (decay 0) that fires in every tick its input reaches the " +
                "threshold");
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Signals: what reaches every node, as linear functions of the sources' spikes
    // ---------------------------------------------------------------------------------------------------------------

    private void computeSignals()
    {
        final int[] state = new int[nodes.size()];
        for (final Flat f : nodes)
        {
            if (f.kind == Kind.OPERATOR)
            {
                signalOf(f, state);
            }
        }
    }

    private void signalOf(final Flat f, final int[] state)
    {
        if (state[f.id] == 2)
        {
            return;
        }
        state[f.id] = 2;
        for (final int p : f.preds)
        {
            final Flat pred = nodes.get(p);
            if (pred.kind == Kind.OPERATOR)
            {
                signalOf(pred, state);
            }
        }
        final Signal in = inputSignal(f);
        final Signal out = new Signal();
        out.plain = in.plain && !f.mapped && f.delayTicks == null;
        if (f.delayTicks != null)
        {
            final Set<Integer> distinct = new LinkedHashSet<>();
            for (final int d : f.delayTicks)
            {
                distinct.add(d);
            }
            for (final Map.Entry<TermKey, Csr> term : in.terms.entrySet())
            {
                for (final int d : distinct)
                {
                    final boolean[] keep = new boolean[f.size];
                    for (int j = 0; j < f.size; j++)
                    {
                        keep[j] = f.delayTicks[j] == d;
                    }
                    final Csr part = distinct.size() == 1 ? term.getValue() : term.getValue().keepColumns(keep);
                    out.add(new TermKey(term.getKey().source(), term.getKey().delayTicks() + d), part);
                }
            }
            out.addConstant(in.constant);
        }
        else
        {
            for (final Map.Entry<TermKey, Csr> term : in.terms.entrySet())
            {
                out.add(term.getKey(), f.map == null ? term.getValue() : term.getValue().multiply(f.map));
            }
            if (in.constant != null)
            {
                out.addConstant(f.map == null ? in.constant : times(in.constant, f.map));
            }
            out.addConstant(f.constant);
        }
        f.signal = out;
    }

    /** The sum of what the node's predecessors put out. */
    private Signal inputSignal(final Flat f)
    {
        final Signal in = new Signal();
        for (final int p : f.preds)
        {
            final Flat pred = nodes.get(p);
            if (pred.kind == Kind.OPERATOR)
            {
                for (final Map.Entry<TermKey, Csr> term : pred.signal.terms.entrySet())
                {
                    in.add(term.getKey(), term.getValue());
                }
                in.addConstant(pred.signal.constant);
                in.plain &= pred.signal.plain;
            }
            else
            {
                in.add(new TermKey(pred.id, 0), Csr.identity(pred.size));
            }
        }
        return in;
    }

    private static double[] times(final double[] vector, final Csr m)
    {
        final double[] out = new double[m.cols];
        for (int i = 0; i < m.rows; i++)
        {
            if (vector[i] == 0)
            {
                continue;
            }
            for (int p = m.start[i]; p < m.start[i + 1]; p++)
            {
                out[m.col[p]] += vector[i] * m.val[p];
            }
        }
        return out;
    }

    /** A connection between two source nodes (Input or neuron) after multiplying out the operators between them. */
    private record NodeEdge(Flat source, Flat target, int nirDelayTicks, Csr matrix)
    {
    }

    private List<NodeEdge> nodeEdges()
    {
        final List<NodeEdge> result = new ArrayList<>();
        for (final Flat f : nodes)
        {
            if (f.kind != Kind.NEURON)
            {
                continue;
            }
            final Signal in = inputSignal(f);
            for (final Map.Entry<TermKey, Csr> term : in.terms.entrySet())
            {
                final Flat source = nodes.get(term.getKey().source());
                if (source.kind == Kind.NEURON && !source.neuron.spiking)
                {
                    throw new ModelException(source.label() + " feeds " + f.label() + ", but it does not spike: " +
                        "its output is an analog membrane potential and the chip sends spikes only; a " +
                        source.type + " can only feed an Output");
                }
                result.add(new NodeEdge(source, f, term.getKey().delayTicks(), term.getValue()));
            }
            f.signal = in;
            if (in.constant != null && !allZero(in.constant))
            {
                notes.add(f.label() + ": receives a constant input current (Affine/Conv bias) " + range(in.constant) +
                    ", added as a bias of input x current per tick");
            }
        }
        return result;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Timing: one tick per layer on the chip, zero in a step-by-step simulation of the graph
    // ---------------------------------------------------------------------------------------------------------------

    private final Set<NodeEdge> backEdges = new HashSet<>();

    private void computeDepths(final List<NodeEdge> edges)
    {
        final Map<Integer, List<NodeEdge>> out = new HashMap<>();
        for (final NodeEdge e : edges)
        {
            out.computeIfAbsent(e.source().id, k -> new ArrayList<>()).add(e);
        }
        final int[] state = new int[nodes.size()];
        final List<Flat> postorder = new ArrayList<>();
        for (final Kind kind : new Kind[] {Kind.INPUT, Kind.NEURON})
        {
            for (final Flat f : nodes)
            {
                if (f.kind == kind && state[f.id] == 0)
                {
                    depthSearch(f, out, state, postorder);
                }
            }
        }
        for (int k = postorder.size() - 1; k >= 0; k--)
        {
            final Flat f = postorder.get(k);
            for (final NodeEdge e : out.getOrDefault(f.id, List.of()))
            {
                if (!backEdges.contains(e))
                {
                    e.target().depth = Math.max(e.target().depth, f.depth + 1);
                }
            }
        }
        for (final NodeEdge e : edges)
        {
            if (!backEdges.contains(e) && e.target().depth - e.source().depth > 1)
            {
                notes.add("edge " + e.source().label() + " -> " + e.target().label() + " skips " +
                    (e.target().depth - e.source().depth - 1) + " layer(s): delayed by as many ticks so its spikes " +
                    "arrive together with those of the longer path, as in a step-by-step simulation");
            }
        }
        int maxDepth = 0;
        for (final Flat f : nodes)
        {
            maxDepth = Math.max(maxDepth, f.kind == Kind.NEURON ? f.depth : 0);
        }
        if (maxDepth > 0)
        {
            notes.add("timing: a spike takes one tick per projection, so a population k neuron layers after the " +
                "input fires k ticks later than in a step-by-step simulation of the graph (deepest: " + maxDepth +
                (maxDepth == 1 ? " layer" : " layers") + "); run at least that many ticks beyond the last input");
        }
    }

    private void depthSearch(final Flat f, final Map<Integer, List<NodeEdge>> out, final int[] state,
        final List<Flat> postorder)
    {
        state[f.id] = 1;
        for (final NodeEdge e : out.getOrDefault(f.id, List.of()))
        {
            final int t = e.target().id;
            if (state[t] == 1)
            {
                backEdges.add(e);
            }
            else if (state[t] == 0)
            {
                depthSearch(e.target(), out, state, postorder);
            }
        }
        state[f.id] = 2;
        postorder.add(f);
    }

    /**
     * The projection delay (beyond the chip's one tick) that keeps the graph's step-by-step timing: forward edges
     * span the depth difference, a recurrent edge arrives one tick later (its NIR Delay beyond that tick added).
     */
    private int chipDelay(final NodeEdge e)
    {
        final int depthDifference = e.target().depth - e.source().depth;
        if (!backEdges.contains(e))
        {
            return e.nirDelayTicks() + depthDifference - 1;
        }
        final int delay = Math.max(e.nirDelayTicks() - 1, 0) + depthDifference;
        if (delay < 0)
        {
            warnings.add("recurrent edge " + e.source().label() + " -> " + e.target().label() + " arrives " + -delay +
                " tick(s) later than in a step-by-step simulation (it returns to a layer " + -depthDifference +
                " layer(s) back, and the chip has no negative delays)");
            return 0;
        }
        return delay;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Populations and projections
    // ---------------------------------------------------------------------------------------------------------------

    private List<Flat> populationOrder()
    {
        final List<Flat> order = new ArrayList<>();
        for (final Flat f : nodes)
        {
            if (f.kind == Kind.INPUT)
            {
                order.add(f);
            }
        }
        final List<Flat> neurons = new ArrayList<>();
        for (final Flat f : nodes)
        {
            if (f.kind == Kind.NEURON)
            {
                neurons.add(f);
            }
        }
        neurons.sort((a, b) -> a.depth != b.depth ? Integer.compare(a.depth, b.depth) : Integer.compare(a.id, b.id));
        order.addAll(neurons);
        if (order.stream().noneMatch(f -> f.kind == Kind.INPUT))
        {
            throw new ModelException("the graph has no Input node; chipsim drives a network through its inputs");
        }
        return order;
    }

    private void createPopulations(final Flat f, final List<Population.Builder> populations)
    {
        f.population = new int[f.size];
        f.indexInPopulation = new int[f.size];
        if (f.kind == Kind.INPUT)
        {
            f.population = filledInt(f.size, populations.size());
            for (int j = 0; j < f.size; j++)
            {
                f.indexInPopulation[j] = j;
            }
            populations.add(Population.newBuilder().setName(f.name).setSize(f.size).setInput(true));
            if (f.shape.length > 1)
            {
                notes.add("Input '" + f.name + "' has shape " + Arrays.toString(f.shape) + ": input neuron i is " +
                    "element i in C order (last index fastest)");
            }
            return;
        }
        final Neuron neuron = f.neuron;
        neuron.firstPopulation = populations.size();
        for (int g = 0; g < neuron.groups; g++)
        {
            populations.add(Population.newBuilder()
                .setName(neuron.groups == 1 ? f.name : f.name + "#" + g)
                .setSize(neuron.groupSize[g]));
        }
        for (int j = 0; j < f.size; j++)
        {
            f.population[j] = neuron.firstPopulation + neuron.group[j];
            f.indexInPopulation[j] = neuron.index[j];
        }
    }

    private void addSynapses(final NodeEdge e, final int delay, final List<Population.Builder> populations,
        final Map<String, Csr.Triplets> synapses, final Map<String, int[]> keys)
    {
        final Flat source = e.source();
        final Flat target = e.target();
        final Csr m = e.matrix();
        for (int i = 0; i < m.rows; i++)
        {
            for (int p = m.start[i]; p < m.start[i + 1]; p++)
            {
                final int j = m.col[p];
                final double w = m.val[p] * target.neuron.gain[j];
                if (!Double.isFinite(w) || Math.abs(w) > Float.MAX_VALUE)
                {
                    throw new ModelException("the weight from " + source.label() + " element " + i + " to " +
                        target.label() + " element " + j + " is " + w + " after multiplying out the operators " +
                        "between them; weights must be finite");
                }
                final int sp = source.population[i];
                final int tp = target.population[j];
                final String key = sp + ">" + tp + "@" + delay;
                Csr.Triplets t = synapses.get(key);
                if (t == null)
                {
                    t = new Csr.Triplets(populations.get(sp).getSize(), populations.get(tp).getSize());
                    synapses.put(key, t);
                    keys.put(key, new int[] {sp, tp, delay});
                }
                t.add(source.indexInPopulation[i], target.indexInPopulation[j], w);
            }
        }
    }

    private static Projection projection(final String source, final String target, final int delay, final Csr m,
        final Set<String> names)
    {
        String name = source + "->" + target + (delay > 0 ? " (delay " + delay + ")" : "");
        for (int k = 2; !names.add(name); k++)
        {
            name = source + "->" + target + " #" + k;
        }
        final Projection.Builder projection = Projection.newBuilder().setName(name).setSource(source)
            .setTarget(target).setDelayTicks(delay);
        final long dense = (long)m.rows * m.cols;
        if ((long)m.nonZeros() * 3 >= dense && dense <= (1 << 26))
        {
            final float[] weights = new float[(int)dense];
            for (int i = 0; i < m.rows; i++)
            {
                for (int p = m.start[i]; p < m.start[i + 1]; p++)
                {
                    weights[i * m.cols + m.col[p]] = (float)m.val[p];
                }
            }
            for (final float w : weights)
            {
                projection.addWeights(w);
            }
        }
        else
        {
            final SparseWeights.Builder sparse = SparseWeights.newBuilder();
            for (int i = 0; i < m.rows; i++)
            {
                for (int p = m.start[i]; p < m.start[i + 1]; p++)
                {
                    final float w = (float)m.val[p];
                    if (w != 0f)
                    {
                        sparse.addPre(i).addPost(m.col[p]).addWeight(w);
                    }
                }
            }
            projection.setSparse(sparse);
        }
        return projection.build();
    }

    private void finishNeuronPopulations(final Flat f, final List<Population.Builder> populations,
        final double[] maxIncoming)
    {
        final Neuron neuron = f.neuron;
        final double[] constant = f.signal == null || f.signal.constant == null ? new double[f.size] :
            f.signal.constant;
        final double[][] biases = new double[neuron.groups][];
        for (int g = 0; g < neuron.groups; g++)
        {
            biases[g] = new double[neuron.groupSize[g]];
        }
        for (int j = 0; j < f.size; j++)
        {
            final double b = neuron.leakBias[j] + constant[j] * neuron.biasGain[j];
            if (!Double.isFinite(b))
            {
                throw new ModelException(f.label() + ": the bias of neuron " + j + " is " + b + "; it must be finite");
            }
            biases[neuron.group[j]][neuron.index[j]] = b;
        }
        if (neuron.currentDecay != null && !allZero(constant))
        {
            warnings.add(f.label() + ": a constant input current (a bias before it) enters the membrane at its " +
                "steady-state value through the synapse; the synaptic current's rise over the first ticks is dropped");
        }
        for (int g = 0; g < neuron.groups; g++)
        {
            final int p = neuron.firstPopulation + g;
            final LifNeuron.Builder lif = LifNeuron.newBuilder();
            final float decay = (float)neuron.groupDecay[g];
            lif.setDecay(decay).setDecaySet(true);
            if (neuron.groupCurrentDecay != null)
            {
                lif.setSynapticCurrent(SynapticCurrent.newBuilder().setDecay((float)neuron.groupCurrentDecay[g]));
            }
            double maxBias = 0;
            boolean uniform = true;
            for (final double b : biases[g])
            {
                maxBias = Math.max(maxBias, Math.abs(b));
                uniform &= b == biases[g][0];
            }
            if (uniform)
            {
                lif.setBias((float)biases[g][0]);
            }
            else
            {
                for (final double b : biases[g])
                {
                    lif.addBiases((float)b);
                }
            }
            if (neuron.spiking)
            {
                lif.setThreshold((float)neuron.groupThreshold[g]);
                if (options.reset() == Reset.SUBTRACT)
                {
                    lif.setResetMode(ResetMode.RESET_SUBTRACT);
                }
                else
                {
                    lif.setResetMode(ResetMode.RESET_TO_VALUE).setVReset((float)neuron.groupReset[g]);
                }
            }
            else
            {
                final double reference = maxIncoming[p] > 0 ? maxIncoming[p] : maxBias > 0 ? maxBias : 1.0;
                lif.setThreshold((float)(NEVER_FIRES * reference));
            }
            populations.get(p).setLif(lif);
        }
        if (!neuron.spiking)
        {
            warnings.add(f.label() + " does not spike (its output is the membrane potential, which the chip does " +
                "not report): simulated with an unreachable threshold (" + fmt(NEVER_FIRES) + " x its largest " +
                "input), so it costs its synaptic operations but shows no spikes");
        }
    }

    /** Output nodes: record the populations they read; the first spiking one is the readout. */
    private void readouts(final RunConfig.Builder run, final List<Population.Builder> populations)
    {
        final Set<String> recorded = new LinkedHashSet<>();
        String readout = null;
        for (final Flat f : nodes)
        {
            if (f.kind != Kind.OUTPUT)
            {
                continue;
            }
            final Signal in = inputSignal(f);
            final List<String> names = new ArrayList<>();
            for (final TermKey key : in.terms.keySet())
            {
                final Flat source = nodes.get(key.source());
                final int first = source.kind == Kind.NEURON ? source.neuron.firstPopulation : source.population[0];
                final int count = source.kind == Kind.NEURON ? source.neuron.groups : 1;
                for (int p = first; p < first + count; p++)
                {
                    final String name = populations.get(p).getName();
                    if (!names.contains(name))
                    {
                        names.add(name);
                    }
                    recorded.add(name);
                    if (readout == null && source.kind == Kind.NEURON && source.neuron.spiking)
                    {
                        readout = name;
                    }
                }
            }
            if (names.isEmpty())
            {
                warnings.add("Output '" + f.name + "' is reached by no Input or neuron node; nothing to record");
            }
            else if (!in.plain || in.terms.size() > 1 || (in.constant != null && !allZero(in.constant)))
            {
                warnings.add("Output '" + f.name + "' reads an analog signal computed from " + names + " (operators " +
                    "after the last neuron): the chip sends spikes only, so the spikes of " + names +
                    " are recorded instead");
            }
        }
        run.addAllRecordPopulations(recorded);
        if (readout != null)
        {
            run.setReadoutPopulation(readout);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Parameters
    // ---------------------------------------------------------------------------------------------------------------

    private NirValue required(final Flat f, final String name)
    {
        final NirValue v = f.node.get(name);
        if (v == null)
        {
            throw new ModelException(f.label() + " has no '" + name + "'");
        }
        if (!v.isNumeric())
        {
            throw new ModelException(f.label() + ": '" + name + "' is " + v + ", expected numbers");
        }
        return v;
    }

    private double scalar(final Flat f, final String name)
    {
        final NirValue v = required(f, name);
        if (v.size() != 1)
        {
            throw new ModelException(f.label() + ": '" + name + "' has " + v.size() + " values, expected one");
        }
        return v.numbers()[0];
    }

    /** A parameter as one value per element: given per element, or one value for all. */
    private double[] broadcast(final Flat f, final String name, final int n)
    {
        final NirValue v = required(f, name);
        final double[] values;
        if (v.size() == n)
        {
            values = v.numbers().clone();
        }
        else if (v.size() == 1)
        {
            values = filled(n, v.numbers()[0]);
        }
        else
        {
            throw new ModelException(f.label() + ": '" + name + "' has " + v.size() + " values (shape " +
                Arrays.toString(v.shape()) + "), expected 1 or " + n);
        }
        return finite(f, name, values);
    }

    private double[] broadcastOr(final Flat f, final String name, final int n, final double fallback)
    {
        final NirValue v = f.node.get(name);
        if (v == null || (v.isNumeric() && v.size() == 0))
        {
            return filled(n, fallback);
        }
        return broadcast(f, name, n);
    }

    private static double[] finite(final Flat f, final String name, final double[] values)
    {
        for (int i = 0; i < values.length; i++)
        {
            if (Double.isNaN(values[i]) || (Double.isInfinite(values[i]) && !name.startsWith("tau")))
            {
                throw new ModelException(f.label() + ": " + name + "[" + i + "] is " + values[i] +
                    "; it must be finite");
            }
        }
        return values;
    }

    private static double[] filled(final int n, final double value)
    {
        final double[] a = new double[n];
        Arrays.fill(a, value);
        return a;
    }

    private static int[] filledInt(final int n, final int value)
    {
        final int[] a = new int[n];
        Arrays.fill(a, value);
        return a;
    }

    private static boolean allZero(final double[] values)
    {
        for (final double v : values)
        {
            if (v != 0)
            {
                return false;
            }
        }
        return true;
    }

    private static long count(final int[] shape)
    {
        long n = 1;
        for (final int d : shape)
        {
            n *= d;
        }
        return n;
    }

    private static String range(final double[] values)
    {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (final double v : values)
        {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return min == max ? fmt(min) : fmt(min) + ".." + fmt(max);
    }

    static String fmt(final double v)
    {
        if (v == Math.rint(v) && Math.abs(v) < 1e15)
        {
            return Long.toString((long)v);
        }
        return String.format(Locale.ROOT, "%.6g", v).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replace(".e", "e")
            .replaceAll("\\.$", "");
    }
}
