package org.chipsim.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the chipsim command line in-process for tests, capturing exit code, stdout and stderr. */
public final class Cli
{
    /** What one command line gave. */
    public record Outcome(int code, String out, String err)
    {
    }

    private Cli()
    {
    }

    public static Outcome chipsim(final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Outcome(code, out.toString(), err.toString());
    }
}
