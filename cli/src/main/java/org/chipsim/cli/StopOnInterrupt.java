package org.chipsim.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.chipsim.chip.ChipSimulation;

/**
 * Ctrl-C during a run: a JVM shutdown hook asks the simulation to stop at the next tick boundary and then waits
 * (at most {@link #WAIT_SECONDS}) until the command has written the results of the ticks completed. When the hook
 * returns the JVM exits, with 130 (128 + SIGINT). Closed after the outputs are written; the hook is then removed.
 */
final class StopOnInterrupt implements AutoCloseable
{
    /** Longest wait for the tick in progress to end and the outputs to be written. */
    static final long WAIT_SECONDS = 60;

    private final CountDownLatch written = new CountDownLatch(1);
    private final Thread hook;

    StopOnInterrupt(final ChipSimulation simulation)
    {
        this.hook = new Thread(() ->
        {
            simulation.requestStop();
            try
            {
                written.await(WAIT_SECONDS, TimeUnit.SECONDS);
            }
            catch (final InterruptedException e)
            {
                Thread.currentThread().interrupt();
            }
        }, "chipsim-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close()
    {
        written.countDown();
        try
        {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        catch (final IllegalStateException e)
        {
            // shutting down already (Ctrl-C): the hook is running and now returns
        }
    }
}
