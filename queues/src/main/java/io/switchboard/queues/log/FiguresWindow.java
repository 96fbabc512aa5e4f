package io.switchboard.queues.log;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A stretch of time a queue's counted figures (offered, answered, SL, ASA, AHT, abandonment…) are read over;
 * the figures of who waits now (calls waiting, longest wait) are the same in every window.
 */
public sealed interface FiguresWindow {
    /** How the API and configuration name it: {@code all}, {@code today}, {@code 15m}, {@code 1h}. */
    String name();

    /**
     * The first instant after {@code now} at which the figures over this window can change with no new entry
     * (calls age out, a day starts); none for all time, whose figures only entries move.
     */
    Optional<Instant> nextTurn(Instant now);

    /** Everything since the journal began. */
    record AllTime() implements FiguresWindow {
        @Override
        public String name() {
            return "all";
        }

        @Override
        public Optional<Instant> nextTurn(Instant now) {
            return Optional.empty();
        }
    }

    /** Since the last local midnight in {@code zone}. */
    record Today(ZoneId zone) implements FiguresWindow {
        @Override
        public String name() {
            return "today";
        }

        @Override
        public Optional<Instant> nextTurn(Instant now) {
            return Optional.of(LocalDate.ofInstant(now, zone).plusDays(1).atStartOfDay(zone).toInstant());
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

        /** Entries are counted by the clock minute (see {@link RollingCounts}): they age out at a minute's start. */
        @Override
        public Optional<Instant> nextTurn(Instant now) {
            return Optional.of(now.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1)));
        }
    }
}
