package org.chipsim.cli;

import java.io.PrintWriter;
import java.util.function.LongSupplier;

/**
 * A progress line on stderr for runs longer than a couple of seconds: ticks done, percent, ticks per second and the
 * time left. On a terminal it rewrites one line; otherwise (a log, CI) it prints a line every ten seconds.
 */
final class Progress implements AutoCloseable
{
    private static final long FIRST_REPORT_MS = 2_000;

    private final Thread thread;
    private volatile boolean done;
    private volatile boolean printed;

    Progress(final PrintWriter err, final String what, final LongSupplier completed, final long total)
    {
        final boolean terminal = System.console() != null;
        final long intervalMs = terminal ? 500 : 10_000;
        final long start = System.nanoTime();
        thread = new Thread(() ->
        {
            try
            {
                Thread.sleep(FIRST_REPORT_MS);
                while (!done)
                {
                    final long now = completed.getAsLong();
                    final double seconds = (System.nanoTime() - start) / 1e9;
                    final double rate = now / Math.max(seconds, 1e-9);
                    final double left = rate > 0 ? (total - now) / rate : Double.NaN;
                    final String line = String.format("%s: tick %,d / %,d (%.0f%%), %,.0f ticks/s, %s left", what,
                        now, total, 100.0 * now / Math.max(1, total), rate, Double.isNaN(left) ? "?" :
                        String.format("%.0f s", left));
                    synchronized (err)
                    {
                        err.print(terminal ? "\r" + line + "   " : line + System.lineSeparator());
                        err.flush();
                    }
                    printed = true;
                    Thread.sleep(intervalMs);
                }
            }
            catch (final InterruptedException e)
            {
                Thread.currentThread().interrupt();
            }
            if (printed && terminal)
            {
                synchronized (err)
                {
                    err.println();
                }
            }
        }, "chipsim-progress");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close()
    {
        done = true;
        thread.interrupt();
        try
        {
            thread.join(1_000);
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
        }
    }
}
