package io.switchboard.queues.log;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The additive part of a queue's figures: outcome counts and time sums, which a window adds up over its stretch
 * of time. Who waits now is not here ({@link QueueMetrics} tracks it: it is the same in every window).
 */
final class CallCounts {
    /** One slot each; summing and clearing go over all of them, so a count added here cannot be left out. */
    private enum Count {
        ANSWERED, ANSWERED_IN_THRESHOLD, TOTAL_WAIT, ABANDONED, SHORT_ABANDONED, TIMED_OUT, EXITED_WITH_KEY,
        EXITED_EMPTY, CALLBACKS, HANDLED, TOTAL_TALK, TOTAL_WRAP_UP
    }

    private final long[] counts = new long[Count.values().length];

    void add(QueueLogEntry entry, MetricsThresholds thresholds) {
        switch (entry.event()) {
            case CONNECT -> {
                count(Count.ANSWERED, 1);
                count(Count.TOTAL_WAIT, entry.waitSeconds());
                if (entry.waitSeconds() <= thresholds.serviceLevel().toSeconds()) {
                    count(Count.ANSWERED_IN_THRESHOLD, 1);
                }
            }
            case ABANDON -> {
                count(Count.ABANDONED, 1);
                if (Duration.ofSeconds(entry.waitSeconds()).compareTo(thresholds.shortAbandon()) < 0) {
                    count(Count.SHORT_ABANDONED, 1);
                }
            }
            case EXITWITHTIMEOUT -> count(Count.TIMED_OUT, 1);
            case EXITWITHKEY -> count(Count.EXITED_WITH_KEY, 1);
            case EXITEMPTY -> count(Count.EXITED_EMPTY, 1);
            case CALLBACK -> count(Count.CALLBACKS, 1);
            case COMPLETECALLER, COMPLETEAGENT, TRANSFER -> {
                count(Count.HANDLED, 1);
                count(Count.TOTAL_TALK, entry.talkSeconds());
            }
            case WRAPUPEND -> count(Count.TOTAL_WRAP_UP, entry.wrapUpSeconds());
            default -> {
                // joins, member and ring events count nothing
            }
        }
    }

    void add(CallCounts other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
    }

    void clear() {
        Arrays.fill(counts, 0);
    }

    /** The counts by name, for a checkpoint. */
    Map<String, Long> memo() {
        Map<String, Long> memo = new LinkedHashMap<>();
        for (Count count : Count.values()) {
            memo.put(count.name(), counts[count.ordinal()]);
        }
        return memo;
    }

    /** Takes the counts a checkpoint had (a count it did not know of is zero). */
    void restore(Map<String, Long> memo) {
        for (Count count : Count.values()) {
            counts[count.ordinal()] = memo.getOrDefault(count.name(), 0L);
        }
    }

    private void count(Count count, long by) {
        counts[count.ordinal()] += by;
    }

    private long of(Count count) {
        return counts[count.ordinal()];
    }

    /** The figures of these counts, with the "now" figures of who is waiting. */
    QueueFigures figures(int callsWaiting, long longestWaitSeconds) {
        long answered = of(Count.ANSWERED);
        long answeredInThreshold = of(Count.ANSWERED_IN_THRESHOLD);
        long abandoned = of(Count.ABANDONED);
        long shortAbandoned = of(Count.SHORT_ABANDONED);
        long timedOut = of(Count.TIMED_OUT);
        long exitedWithKey = of(Count.EXITED_WITH_KEY);
        long exitedEmpty = of(Count.EXITED_EMPTY);
        long offered = answered + abandoned + timedOut + exitedWithKey + exitedEmpty;
        long longAbandoned = abandoned - shortAbandoned;
        return new QueueFigures(callsWaiting, longestWaitSeconds, offered, answered, answeredInThreshold, abandoned,
                shortAbandoned, timedOut, exitedWithKey, exitedEmpty, of(Count.CALLBACKS),
                ratio(answeredInThreshold, answered + longAbandoned),
                ratio(answeredInThreshold, offered),
                ratio(of(Count.TOTAL_WAIT), answered),
                ratio(of(Count.TOTAL_TALK) + of(Count.TOTAL_WRAP_UP), of(Count.HANDLED)),
                ratio(longAbandoned, offered - shortAbandoned));
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0 : (double) numerator / denominator;
    }
}
