package io.switchboard.platform.demo;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of the calls this node's flows handled, for the status line. */
public final class CallStats {
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong connected = new AtomicLong();
    private final AtomicLong unanswered = new AtomicLong();
    private final AtomicLong ended = new AtomicLong();

    public void started() {
        started.incrementAndGet();
    }

    public void connected() {
        connected.incrementAndGet();
    }

    public void unanswered() {
        unanswered.incrementAndGet();
    }

    public void ended() {
        ended.incrementAndGet();
    }

    public long connectedCount() {
        return connected.get();
    }

    public long endedCount() {
        return ended.get();
    }

    @Override
    public String toString() {
        long s = started.get();
        long e = ended.get();
        return "calls: " + s + " started, " + (s - e) + " in progress, " + connected.get() + " connected to an agent, "
                + unanswered.get() + " not answered, " + e + " ended";
    }
}
