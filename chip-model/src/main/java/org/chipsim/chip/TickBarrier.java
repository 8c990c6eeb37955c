package org.chipsim.chip;

import java.util.concurrent.atomic.AtomicInteger;

import org.agrona.concurrent.BackoffIdleStrategy;

/**
 * Separates the phases of a tick across workers. A waiting worker keeps draining its inbound ring: another worker may
 * be blocked on a full ring that only this one can empty, so waiting without draining could deadlock.
 */
final class TickBarrier
{
    /** Thrown into waiting workers when another worker failed; pre-allocated, no stack trace. */
    static final class AbortedException extends RuntimeException
    {
        private static final long serialVersionUID = 1L;
        static final AbortedException INSTANCE = new AbortedException();

        private AbortedException()
        {
            super("run aborted", null, false, false);
        }
    }

    private final int parties;
    private final AtomicInteger arrived = new AtomicInteger();
    private volatile int generation;
    private volatile boolean aborted;

    TickBarrier(final int parties)
    {
        this.parties = parties;
    }

    void await(final Worker worker, final BackoffIdleStrategy idle)
    {
        if (parties == 1)
        {
            return;
        }
        final int current = generation;
        if (arrived.incrementAndGet() == parties)
        {
            arrived.set(0);
            generation = current + 1; // volatile write releases every packet published before the barrier
            return;
        }
        idle.reset();
        while (generation == current)
        {
            if (aborted)
            {
                throw AbortedException.INSTANCE;
            }
            if (worker.drainInbound() == 0)
            {
                idle.idle();
            }
        }
    }

    void abort()
    {
        aborted = true;
    }

    boolean isAborted()
    {
        return aborted;
    }
}
