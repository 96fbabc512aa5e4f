package io.switchboard.queues.log;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * How {@link QueueStatistics} measures: the thresholds of {@code switchboard.queues.service-level} and
 * {@code short-abandon} (a queue's own {@code service-level} in its definition wins), how often subscribers get
 * the figures of queues with callers waiting (their longest wait grows without events), and the windows of
 * {@code switchboard.queues.statistics}.
 *
 * @param windows all time, today (in {@code statistics.time-zone}), then each of {@code statistics.windows}
 */
public record StatisticsSettings(Duration serviceLevel, Duration shortAbandon, Duration publishEvery,
                                 Config definitions, List<FiguresWindow> windows) {

    public StatisticsSettings {
        windows = List.copyOf(windows);
        var names = new HashSet<String>();
        for (FiguresWindow window : windows) {
            if (!names.add(window.name())) {
                throw new IllegalArgumentException("switchboard.queues.statistics.windows: " + window.name()
                        + " is there twice");
            }
        }
    }

    public static StatisticsSettings fromConfig(Config root) {
        Config queues = root.getConfig("switchboard.queues");
        return new StatisticsSettings(queues.getDuration("service-level"), queues.getDuration("short-abandon"),
                queues.getDuration("figures-publish-every"), queues.getConfig("definitions"),
                windowsOf(queues.getConfig("statistics")));
    }

    private static List<FiguresWindow> windowsOf(Config statistics) {
        List<FiguresWindow> windows = new ArrayList<>();
        windows.add(new FiguresWindow.AllTime());
        try {
            windows.add(new FiguresWindow.Today(ZoneId.of(statistics.getString("time-zone"))));
        } catch (DateTimeException e) {
            throw new ConfigException.BadValue(statistics.origin(), "time-zone",
                    "not a time zone (e.g. UTC, Europe/Paris): " + e.getMessage());
        }
        for (Duration length : statistics.getDurationList("windows")) {
            try {
                windows.add(new FiguresWindow.Last(length));
            } catch (IllegalArgumentException e) {
                throw new ConfigException.BadValue(statistics.origin(), "windows", e.getMessage());
            }
        }
        return windows;
    }

    public MetricsThresholds thresholdsOf(String queue) {
        String path = "\"" + queue + "\".service-level";
        Duration level = definitions.hasPath(path) ? definitions.getDuration(path) : serviceLevel;
        return new MetricsThresholds(level, shortAbandon);
    }

    /** The window named {@code name} ({@link FiguresWindow#name}), if it is one of these. */
    public Optional<FiguresWindow> window(String name) {
        return windows.stream().filter(w -> w.name().equals(name)).findFirst();
    }

    public List<String> windowNames() {
        return windows.stream().map(FiguresWindow::name).toList();
    }
}
