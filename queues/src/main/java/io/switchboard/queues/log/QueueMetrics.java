package io.switchboard.queues.log;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds a queue's log entries into its figures ({@link QueueFigures} documents each formula), over all time and
 * over each of the windows it was given. Pure: no clock of its own, the caller says what "now" is. Not
 * thread-safe: one owner feeds it.
 */
public final class QueueMetrics {
    private static final FiguresWindow ALL_TIME = new FiguresWindow.AllTime();

    private final MetricsThresholds thresholds;
    private final Map<String, Instant> waitingSince = new HashMap<>();
    private final Map<FiguresWindow, WindowCounts> windows = new LinkedHashMap<>();

    public QueueMetrics(MetricsThresholds thresholds) {
        this(thresholds, List.of());
    }

    /** @param windows the windows besides all time whose figures it keeps */
    public QueueMetrics(MetricsThresholds thresholds, List<FiguresWindow> windows) {
        this.thresholds = thresholds;
        this.windows.put(ALL_TIME, WindowCounts.of(ALL_TIME));
        windows.forEach(w -> this.windows.putIfAbsent(w, WindowCounts.of(w)));
    }

    public QueueMetrics addAll(Iterable<QueueLogEntry> entries) {
        entries.forEach(this::add);
        return this;
    }

    public QueueMetrics add(QueueLogEntry entry) {
        switch (entry.event()) {
            case ENTERQUEUE -> waitingSince.put(entry.callerId(), entry.time());
            case CONNECT, ABANDON, EXITWITHTIMEOUT, EXITWITHKEY, EXITEMPTY, CALLBACKFAILED ->
                    waitingSince.remove(entry.callerId());
            default -> {
                // a callback keeps the caller's place; other events do not move who waits
            }
        }
        windows.values().forEach(w -> w.add(entry, thresholds));
        return this;
    }

    /** A queue's metrics in a checkpoint: who waits since when, and each window's counts by the window's name. */
    public record Memo(Map<String, Instant> waitingSince, Map<String, WindowCounts.Memo> windows) {
    }

    /** What it holds, for a checkpoint (nothing it goes on changing). */
    public Memo memo() {
        Map<String, WindowCounts.Memo> counts = new LinkedHashMap<>();
        windows.forEach((window, c) -> counts.put(window.name(), c.memo()));
        return new Memo(new HashMap<>(waitingSince), counts);
    }

    /** Takes back a checkpoint's metrics; a window it did not keep (one configured since) starts empty. */
    public QueueMetrics restore(Memo memo) {
        waitingSince.clear();
        waitingSince.putAll(memo.waitingSince());
        windows.forEach((window, c) -> {
            WindowCounts.Memo kept = memo.windows().get(window.name());
            if (kept != null) {
                c.restore(kept);
            }
        });
        return this;
    }

    /** The figures over all time. */
    public QueueFigures figures(Instant now) {
        return figures(ALL_TIME, now);
    }

    /** The figures over {@code window}, which must be all time or one this was given. */
    public QueueFigures figures(FiguresWindow window, Instant now) {
        WindowCounts counts = windows.get(window);
        if (counts == null) {
            throw new IllegalArgumentException("no figures kept for window " + window.name());
        }
        long longestWait = waitingSince.values().stream().min(Instant::compareTo)
                .map(since -> Math.max(0, Duration.between(since, now).toSeconds())).orElse(0L);
        return counts.at(now).figures(waitingSince.size(), longestWait);
    }
}
