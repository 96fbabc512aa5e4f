package io.switchboard.queues.log;

import java.time.Duration;

/**
 * The additive part of a queue's figures: outcome counts and time sums, which a window adds up over its stretch
 * of time. Who waits now is not here ({@link QueueMetrics} tracks it: it is the same in every window).
 */
final class CallCounts {
    private long answered;
    private long answeredInThreshold;
    private long totalWait;
    private long abandoned;
    private long shortAbandoned;
    private long timedOut;
    private long exitedWithKey;
    private long exitedEmpty;
    private long callbacks;
    private long handled;
    private long totalTalk;
    private long totalWrapUp;

    void add(QueueLogEntry entry, MetricsThresholds thresholds) {
        switch (entry.event()) {
            case CONNECT -> {
                answered++;
                totalWait += entry.waitSeconds();
                if (entry.waitSeconds() <= thresholds.serviceLevel().toSeconds()) {
                    answeredInThreshold++;
                }
            }
            case ABANDON -> {
                abandoned++;
                if (Duration.ofSeconds(entry.waitSeconds()).compareTo(thresholds.shortAbandon()) < 0) {
                    shortAbandoned++;
                }
            }
            case EXITWITHTIMEOUT -> timedOut++;
            case EXITWITHKEY -> exitedWithKey++;
            case EXITEMPTY -> exitedEmpty++;
            case CALLBACK -> callbacks++;
            case COMPLETECALLER, COMPLETEAGENT, TRANSFER -> {
                handled++;
                totalTalk += entry.talkSeconds();
            }
            case WRAPUPEND -> totalWrapUp += entry.wrapUpSeconds();
            default -> {
                // joins, member and ring events count nothing
            }
        }
    }

    void add(CallCounts other) {
        answered += other.answered;
        answeredInThreshold += other.answeredInThreshold;
        totalWait += other.totalWait;
        abandoned += other.abandoned;
        shortAbandoned += other.shortAbandoned;
        timedOut += other.timedOut;
        exitedWithKey += other.exitedWithKey;
        exitedEmpty += other.exitedEmpty;
        callbacks += other.callbacks;
        handled += other.handled;
        totalTalk += other.totalTalk;
        totalWrapUp += other.totalWrapUp;
    }

    void clear() {
        answered = answeredInThreshold = totalWait = abandoned = shortAbandoned = timedOut = 0;
        exitedWithKey = exitedEmpty = callbacks = handled = totalTalk = totalWrapUp = 0;
    }

    /** The figures of these counts, with the "now" figures of who is waiting. */
    QueueFigures figures(int callsWaiting, long longestWaitSeconds) {
        long offered = answered + abandoned + timedOut + exitedWithKey + exitedEmpty;
        long longAbandoned = abandoned - shortAbandoned;
        return new QueueFigures(callsWaiting, longestWaitSeconds, offered, answered, answeredInThreshold, abandoned,
                shortAbandoned, timedOut, exitedWithKey, exitedEmpty, callbacks,
                ratio(answeredInThreshold, answered + longAbandoned),
                ratio(answeredInThreshold, offered),
                ratio(totalWait, answered),
                ratio(totalTalk + totalWrapUp, handled),
                ratio(longAbandoned, offered - shortAbandoned));
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0 : (double) numerator / denominator;
    }
}
