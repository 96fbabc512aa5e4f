package io.switchboard.platform.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.switchboard.queues.queue.QueueConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A queue's configuration in the API, with the keys and value forms of {@code switchboard.queues.definitions}
 * (durations like {@code "15s"}), so a GET's {@code config} can be edited and PUT back.
 */
final class QueueConfigJson {
    static final Set<String> KEYS = Set.of("strategy", "music-class", "ring-timeout", "retry-delay", "wrap-up",
            "max-wait", "max-length", "join-empty", "leave-when-empty", "exit-key", "autopause-after", "escalation",
            "service-level", "announce-position-every", "announce-hold-time", "periodic-announce",
            "periodic-announce-every", "announce-to-agent", "callback-key", "callback-endpoint", "callback-attempts");

    private QueueConfigJson() {
    }

    static Map<String, Object> render(QueueConfig c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("strategy", c.strategy().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        out.put("music-class", c.musicClass());
        out.put("ring-timeout", duration(c.ringTimeout()));
        out.put("retry-delay", duration(c.retryDelay()));
        out.put("wrap-up", duration(c.wrapUp()));
        out.put("max-wait", duration(c.maxWait()));
        out.put("max-length", c.maxLength());
        out.put("join-empty", c.joinEmpty());
        out.put("leave-when-empty", c.leaveWhenEmpty());
        out.put("exit-key", c.exitKey());
        out.put("autopause-after", c.autopauseAfter());
        List<Map<String, Object>> escalation = new ArrayList<>();
        c.escalation().forEach(e -> escalation.add(Map.of("after", duration(e.afterWaiting()),
                "max-penalty", e.maxPenalty())));
        out.put("escalation", escalation);
        out.put("service-level", duration(c.slThreshold()));
        out.put("announce-position-every", duration(c.announcements().positionEvery()));
        out.put("announce-hold-time", c.announcements().holdTime());
        out.put("periodic-announce", c.announcements().periodic());
        out.put("periodic-announce-every", duration(c.announcements().periodicEvery()));
        out.put("announce-to-agent", c.announcements().toAgent());
        out.put("callback-key", c.callback().key());
        out.put("callback-endpoint", c.callback().endpoint());
        out.put("callback-attempts", c.callback().attempts());
        return out;
    }

    /** A whole configuration from a PUT body (absent keys take their defaults); a bad value is a 400. */
    static QueueConfig parse(String queue, JsonNode body) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                throw ApiProblem.badRequest(name + ": unknown queue setting");
            }
        }
        Config config;
        try {
            config = ConfigFactory.parseString(ApiDirectives.JSON.writeValueAsString(body)).resolve();
        } catch (Exception e) {
            throw ApiProblem.badRequest("body: " + e.getMessage());
        }
        try {
            return QueueConfig.fromConfig(queue, config);
        } catch (ConfigException.BadValue | ConfigException.WrongType | ConfigException.Null e) {
            throw ApiProblem.badRequest(e.getMessage().replaceFirst("^String: \\d+: ", ""));
        } catch (IllegalArgumentException e) {
            String field = body.has("strategy") && e.getMessage().contains("strategy") ? "strategy: " : "";
            throw ApiProblem.badRequest(field + e.getMessage());
        }
    }

    private static String duration(Duration d) {
        if (d == null) {
            return null;
        }
        long millis = d.toMillis();
        return millis % 1000 == 0 ? (millis / 1000) + "s" : millis + "ms";
    }
}
