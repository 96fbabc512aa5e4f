package io.switchboard.testkit.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/**
 * Simulated time that moves only when a test calls {@link #advance(Duration)}: due timers then run in
 * due-time order (ties in scheduling order), each seeing {@link #now()} at its own due time.
 */
public final class ManualClock implements SimClock {
    private record Pending(Instant due, long seq, Runnable action, boolean[] cancelled) implements Comparable<Pending> {
        @Override
        public int compareTo(Pending other) {
            int byTime = due.compareTo(other.due);
            return byTime != 0 ? byTime : Long.compare(seq, other.seq);
        }
    }

    private final PriorityQueue<Pending> pending = new PriorityQueue<>();
    private volatile Instant now;
    private long seq;
    private StateExecutor executor;
    private boolean advancing;
    private int cancelledSincePurge;

    ManualClock(Instant start) {
        this.now = start;
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public SimTimer schedule(Duration delay, Runnable action) {
        boolean[] cancelled = {false};
        if (!advancing && (delay.isZero() || delay.isNegative())) {
            // nothing to wait for: run right after the current state task, as Asterisk would
            executor.execute(() -> {
                if (!cancelled[0]) {
                    action.run();
                }
            });
            return () -> cancelled[0] = true;
        }
        purgeIfMostlyCancelled();
        pending.add(new Pending(now.plus(delay.isNegative() ? Duration.ZERO : delay), seq++, action, cancelled));
        return () -> {
            if (!cancelled[0]) {
                cancelled[0] = true;
                cancelledSincePurge++;
            }
        };
    }

    /** Cancelled timers (a phone's Wait(120) after hang-up) would hold their channel until due time. */
    private void purgeIfMostlyCancelled() {
        if (cancelledSincePurge > 256 && cancelledSincePurge > pending.size() / 2) {
            pending.removeIf(p -> p.cancelled()[0]);
            cancelledSincePurge = 0;
        }
    }

    @Override
    public void attach(StateExecutor executor) {
        this.executor = executor;
    }

    /** Moves time forward, running every timer that falls due on the way (including ones they schedule). */
    public void advance(Duration amount) {
        executor.run(() -> {
            advancing = true;
            Instant target = now.plus(amount);
            while (!pending.isEmpty() && !pending.peek().due().isAfter(target)) {
                Pending next = pending.poll();
                if (!next.cancelled()[0]) {
                    now = next.due();
                    next.action().run();
                }
            }
            now = target;
            advancing = false;
        });
    }

    /** Runs timers that are due now (delay zero) without moving time. */
    public void settle() {
        advance(Duration.ZERO);
    }

    /** Live timers waiting, counted on the state thread itself. */
    public int pendingTimersOnStateThread() {
        pending.removeIf(p -> p.cancelled()[0]);
        return pending.size();
    }

    /** How many live timers are waiting. */
    public int pendingTimers() {
        return executor.call(() -> (int) pending.stream().filter(p -> !p.cancelled()[0]).count());
    }
}
