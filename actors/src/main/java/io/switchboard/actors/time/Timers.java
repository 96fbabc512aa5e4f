package io.switchboard.actors.time;

import java.time.Duration;

/**
 * An actor's keyed timers on a {@link Timekeeper}'s time, the subset of Pekko's {@code TimerScheduler} that
 * Switchboard uses: starting a timer under a key that is already running replaces it; all are cancelled when
 * the actor stops.
 */
public interface Timers<T> {

    void startSingleTimer(Object key, T message, Duration delay);

    default void startSingleTimer(T message, Duration delay) {
        startSingleTimer(message, message, delay);
    }

    void startTimerWithFixedDelay(Object key, T message, Duration delay);

    default void startTimerWithFixedDelay(T message, Duration delay) {
        startTimerWithFixedDelay(message, message, delay);
    }

    boolean isTimerActive(Object key);

    void cancel(Object key);

    void cancelAll();
}
