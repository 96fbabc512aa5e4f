package io.switchboard.queues.queue;

import java.time.Duration;
import java.util.Optional;

/**
 * The estimated wait of a caller, from where they are and who is working now.
 *
 * <p>app_queue announces a moving average of past callers' waits, which lags behind every change: it keeps
 * quoting a short wait after half the agents went to lunch, and is the same for the first and the tenth
 * caller. Here the estimate is computed for this caller from the present: with {@code n} agents staffing the
 * queue (logged in, not paused), {@code idle} of them free, and a recent average handle time {@code aht}
 * (talk plus wrap-up, an exponentially weighted mean of the queue's last conversations), the caller at
 * {@code position} waits for {@code max(0, position - idle)} conversations to end, and the {@code n} agents
 * end one every {@code aht / n} on average:
 *
 * <pre>  wait ≈ max(0, position − idle) × aht / n</pre>
 *
 * With nobody staffing the queue, or no conversation seen yet, there is no honest estimate (empty).
 */
public final class WaitEstimate {
    /** Weight of the newest conversation in the average handle time. */
    public static final double AHT_WEIGHT = 0.2;

    private WaitEstimate() {
    }

    public static Optional<Duration> estimate(int position, int staffed, int idle, double ahtSeconds) {
        if (staffed <= 0 || ahtSeconds <= 0) {
            return Optional.empty();
        }
        int ahead = Math.max(0, position - idle);
        return Optional.of(Duration.ofMillis(Math.round(ahead * ahtSeconds * 1000 / staffed)));
    }

    /** The average handle time after one more conversation of {@code handleSeconds}. */
    public static double nextAverage(double currentAht, double handleSeconds) {
        return currentAht <= 0 ? handleSeconds : currentAht + AHT_WEIGHT * (handleSeconds - currentAht);
    }
}
