package org.chipsim.nir;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One node of a NIR graph as read from a file: its name, its NIR type ("LIF", "Affine", "NIRGraph", ...), its
 * parameters by name, and for a nested {@code NIRGraph} the subgraph. Nothing is interpreted here;
 * {@link NirImporter} gives the types their meaning.
 *
 * @param name       the node's name (the key in its graph's {@code nodes} group)
 * @param type       the NIR type name
 * @param parameters every other dataset or attribute of the node, by name
 * @param subgraph   the nodes and edges of a nested {@code NIRGraph}, else null
 */
public record NirNode(String name, String type, Map<String, NirValue> parameters, NirGraph subgraph)
{
    public NirNode
    {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    public static NirNode of(final String name, final String type, final Map<String, NirValue> parameters)
    {
        return new NirNode(name, type, parameters, null);
    }

    public boolean has(final String parameter)
    {
        return parameters.containsKey(parameter);
    }

    public NirValue get(final String parameter)
    {
        return parameters.get(parameter);
    }
}
