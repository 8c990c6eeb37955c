package org.chipsim.cli;

import java.util.Locale;

import org.chipsim.core.ErrorCode;
import org.chipsim.core.ModelException;

/** Sizes on the command line: a number of bytes with an optional k, m, g or t suffix (powers of 1024). */
final class MemorySize
{
    private MemorySize()
    {
    }

    static long parse(final String option, final String text)
    {
        final String s = text.trim().toLowerCase(Locale.ROOT);
        final int shift = s.isEmpty() ? -1 : switch (s.charAt(s.length() - 1))
        {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            case 't' -> 40;
            default -> 0;
        };
        try
        {
            final long value = Long.parseLong(shift > 0 ? s.substring(0, s.length() - 1) : s);
            if (shift < 0 || value <= 0 || value > (Long.MAX_VALUE >> Math.max(shift, 0)))
            {
                throw new NumberFormatException();
            }
            return value << shift;
        }
        catch (final NumberFormatException e)
        {
            throw new ModelException(ErrorCode.OPTION_INVALID,
                option + " expects a positive size such as 512m or 8g, got '" + text + "'");
        }
    }
}
