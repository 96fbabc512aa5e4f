package io.switchboard.queues.log;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Folds a queue's log entries into its figures ({@link QueueFigures} documents each formula). Pure: no clock
 * of its own, the caller says what "now" is. Not thread-safe: one owner feeds it.
 */
public final class QueueMetrics {
    private final MetricsThresholds thresholds;
    private final Map<String, Instant> waitingSince = new HashMap<>();
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

    public QueueMetrics(MetricsThresholds thresholds) {
        this.thresholds = thresholds;
    }

    public QueueMetrics addAll(Iterable<QueueLogEntry> entries) {
        entries.forEach(this::add);
        return this;
    }

    public QueueMetrics add(QueueLogEntry entry) {
        switch (entry.event()) {
            case ENTERQUEUE -> waitingSince.put(entry.callerId(), entry.time());
            case CONNECT -> {
                waitingSince.remove(entry.callerId());
                answered++;
                totalWait += entry.waitSeconds();
                if (entry.waitSeconds() <= thresholds.serviceLevel().toSeconds()) {
                    answeredInThreshold++;
                }
            }
            case ABANDON -> {
                waitingSince.remove(entry.callerId());
                abandoned++;
                if (Duration.ofSeconds(entry.waitSeconds()).compareTo(thresholds.shortAbandon()) < 0) {
                    shortAbandoned++;
                }
            }
            case EXITWITHTIMEOUT -> {
                waitingSince.remove(entry.callerId());
                timedOut++;
            }
            case EXITWITHKEY -> {
                waitingSince.remove(entry.callerId());
                exitedWithKey++;
            }
            case EXITEMPTY -> {
                waitingSince.remove(entry.callerId());
                exitedEmpty++;
            }
            case CALLBACK -> callbacks++;
            case CALLBACKFAILED -> waitingSince.remove(entry.callerId());
            case COMPLETECALLER, COMPLETEAGENT, TRANSFER -> {
                handled++;
                totalTalk += entry.talkSeconds();
            }
            case WRAPUPEND -> totalWrapUp += entry.wrapUpSeconds();
            default -> {
                // member and ring events do not move these figures
            }
        }
        return this;
    }

    public QueueFigures figures(Instant now) {
        long longestWait = waitingSince.values().stream().min(Instant::compareTo)
                .map(since -> Math.max(0, Duration.between(since, now).toSeconds())).orElse(0L);
        long offered = answered + abandoned + timedOut + exitedWithKey + exitedEmpty;
        long longAbandoned = abandoned - shortAbandoned;
        return new QueueFigures(waitingSince.size(), longestWait, offered, answered, answeredInThreshold, abandoned,
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
