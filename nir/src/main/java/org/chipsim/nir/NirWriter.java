package org.chipsim.nir;

import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;

import org.chipsim.core.ModelException;
import org.chipsim.core.io.AtomicFile;

/**
 * Writes a {@link NirGraph} as a NIR HDF5 file in nir-py's layout (see {@link NirReader}), with jHDF's writer. Used to
 * generate the test fixtures, so the project needs no Python to make .nir files; also usable to write small NIR graphs
 * from Java.
 *
 * <p>jHDF 0.9.4 writes groups (nested to any depth), attributes, scalar and n-dimensional numeric datasets and
 * variable-length string datasets (scalar and n-dimensional), which is all the NIR layout needs, with two limits
 * worked around here: it cannot write an empty array (a graph without edges is written without an {@code edges}
 * dataset, which {@link NirReader} reads as "no edges"), and it writes no compression (nir-py writes gzip; both read
 * the same). Numbers are written as float64.
 */
public final class NirWriter
{
    /** The NIR version written to the file's {@code version} dataset. */
    public static final String VERSION = "1.0.0";

    private final boolean typeAsAttribute;

    private NirWriter(final boolean typeAsAttribute)
    {
        this.typeAsAttribute = typeAsAttribute;
    }

    /** Writes the graph as nir-py does: strings as datasets. */
    public static void write(final NirGraph graph, final Path file)
    {
        new NirWriter(false).writeFile(graph, file);
    }

    /** Writes every node's {@code type} as an HDF5 attribute instead of a dataset (a variant readers must accept). */
    public static void writeWithTypeAttributes(final NirGraph graph, final Path file)
    {
        new NirWriter(true).writeFile(graph, file);
    }

    /**
     * jHDF writes to a path, so the file is built in a scratch file and then copied into place by
     * {@link AtomicFile} (the project's one atomic writer: ordinary permissions, never half-written).
     */
    private void writeFile(final NirGraph graph, final Path file)
    {
        Path scratch = null;
        try
        {
            scratch = Files.createTempFile("chipsim-nir", ".h5");
            try (WritableHdfFile hdf = HdfFile.write(scratch))
            {
                hdf.putDataset("version", graph.version().isEmpty() ? VERSION : graph.version());
                final WritableGroup node = hdf.putGroup("node");
                writeGraph(node, graph);
            }
            final Path built = scratch;
            AtomicFile.write(file, out -> Files.copy(built, out));
        }
        catch (final java.io.IOException | RuntimeException e)
        {
            if (e instanceof ModelException model)
            {
                throw model;
            }
            throw new ModelException(file + ": cannot write the NIR file (" + e.getMessage() + ")", e);
        }
        finally
        {
            if (scratch != null)
            {
                try
                {
                    Files.deleteIfExists(scratch);
                }
                catch (final java.io.IOException ignored)
                {
                    // best effort: a scratch file in the temporary directory
                }
            }
        }
    }

    private void writeGraph(final WritableGroup group, final NirGraph graph)
    {
        putType(group, "NIRGraph");
        final WritableGroup nodes = group.putGroup("nodes");
        for (final NirNode node : graph.nodes().values())
        {
            final WritableGroup child = nodes.putGroup(node.name());
            if (node.subgraph() != null)
            {
                writeGraph(child, node.subgraph());
                continue;
            }
            putType(child, node.type());
            for (final Map.Entry<String, NirValue> parameter : node.parameters().entrySet())
            {
                putValue(child, parameter.getKey(), parameter.getValue());
            }
        }
        if (!graph.edges().isEmpty())
        {
            final String[][] edges = new String[graph.edges().size()][];
            for (int i = 0; i < edges.length; i++)
            {
                edges[i] = new String[] {graph.edges().get(i).source(), graph.edges().get(i).target()};
            }
            group.putDataset("edges", edges);
        }
    }

    private void putType(final WritableGroup group, final String type)
    {
        if (typeAsAttribute)
        {
            group.putAttribute("type", type);
        }
        else
        {
            group.putDataset("type", type);
        }
    }

    private static void putValue(final WritableGroup group, final String name, final NirValue value)
    {
        if (value.isText())
        {
            group.putDataset(name, value.text());
        }
        else if (value.isGroup())
        {
            final WritableGroup child = group.putGroup(name);
            for (final Map.Entry<String, NirValue> entry : value.group().entrySet())
            {
                putValue(child, entry.getKey(), entry.getValue());
            }
        }
        else if (value.shape().length == 0)
        {
            group.putDataset(name, value.numbers()[0]);
        }
        else if (value.size() == 0)
        {
            throw new IllegalArgumentException("jHDF cannot write the empty array '" + name + "'");
        }
        else
        {
            group.putDataset(name, nested(value.numbers(), value.shape()));
        }
    }

    /** A flat C-order array as a nested Java array of the given shape (double[], double[][], ...). */
    static Object nested(final double[] flat, final int[] shape)
    {
        if (shape.length == 1)
        {
            return flat.clone();
        }
        final int[] dims = shape.clone();
        final Object result = Array.newInstance(double.class, dims);
        final int[] index = new int[shape.length];
        for (int k = 0; k < flat.length; k++)
        {
            Object row = result;
            for (int d = 0; d < shape.length - 1; d++)
            {
                row = Array.get(row, index[d]);
            }
            ((double[])row)[index[shape.length - 1]] = flat[k];
            for (int d = shape.length - 1; d >= 0; d--)
            {
                if (++index[d] < shape[d])
                {
                    break;
                }
                index[d] = 0;
            }
        }
        return result;
    }
}
