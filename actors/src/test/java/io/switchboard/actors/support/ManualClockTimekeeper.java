package io.switchboard.actors.support;

import io.switchboard.actors.time.Timekeeper;
import io.switchboard.simulator.clock.ManualClock;

/**
 * Switchboard's timers on the simulated Asterisk's manual clock, so that one {@code advance} moves both and
 * their timers fire in due-time order. (The test kit's {@code TestTime} does this for users; the actors module's
 * own tests cannot depend on the test kit.)
 */
public final class ManualClockTimekeeper {
    private ManualClockTimekeeper() {
    }

    public static Timekeeper of(ManualClock clock) {
        return Timekeeper.driven(clock::now, (delay, action) -> clock.scheduleFromAnyThread(delay, action)::cancel);
    }
}
