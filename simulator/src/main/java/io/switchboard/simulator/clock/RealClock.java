package io.switchboard.simulator.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Wall-clock time: timers fire after real delays (for the demo and for manual exploration). */
final class RealClock implements SimClock {
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sim-real-clock");
        t.setDaemon(true);
        return t;
    });
    private StateExecutor executor;

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public SimTimer schedule(Duration delay, Runnable action) {
        if ((delay.isZero() || delay.isNegative())) {
            boolean[] cancelled = {false};
            executor.execute(() -> {
                if (!cancelled[0]) {
                    action.run();
                }
            });
            return () -> cancelled[0] = true;
        }
        ScheduledFuture<?> future = timers.schedule(() -> executor.execute(action),
                Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public void attach(StateExecutor executor) {
        this.executor = executor;
    }
}
