package org.chipsim.nir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A NIR graph: named nodes and directed edges between node names. A nested graph is a node of type
 * {@code NIRGraph} whose {@link NirNode#subgraph()} is another NirGraph; edges of the outer graph then name the
 * subgraph node (or {@code subgraph.inner_input} / {@code subgraph.inner_output}).
 *
 * @param nodes   nodes by name, in file order
 * @param edges   directed edges
 * @param version the NIR version string of the file ("" when absent or for a nested graph)
 */
public record NirGraph(Map<String, NirNode> nodes, List<Edge> edges, String version)
{
    /** A directed edge from the node named {@code source} to the node named {@code target}. */
    public record Edge(String source, String target)
    {
        @Override
        public String toString()
        {
            return "'" + source + "' -> '" + target + "'";
        }
    }

    public NirGraph
    {
        nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
        edges = List.copyOf(edges);
        version = version == null ? "" : version;
    }

    /** A builder for graphs made in code (tests, generators). */
    public static Builder builder()
    {
        return new Builder();
    }

    public static final class Builder
    {
        private final Map<String, NirNode> nodes = new LinkedHashMap<>();
        private final List<Edge> edges = new ArrayList<>();
        private String version = "";

        public Builder node(final String name, final String type, final Object... parameters)
        {
            if (parameters.length % 2 != 0)
            {
                throw new IllegalArgumentException("parameters come in name, value pairs");
            }
            final Map<String, NirValue> values = new LinkedHashMap<>();
            for (int i = 0; i < parameters.length; i += 2)
            {
                values.put((String)parameters[i], toValue(parameters[i + 1]));
            }
            nodes.put(name, NirNode.of(name, type, values));
            return this;
        }

        public Builder graph(final String name, final NirGraph subgraph)
        {
            nodes.put(name, new NirNode(name, "NIRGraph", Map.of(), subgraph));
            return this;
        }

        public Builder edge(final String source, final String target)
        {
            edges.add(new Edge(source, target));
            return this;
        }

        /** Edges along a chain of node names: a -> b -> c ... */
        public Builder chain(final String... names)
        {
            for (int i = 0; i + 1 < names.length; i++)
            {
                edge(names[i], names[i + 1]);
            }
            return this;
        }

        public Builder version(final String version)
        {
            this.version = version;
            return this;
        }

        public NirGraph build()
        {
            return new NirGraph(nodes, edges, version);
        }

        private static NirValue toValue(final Object value)
        {
            if (value instanceof NirValue v)
            {
                return v;
            }
            if (value instanceof String s)
            {
                return NirValue.text(s);
            }
            if (value instanceof Number n)
            {
                return NirValue.scalar(n.doubleValue());
            }
            if (value instanceof double[] d)
            {
                return NirValue.vector(d);
            }
            if (value instanceof double[][] m)
            {
                return NirValue.matrix(m);
            }
            if (value instanceof int[] a)
            {
                final double[] d = new double[a.length];
                for (int i = 0; i < a.length; i++)
                {
                    d[i] = a[i];
                }
                return NirValue.vector(d);
            }
            throw new IllegalArgumentException("unsupported parameter value " + value);
        }
    }
}
