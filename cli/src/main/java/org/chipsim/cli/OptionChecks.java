package org.chipsim.cli;

import org.chipsim.core.ErrorCode;
import org.chipsim.core.ModelException;

/** Checks of option values shared by the commands, each failing with one line naming the option. */
final class OptionChecks
{
    private OptionChecks()
    {
    }

    /** A count option (workers, ticks, ...) that, when given, must be at least 1. */
    static void atLeastOne(final String option, final Number value)
    {
        if (value != null && value.longValue() < 1)
        {
            throw new ModelException(ErrorCode.OPTION_INVALID, option + " must be at least 1, got " + value);
        }
    }
}
