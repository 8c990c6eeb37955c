package org.chipsim.cli;

import java.io.PrintWriter;

import org.chipsim.core.ErrorCode;
import org.chipsim.core.ModelException;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code chipsim} command. Exit codes: 0 success, 2 bad input or usage (one line on stderr with an
 * {@link ErrorCode}), 1 internal error, 130 a run stopped by Ctrl-C.
 */
@Command(name = "chipsim", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Event-driven simulator of neuromorphic many-core chips: compiles a spiking network onto a " +
        "Tianjic-style chip, runs it tick by tick and counts every spike, synaptic operation and hop.",
    subcommands = {RunCommand.class, ResumeCommand.class, TrainCommand.class, CompileCommand.class, ImportCommand.class, InspectCommand.class,
        BenchCommand.class,
        SweepCommand.class, org.chipsim.cli.report.ReportCommand.class,
        org.chipsim.cli.report.CompareCommand.class, CommandLine.HelpCommand.class},
    footer = {"", "Exit codes: 0 success, 2 bad input or usage (chipsim: error E...: see docs/errors.md), " +
        "1 internal error, 130 run stopped by Ctrl-C.",
        "Example: chipsim run examples/models/two-layer.pb --out results"})
public final class Main implements Runnable
{
    public static final int EXIT_OK = 0;
    public static final int EXIT_INTERNAL = 1;
    public static final int EXIT_BAD_INPUT = 2;
    /** A run stopped by Ctrl-C (SIGINT) after writing the results of the ticks it completed: 128 + 2. */
    public static final int EXIT_INTERRUPTED = 130;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run()
    {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(final String[] args)
    {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams; returns the exit code (used by tests). */
    public static int execute(final String[] args, final PrintWriter out, final PrintWriter err)
    {
        final CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((ex, arguments) ->
        {
            err.println(errorPrefix(ErrorCode.OPTION_INVALID) + ex.getMessage() + " (see 'chipsim " +
                subcommandName(ex.getCommandLine()) + "--help')");
            return EXIT_BAD_INPUT;
        });
        commandLine.setExecutionExceptionHandler((ex, cl, parseResult) ->
        {
            if (ex instanceof ModelException)
            {
                err.println(errorPrefix(((ModelException)ex).code()) + ex.getMessage());
                return EXIT_BAD_INPUT;
            }
            err.println("chipsim: internal error: " + ex + (System.getenv("CHIPSIM_DEBUG") == null ?
                " (set CHIPSIM_DEBUG=1 for the stack trace; please report it)" : ""));
            if (System.getenv("CHIPSIM_DEBUG") != null)
            {
                ex.printStackTrace(err);
            }
            return EXIT_INTERNAL;
        });
        int code;
        try
        {
            code = commandLine.execute(args);
        }
        catch (final OutOfMemoryError e)
        {
            err.println(errorPrefix(ErrorCode.MEMORY) + "out of memory; give Java more heap (java -Xmx8g -jar chipsim.jar ...) " +
                "or run a smaller model");
            code = EXIT_BAD_INPUT;
        }
        out.flush();
        err.flush();
        return code;
    }

    /** {@code chipsim: error E201: }, the start of every bad-input line. */
    static String errorPrefix(final ErrorCode code)
    {
        return "chipsim: error " + code.code() + ": ";
    }

    private static String subcommandName(final CommandLine commandLine)
    {
        return commandLine.getParent() == null ? "" : commandLine.getCommandName() + " ";
    }
}
