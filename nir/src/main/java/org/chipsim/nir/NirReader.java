package org.chipsim.nir;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;

import org.chipsim.core.ModelException;

/**
 * Reads a NIR file (HDF5, as written by nir-py's {@code nir.write}) into a {@link NirGraph}, with jHDF (pure Java).
 *
 * <p>Layout (nir-py 0.x, {@code nir/serialization.py}): the root holds a {@code version} string and a group
 * {@code node}, the top-level NIRGraph. A node group holds a {@code type} string and one dataset per parameter
 * ({@code weight}, {@code bias}, {@code tau}, ...); Python dicts such as {@code input_type} or {@code metadata} are
 * subgroups. A NIRGraph node also holds a group {@code nodes} (one subgroup per node, keyed by node name) and a
 * dataset {@code edges}: an (E, 2) array of (source, target) name strings.
 *
 * <p>Read defensively: every string (type, version, edges, padding) may be a dataset or an attribute, fixed-length or
 * variable-length; {@code edges} may be (E, 2), a flat array of 2E names, absent or empty (no edges); a file whose
 * root itself carries {@code type} (no {@code node} group) is read as that node. Every failure is one
 * {@link ModelException} line naming the file and, where known, the node.
 */
public final class NirReader
{
    /** The 8-byte signature every HDF5 file starts with (at offset 0 when there is no user block). */
    private static final byte[] HDF5_SIGNATURE = {(byte)0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private final Path file;

    private NirReader(final Path file)
    {
        this.file = file;
    }

    /** True when the file starts with the HDF5 signature (NIR files are HDF5). */
    public static boolean isHdf5(final Path file)
    {
        try (InputStream in = Files.newInputStream(file))
        {
            final byte[] head = in.readNBytes(HDF5_SIGNATURE.length);
            return Arrays.equals(head, HDF5_SIGNATURE);
        }
        catch (final IOException e)
        {
            return false;
        }
    }

    public static NirGraph read(final Path file)
    {
        if (!Files.exists(file))
        {
            throw new ModelException(file + ": no such file");
        }
        if (Files.isDirectory(file))
        {
            throw new ModelException(file + ": is a directory; expected a NIR file such as model.nir");
        }
        if (!isHdf5(file))
        {
            throw new ModelException(file + ": not an HDF5 file, so not a NIR graph (NIR files are HDF5, written " +
                "by nir.write)");
        }
        final NirReader reader = new NirReader(file);
        try (HdfFile hdf = new HdfFile(file))
        {
            return reader.readRoot(hdf);
        }
        catch (final ModelException e)
        {
            throw e;
        }
        catch (final RuntimeException e)
        {
            throw new ModelException(file + ": cannot read the HDF5 file (" + oneLine(e) + ")", e);
        }
    }

    private NirGraph readRoot(final HdfFile hdf)
    {
        final String version = optionalString(hdf, "version");
        final Group root;
        final Node node = hdf.getChildren().get("node");
        if (node instanceof Group group)
        {
            root = group;
        }
        else if (hasString(hdf, "type"))
        {
            root = hdf;
        }
        else
        {
            throw new ModelException(file + ": no group 'node' in the HDF5 file, so not a NIR graph (found " +
                hdf.getChildren().keySet() + ")");
        }
        final String type = requiredString(root, "type", "the top-level node");
        if (!type.equals("NIRGraph"))
        {
            throw new ModelException(file + ": the top-level node is a " + type + ", expected a NIRGraph");
        }
        final NirGraph graph = readGraph(root, "");
        return new NirGraph(graph.nodes(), graph.edges(), version == null ? "" : version);
    }

    private NirGraph readGraph(final Group group, final String path)
    {
        final Node nodesNode = group.getChildren().get("nodes");
        if (!(nodesNode instanceof Group nodesGroup))
        {
            throw new ModelException(file + ": NIRGraph " + describe(path) + " has no 'nodes' group");
        }
        final Map<String, NirNode> nodes = new LinkedHashMap<>();
        for (final Node child : nodesGroup.getChildren().values())
        {
            if (!(child instanceof Group childGroup))
            {
                throw new ModelException(file + ": " + describe(path) + ": 'nodes/" + child.getName() +
                    "' is not a group; every node is a group with a 'type'");
            }
            nodes.put(child.getName(), readNode(childGroup, path.isEmpty() ? child.getName() :
                path + "." + child.getName()));
        }
        return new NirGraph(nodes, readEdges(group, path), "");
    }

    private NirNode readNode(final Group group, final String path)
    {
        final String type = requiredString(group, "type", "node '" + path + "'");
        final Map<String, NirValue> parameters = new LinkedHashMap<>();
        NirGraph subgraph = null;
        if (type.equals("NIRGraph"))
        {
            subgraph = readGraph(group, path);
        }
        for (final Node child : group.getChildren().values())
        {
            final String name = child.getName();
            if (name.equals("type") || (subgraph != null && (name.equals("nodes") || name.equals("edges"))))
            {
                continue;
            }
            parameters.put(name, value(child, path + "/" + name));
        }
        for (final Map.Entry<String, Attribute> attribute : group.getAttributes().entrySet())
        {
            if (!attribute.getKey().equals("type") && !parameters.containsKey(attribute.getKey()))
            {
                final Attribute a = attribute.getValue();
                parameters.put(attribute.getKey(), convert(a.getData(), a.getDimensions(),
                    path + "@" + attribute.getKey()));
            }
        }
        return new NirNode(group.getName(), type, parameters, subgraph);
    }

    private List<NirGraph.Edge> readEdges(final Group group, final String path)
    {
        Object data = null;
        int[] dims = null;
        final Node edges = group.getChildren().get("edges");
        if (edges instanceof Dataset dataset)
        {
            if (dataset.isEmpty() || dataset.getSize() == 0)
            {
                return List.of();
            }
            data = dataset.getData();
            dims = dataset.getDimensions();
        }
        else if (edges == null && group.getAttributes().containsKey("edges"))
        {
            final Attribute attribute = group.getAttribute("edges");
            if (attribute.isEmpty() || attribute.getSize() == 0)
            {
                return List.of();
            }
            data = attribute.getData();
            dims = attribute.getDimensions();
        }
        else if (edges == null)
        {
            return List.of();
        }
        else
        {
            throw new ModelException(file + ": NIRGraph " + describe(path) + ": 'edges' is a group; expected an " +
                "(E, 2) array of node names");
        }
        final List<String> names = new ArrayList<>();
        flattenStrings(data, names);
        if (names.size() % 2 != 0 || (dims.length == 2 && dims[1] != 2) || dims.length > 2)
        {
            throw new ModelException(file + ": NIRGraph " + describe(path) + ": 'edges' has shape " +
                Arrays.toString(dims) + "; expected (E, 2) pairs of node names");
        }
        final List<NirGraph.Edge> result = new ArrayList<>();
        for (int i = 0; i < names.size(); i += 2)
        {
            result.add(new NirGraph.Edge(names.get(i), names.get(i + 1)));
        }
        return result;
    }

    private void flattenStrings(final Object data, final List<String> out)
    {
        if (data == null)
        {
            return;
        }
        if (data instanceof String s)
        {
            out.add(s);
        }
        else if (data instanceof byte[] bytes)
        {
            out.add(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        }
        else if (data.getClass().isArray() && !data.getClass().getComponentType().isPrimitive())
        {
            for (int i = 0; i < Array.getLength(data); i++)
            {
                flattenStrings(Array.get(data, i), out);
            }
        }
        else
        {
            throw new ModelException(file + ": 'edges' holds " + data.getClass().getSimpleName() +
                " values; expected node name strings");
        }
    }

    private NirValue value(final Node node, final String where)
    {
        if (node instanceof Group group)
        {
            final Map<String, NirValue> values = new LinkedHashMap<>();
            for (final Node child : group.getChildren().values())
            {
                values.put(child.getName(), value(child, where + "/" + child.getName()));
            }
            return NirValue.group(values);
        }
        if (node instanceof Dataset dataset)
        {
            if (dataset.isEmpty())
            {
                return NirValue.array(new double[0], 0);
            }
            return convert(dataset.getData(), dataset.getDimensions(), where);
        }
        throw new ModelException(file + ": " + where + " is neither a group nor a dataset");
    }

    /** Converts jHDF data (a boxed scalar or a possibly multi-dimensional primitive or String array). */
    private NirValue convert(final Object data, final int[] dims, final String where)
    {
        if (data instanceof String s)
        {
            return NirValue.text(s);
        }
        if (data instanceof Number n)
        {
            return NirValue.scalar(n.doubleValue());
        }
        if (data instanceof Boolean b)
        {
            return NirValue.scalar(b ? 1 : 0);
        }
        if (data == null || !data.getClass().isArray())
        {
            throw new ModelException(file + ": " + where + " has a type chipsim cannot read (" +
                (data == null ? "null" : data.getClass().getSimpleName()) + ")");
        }
        final List<String> strings = new ArrayList<>();
        final double[] flat = new double[Math.toIntExact(count(dims))];
        final int filled = flattenNumbers(data, flat, 0, strings, where);
        if (!strings.isEmpty())
        {
            return NirValue.text(String.join(",", strings));
        }
        if (filled != flat.length)
        {
            throw new ModelException(file + ": " + where + " has " + filled + " values for shape " +
                Arrays.toString(dims));
        }
        return NirValue.array(flat, dims);
    }

    private int flattenNumbers(final Object data, final double[] out, final int at, final List<String> strings,
        final String where)
    {
        int k = at;
        if (data instanceof double[] a)
        {
            for (final double v : a)
            {
                out[k++] = v;
            }
        }
        else if (data instanceof float[] a)
        {
            for (final float v : a)
            {
                out[k++] = v;
            }
        }
        else if (data instanceof long[] a)
        {
            for (final long v : a)
            {
                out[k++] = v;
            }
        }
        else if (data instanceof int[] a)
        {
            for (final int v : a)
            {
                out[k++] = v;
            }
        }
        else if (data instanceof short[] a)
        {
            for (final short v : a)
            {
                out[k++] = v;
            }
        }
        else if (data instanceof byte[] a)
        {
            for (final byte v : a)
            {
                out[k++] = v;
            }
        }
        else if (data instanceof boolean[] a)
        {
            for (final boolean v : a)
            {
                out[k++] = v ? 1 : 0;
            }
        }
        else if (data instanceof String[] a)
        {
            strings.addAll(Arrays.asList(a));
        }
        else if (data instanceof Object[] a)
        {
            for (final Object element : a)
            {
                if (element instanceof Number n)
                {
                    out[k++] = n.doubleValue();
                }
                else if (element instanceof String s)
                {
                    strings.add(s);
                }
                else
                {
                    k = flattenNumbers(element, out, k, strings, where);
                }
            }
        }
        else
        {
            throw new ModelException(file + ": " + where + " has a type chipsim cannot read (" +
                data.getClass().getSimpleName() + ")");
        }
        return k;
    }

    private static long count(final int[] dims)
    {
        long n = 1;
        for (final int d : dims)
        {
            n *= d;
        }
        return n;
    }

    private static boolean hasString(final Group group, final String name)
    {
        return group.getChildren().get(name) instanceof Dataset || group.getAttributes().containsKey(name);
    }

    private String optionalString(final Group group, final String name)
    {
        final Node child = group.getChildren().get(name);
        Object data = null;
        if (child instanceof Dataset dataset)
        {
            data = dataset.getData();
        }
        else if (group.getAttributes().containsKey(name))
        {
            data = group.getAttribute(name).getData();
        }
        if (data == null)
        {
            return null;
        }
        final List<String> strings = new ArrayList<>();
        if (data instanceof String || data instanceof byte[] || data.getClass().isArray() &&
            !data.getClass().getComponentType().isPrimitive())
        {
            flattenStrings(data, strings);
        }
        return strings.size() == 1 ? strings.get(0).trim() : null;
    }

    private String requiredString(final Group group, final String name, final String what)
    {
        final String value = optionalString(group, name);
        if (value == null)
        {
            throw new ModelException(file + ": " + what + " has no '" + name + "' string (found " +
                group.getChildren().keySet() + ")");
        }
        return value;
    }

    private static String describe(final String path)
    {
        return path.isEmpty() ? "(top level)" : "'" + path + "'";
    }

    private static String oneLine(final Throwable e)
    {
        final String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        final int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
