package io.switchboard.queues.settings;

import com.typesafe.config.Config;
import io.switchboard.queues.queue.QueueConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The queues of {@code switchboard.queues.definitions} and the queue engine's settings, read once.
 *
 * @param queues  queue name → configuration, as configured at start (run-time changes live in the queues)
 * @param tick    how often queues check waiting times (max wait, escalation, retries)
 * @param reattachGrace after a queue restarts, how long its callers' flows have to come back (the gateway
 *                      adopts calls still up in Asterisk); callers not back by then hung up meanwhile
 * @param callerHeartbeat how often a waiting caller's flow tells its queue it still waits (so that a queue
 *                        restarted elsewhere takes it back, or has it enter again)
 * @param watchRenewal  how long a queue's watch on a caller's or agent's channel lasts before it is renewed (a
 *                      watch lost with a channel entity's node is renewed within this time)
 */
public record QueuesSettings(Map<String, QueueConfig> queues, Duration tick, Duration reattachGrace,
                             Duration callerHeartbeat, Duration watchRenewal) {

    public QueuesSettings {
        queues = Map.copyOf(queues);
    }

    public QueuesSettings(Map<String, QueueConfig> queues, Duration tick, Duration reattachGrace) {
        this(queues, tick, reattachGrace, Duration.ofSeconds(3), Duration.ofSeconds(10));
    }

    public static QueuesSettings fromConfig(Config root) {
        Config queues = root.getConfig("switchboard.queues");
        Map<String, QueueConfig> definitions = new LinkedHashMap<>();
        Config defs = queues.getConfig("definitions");
        for (String name : defs.root().keySet()) {
            definitions.put(name, QueueConfig.fromConfig(name, defs.getConfig(name)));
        }
        return new QueuesSettings(definitions, queues.getDuration("tick"), queues.getDuration("reattach-grace"),
                queues.getDuration("caller-heartbeat"), queues.getDuration("watch-renewal"));
    }

    public Optional<QueueConfig> queue(String name) {
        return Optional.ofNullable(queues.get(name));
    }

    /** The configuration a queue starts from: its own, or the defaults for a queue created at run time. */
    public QueueConfig configOf(String name) {
        return queue(name).orElseGet(() -> QueueConfig.named(name));
    }
}
