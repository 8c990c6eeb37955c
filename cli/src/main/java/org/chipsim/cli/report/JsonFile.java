package org.chipsim.cli.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.chipsim.core.ModelException;

/**
 * A JSON object read back from a report file, with typed access that fails as one line naming the file and the
 * member (a file edited by hand or cut short is bad input, not an internal error).
 */
final class JsonFile
{
    private final Path file;
    private final Map<String, Object> root;

    private JsonFile(final Path file, final Map<String, Object> root)
    {
        this.file = file;
        this.root = root;
    }

    @SuppressWarnings("unchecked")
    static JsonFile read(final Path file)
    {
        try
        {
            final Object json = JsonReader.parse(Files.readString(file));
            if (!(json instanceof Map<?, ?>))
            {
                throw new ModelException(file + ": not a chipsim report file (no top-level object)");
            }
            return new JsonFile(file, (Map<String, Object>)json);
        }
        catch (final NoSuchFileException e)
        {
            throw new ModelException(file + ": no such file (run 'chipsim run MODEL --out DIR' first)");
        }
        catch (final IOException e)
        {
            throw new ModelException(file + ": cannot read (" + e.getMessage() + ")");
        }
        catch (final IllegalArgumentException e)
        {
            throw new ModelException(file + ": malformed JSON (" + e.getMessage() + ")");
        }
    }

    Map<String, Object> root()
    {
        return root;
    }

    Path file()
    {
        return file;
    }

    ModelException bad(final String what)
    {
        return new ModelException(file + ": " + what);
    }

    boolean has(final Map<String, Object> parent, final String name)
    {
        return parent.get(name) != null;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> object(final Map<String, Object> parent, final String name)
    {
        final Object value = parent.get(name);
        if (!(value instanceof Map<?, ?>))
        {
            throw bad("missing object '" + name + "'");
        }
        return (Map<String, Object>)value;
    }

    @SuppressWarnings("unchecked")
    List<Object> list(final Map<String, Object> parent, final String name)
    {
        final Object value = parent.get(name);
        if (!(value instanceof List<?>))
        {
            throw bad("missing array '" + name + "'");
        }
        return (List<Object>)value;
    }

    double number(final Map<String, Object> parent, final String name)
    {
        final Object value = parent.get(name);
        if (!(value instanceof Double))
        {
            throw bad("missing number '" + name + "'");
        }
        return (Double)value;
    }

    /** A whole number (counts, ids): exact as JSON carries them up to 2^53. */
    long integer(final Map<String, Object> parent, final String name)
    {
        return integer(parent.get(name), name);
    }

    long integer(final Object value, final String name)
    {
        if (!(value instanceof Double d) || d != Math.rint(d))
        {
            throw bad("'" + name + "' is not a whole number: " + value);
        }
        return d.longValue();
    }

    String string(final Map<String, Object> parent, final String name)
    {
        final Object value = parent.get(name);
        if (!(value instanceof String))
        {
            throw bad("missing string '" + name + "'");
        }
        return (String)value;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> asObject(final Object value, final String what)
    {
        if (!(value instanceof Map<?, ?>))
        {
            throw bad(what + " is not an object");
        }
        return (Map<String, Object>)value;
    }

    long[] longs(final Map<String, Object> parent, final String name)
    {
        final List<Object> values = list(parent, name);
        final long[] out = new long[values.size()];
        for (int i = 0; i < out.length; i++)
        {
            out[i] = integer(values.get(i), name);
        }
        return out;
    }

    int[] ints(final Map<String, Object> parent, final String name)
    {
        final long[] values = longs(parent, name);
        final int[] out = new int[values.length];
        for (int i = 0; i < out.length; i++)
        {
            out[i] = Math.toIntExact(values[i]);
        }
        return out;
    }

    double[] doubles(final Map<String, Object> parent, final String name)
    {
        final List<Object> values = list(parent, name);
        final double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++)
        {
            if (!(values.get(i) instanceof Double d))
            {
                throw bad("'" + name + "' holds a non-number: " + values.get(i));
            }
            out[i] = d;
        }
        return out;
    }
}
