package io.switchboard.queues.log;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * How {@link QueueStatistics} measures: the thresholds of {@code switchboard.queues.service-level} and
 * {@code short-abandon} (a queue's own {@code service-level} in its definition wins), and how often
 * subscribers get the figures of queues with callers waiting (their longest wait grows without events).
 */
public record StatisticsSettings(Duration serviceLevel, Duration shortAbandon, Duration publishEvery,
                                 Config definitions) {

    public static StatisticsSettings fromConfig(Config root) {
        Config queues = root.getConfig("switchboard.queues");
        return new StatisticsSettings(queues.getDuration("service-level"), queues.getDuration("short-abandon"),
                queues.getDuration("figures-publish-every"), queues.getConfig("definitions"));
    }

    public MetricsThresholds thresholdsOf(String queue) {
        String path = "\"" + queue + "\".service-level";
        Duration level = definitions.hasPath(path) ? definitions.getDuration(path) : serviceLevel;
        return new MetricsThresholds(level, shortAbandon);
    }
}
