package org.chipsim.cli.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * The streaming JSON writer of every chipsim output file (result.json, energy.json): objects one member per line, arrays of numbers on one line.
 * Non-finite numbers are written as null.
 */
public final class Json
{
    private final Writer out;
    private final boolean[] first = new boolean[64];
    private final boolean[] inline = new boolean[64];
    private int depth;
    private boolean afterName;

    public Json(final Writer out)
    {
        this.out = out;
        first[0] = true;
    }

    public Json beginObject()
    {
        separate();
        write("{");
        push(false);
        return this;
    }

    public Json endObject()
    {
        final boolean empty = first[depth];
        depth--;
        if (!empty)
        {
            newline();
        }
        write("}");
        return this;
    }

    /** An array; {@code inline} keeps its elements on one line (for numbers). */
    public Json beginArray(final boolean inlineElements)
    {
        separate();
        write("[");
        push(inlineElements);
        return this;
    }

    public Json endArray()
    {
        final boolean wasInline = inline[depth];
        final boolean empty = first[depth];
        depth--;
        if (!wasInline && !empty)
        {
            newline();
        }
        write("]");
        return this;
    }

    public Json name(final String name)
    {
        separate();
        string(name);
        write(": ");
        afterName = true;
        return this;
    }

    public Json value(final String value)
    {
        separate();
        if (value == null)
        {
            write("null");
        }
        else
        {
            string(value);
        }
        return this;
    }

    public Json value(final long value)
    {
        separate();
        write(Long.toString(value));
        return this;
    }

    public Json value(final double value)
    {
        separate();
        write(Double.isFinite(value) ? Double.toString(value) : "null");
        return this;
    }

    public Json value(final boolean value)
    {
        separate();
        write(value ? "true" : "false");
        return this;
    }

    public Json field(final String name, final double value)
    {
        return name(name).value(value);
    }

    public Json field(final String name, final long value)
    {
        return name(name).value(value);
    }

    public Json field(final String name, final String value)
    {
        return name(name).value(value);
    }

    public void finish()
    {
        write("\n");
        try
        {
            out.flush();
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    private void separate()
    {
        if (afterName)
        {
            afterName = false;
            return;
        }
        if (depth == 0)
        {
            return;
        }
        if (!first[depth])
        {
            write(inline[depth] ? ", " : ",");
        }
        first[depth] = false;
        if (!inline[depth])
        {
            newline();
        }
    }

    private void push(final boolean inlineElements)
    {
        depth++;
        first[depth] = true;
        inline[depth] = inlineElements;
    }

    private void newline()
    {
        write("\n");
        for (int i = 0; i < depth; i++)
        {
            write("  ");
        }
    }

    private void string(final String s)
    {
        write(quote(s));
    }

    /** A JSON string literal of {@code s}, for writers that lay out their own lines (trace.json). */
    static String quote(final String s)
    {
        final StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++)
        {
            final char c = s.charAt(i);
            switch (c)
            {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default ->
                {
                    if (c < 0x20)
                    {
                        b.append(String.format("\\u%04x", (int)c));
                    }
                    else
                    {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private void write(final String s)
    {
        try
        {
            out.write(s);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }
}
