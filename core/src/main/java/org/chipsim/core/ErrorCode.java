package org.chipsim.core;

/**
 * The catalogue of errors chipsim reports on bad input, each with a stable code printed by the CLI as
 * {@code chipsim: error E201: ...}. Codes never change meaning; new kinds get new codes. docs/errors.md lists every
 * code with an example message and what to do.
 */
public enum ErrorCode
{
    /** Bad input not (yet) given a more specific kind. */
    BAD_INPUT("E000", "bad input"),
    /** An input file does not exist. */
    FILE_NOT_FOUND("E100", "file not found"),
    /** An input file exists but cannot be read: a directory, no permission, too large, an I/O error. */
    FILE_UNREADABLE("E101", "file cannot be read"),
    /** An output file or directory cannot be written. */
    FILE_UNWRITABLE("E102", "file cannot be written"),
    /** The file is not a chipsim model or program: empty, truncated, not protobuf, bad text format. */
    MODEL_FORMAT("E200", "not a model or program"),
    /** The model breaks a rule of the schema: names, sizes, shapes, ranges, learning rules, run settings. */
    MODEL_INVALID("E201", "invalid model"),
    /** A program was given where a model is needed, or the other way round. */
    MODEL_KIND("E202", "model or program expected"),
    /** A stimulus file (--stimulus) cannot be used. */
    STIMULUS_INVALID("E210", "invalid stimulus file"),
    /** A compiled program is damaged or inconsistent: core ids, sizes, routing tables, learning tables. */
    PROGRAM_INVALID("E300", "invalid program"),
    /** The network does not fit the chip: too many cores, a core or fan-in too large. */
    CHIP_TOO_SMALL("E400", "network does not fit the chip"),
    /** A command-line option or argument is wrong, missing or conflicts with another. */
    OPTION_INVALID("E500", "bad option or usage"),
    /** The run needs more memory than allowed or available. */
    MEMORY("E600", "not enough memory"),
    /** A checkpoint cannot be found, read or resumed. */
    CHECKPOINT_INVALID("E700", "bad checkpoint");

    private final String code;
    private final String title;

    ErrorCode(final String code, final String title)
    {
        this.code = code;
        this.title = title;
    }

    /** The stable code, e.g. {@code E201}. */
    public String code()
    {
        return code;
    }

    /** A few words naming the kind. */
    public String title()
    {
        return title;
    }
}
