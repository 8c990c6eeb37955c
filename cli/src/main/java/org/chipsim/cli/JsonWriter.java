package org.chipsim.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * A small streaming JSON writer: objects, arrays, strings and numbers, written as they come so a large result never
 * sits in memory twice. Commas are placed automatically; the caller only opens, names and closes.
 */
final class JsonWriter implements AutoCloseable
{
    private final Writer out;
    private final boolean[] needsComma = new boolean[64];
    private int depth;
    private boolean afterName;

    JsonWriter(final Writer out)
    {
        this.out = out;
    }

    JsonWriter beginObject()
    {
        value();
        write('{');
        push();
        return this;
    }

    JsonWriter endObject()
    {
        depth--;
        newline();
        write('}');
        return this;
    }

    JsonWriter beginArray()
    {
        value();
        write('[');
        push();
        return this;
    }

    JsonWriter endArray()
    {
        depth--;
        write(']');
        return this;
    }

    JsonWriter name(final String name)
    {
        if (needsComma[depth])
        {
            write(',');
        }
        needsComma[depth] = true;
        newline();
        string(name);
        write(':');
        write(' ');
        afterName = true;
        return this;
    }

    JsonWriter value(final String value)
    {
        value();
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

    JsonWriter value(final long value)
    {
        value();
        write(Long.toString(value));
        return this;
    }

    JsonWriter value(final double value)
    {
        value();
        write(Double.isFinite(value) ? Double.toString(value) : "null");
        return this;
    }

    JsonWriter value(final boolean value)
    {
        value();
        write(value ? "true" : "false");
        return this;
    }

    /** Writes a raw line break (for readability of arrays of arrays). */
    JsonWriter lineBreak()
    {
        newline();
        return this;
    }

    private void value()
    {
        if (afterName)
        {
            afterName = false;
            return;
        }
        if (depth > 0)
        {
            if (needsComma[depth])
            {
                write(',');
            }
            needsComma[depth] = true;
        }
    }

    private void push()
    {
        depth++;
        needsComma[depth] = false;
    }

    private void newline()
    {
        write('\n');
        for (int i = 0; i < depth; i++)
        {
            write("  ");
        }
    }

    private void string(final String s)
    {
        write('"');
        for (int i = 0; i < s.length(); i++)
        {
            final char c = s.charAt(i);
            switch (c)
            {
                case '"' -> write("\\\"");
                case '\\' -> write("\\\\");
                case '\n' -> write("\\n");
                case '\r' -> write("\\r");
                case '\t' -> write("\\t");
                default ->
                {
                    if (c < 0x20)
                    {
                        write(String.format("\\u%04x", (int)c));
                    }
                    else
                    {
                        write(c);
                    }
                }
            }
        }
        write('"');
    }

    private void write(final char c)
    {
        try
        {
            out.write(c);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
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

    @Override
    public void close()
    {
        try
        {
            out.write('\n');
            out.flush();
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }
}
