package io.switchboard.simulator.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Simulated time that moves only when a test calls {@link #advance(Duration)}: due timers then run in
 * due-time order (ties in scheduling order), each seeing {@link #now()} at its own due time.
 */
public final class ManualClock implements SimClock {
    private record Pending(Instant due, long seq, Runnable action, AtomicBoolean cancelled) implements Comparable<Pending> {
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
    private final AtomicInteger cancelledSincePurge = new AtomicInteger();

    ManualClock(Instant start) {
        this.now = start;
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public SimTimer schedule(Duration delay, Runnable action) {
        AtomicBoolean cancelled = new AtomicBoolean();
        if (!advancing && (delay.isZero() || delay.isNegative())) {
            // nothing to wait for: run right after the current state task, as Asterisk would
            executor.execute(() -> {
                if (!cancelled.get()) {
                    action.run();
                }
            });
            return () -> cancelled.set(true);
        }
        purgeIfMostlyCancelled();
        pending.add(new Pending(now.plus(delay.isNegative() ? Duration.ZERO : delay), seq++, action, cancelled));
        return () -> cancel(cancelled);
    }

    private void cancel(AtomicBoolean cancelled) {
        if (cancelled.compareAndSet(false, true)) {
            cancelledSincePurge.incrementAndGet();
        }
    }

    /** Cancelled timers (a phone's Wait(120) after hang-up) would hold their channel until due time. */
    private void purgeIfMostlyCancelled() {
        int cancelled = cancelledSincePurge.get();
        if (cancelled > 256 && cancelled > pending.size() / 2) {
            pending.removeIf(p -> p.cancelled().get());
            cancelledSincePurge.set(0);
        }
    }

    @Override
    public void attach(StateExecutor executor) {
        this.executor = executor;
    }

    /**
     * {@link #schedule} for callers outside the state thread (e.g. Switchboard's timers in a test that shares this
     * clock): due {@code delay} after the time read now; if an advance has passed that time before the timer is
     * registered on the state thread, it runs right away.
     */
    public SimTimer scheduleFromAnyThread(Duration delay, Runnable action) {
        if (executor.isOwnerThread()) {
            return schedule(delay, action);
        }
        Instant due = now.plus(delay.isNegative() ? Duration.ZERO : delay);
        AtomicBoolean cancelled = new AtomicBoolean();
        executor.execute(() -> {
            if (cancelled.get()) {
                return;
            }
            if (due.isAfter(now)) {
                purgeIfMostlyCancelled();
                pending.add(new Pending(due, seq++, action, cancelled));
            } else {
                action.run();
            }
        });
        return () -> cancel(cancelled);
    }

    /** Moves time forward, running every timer that falls due on the way (including ones they schedule). */
    public void advance(Duration amount) {
        executor.run(() -> {
            advancing = true;
            Instant target = now.plus(amount);
            while (!pending.isEmpty() && !pending.peek().due().isAfter(target)) {
                Pending next = pending.poll();
                if (!next.cancelled().get()) {
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
        pending.removeIf(p -> p.cancelled().get());
        return pending.size();
    }

    /** How many live timers are waiting. */
    public int pendingTimers() {
        return executor.call(() -> (int) pending.stream().filter(p -> !p.cancelled().get()).count());
    }
}
