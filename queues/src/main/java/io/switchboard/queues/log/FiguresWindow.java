package io.switchboard.queues.log;

import java.time.Duration;
import java.time.ZoneId;

/**
 * A stretch of time a queue's counted figures (offered, answered, SL, ASA, AHT, abandonment…) are read over;
 * the figures of who waits now (calls waiting, longest wait) are the same in every window.
 */
public sealed interface FiguresWindow {
    /** How the API and configuration name it: {@code all}, {@code today}, {@code 15m}, {@code 1h}. */
    String name();

    /** Everything since the journal began. */
    record AllTime() implements FiguresWindow {
        @Override
        public String name() {
            return "all";
        }
    }

    /** Since the last local midnight in {@code zone}. */
    record Today(ZoneId zone) implements FiguresWindow {
        @Override
        public String name() {
            return "today";
        }
    }

    /** The last {@code length} (whole minutes, at most a day), to the minute. */
    record Last(Duration length) implements FiguresWindow {
        static final Duration LONGEST = Duration.ofDays(1);

        public Last {
            if (length.compareTo(Duration.ofMinutes(1)) < 0 || length.compareTo(LONGEST) > 0
                    || length.toSecondsPart() != 0 || length.toNanosPart() != 0) {
                throw new IllegalArgumentException("a rolling window is whole minutes from 1m to 24h, not " + length);
            }
        }

        @Override
        public String name() {
            long minutes = length.toMinutes();
            return minutes % 60 == 0 ? minutes / 60 + "h" : minutes + "m";
        }
    }
}
