package io.switchboard.queues.queue;

import com.typesafe.config.Config;
import io.switchboard.actors.serialization.CborSerializable;
import io.switchboard.queues.strategy.Strategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One queue's configuration (HOCON {@code switchboard.queues.<name>}), changeable at run time.
 *
 * @param name             the queue, as named in {@code Stasis(callcenter,<name>)}
 * @param strategy         how an agent is chosen
 * @param musicClass       music on hold callers hear while waiting (null: Asterisk's default)
 * @param ringTimeout      how long one offer rings an agent
 * @param retryDelay       pause after an unanswered offer before the caller is offered again
 * @param wrapUp           time an agent gets after each call before the next
 * @param maxWait          longest a caller waits before leaving with EXITWITHTIMEOUT (null: no limit)
 * @param maxLength        callers at most (0: no limit); more are refused with FULL
 * @param joinEmpty        callers may join when no agent is logged in
 * @param leaveWhenEmpty   waiting callers leave (EXITEMPTY) when the last agent logs out
 * @param exitKey          a digit that takes the caller out of the queue (null: none)
 * @param autopauseAfter   unanswered offers in a row after which an agent is paused (0: never)
 * @param escalation       penalty limits by waiting time: who may be offered a caller who waited so long
 * @param slThreshold      answer time that counts as within the service level
 * @param announcements    what callers and agents hear besides music
 * @param callback         "keep my place": the key a caller presses to be called back, and how to call
 * @param waitIn           where callers wait: {@code bridge} (a holding bridge per queue playing the music)
 *                         or {@code music} (music on hold on each caller's channel)
 * @param afterAgent       what happens to the caller when the agent hangs up first: {@code hangup}, or
 *                         {@code dialplan:<context>,<extension>,<priority>} to go on there (e.g. a survey)
 */
public record QueueConfig(String name, Strategy strategy, String musicClass, Duration ringTimeout,
                          Duration retryDelay, Duration wrapUp, Duration maxWait, int maxLength, boolean joinEmpty,
                          boolean leaveWhenEmpty, String exitKey, int autopauseAfter, List<Escalation> escalation,
                          Duration slThreshold, Announcements announcements, Callback callback, String waitIn,
                          String afterAgent) implements CborSerializable {

    public boolean waitsInBridge() {
        return "bridge".equals(waitIn);
    }

    /**
     * @param key       the digit that asks for a callback (null: no callbacks)
     * @param endpoint  where to call back, with {@code {number}} for the digits the caller left,
     *                  e.g. {@code PJSIP/{number}} or {@code Local/{number}@outbound}
     * @param attempts  how many times to try before giving up
     */
    public record Callback(String key, String endpoint, int attempts) implements CborSerializable {
        public static final Callback NONE = new Callback(null, "PJSIP/{number}", 3);

        public String endpointFor(String number) {
            return endpoint.replace("{number}", number);
        }
    }

    /**
     * @param positionEvery   tell each caller their position (and estimated wait) this often; null: never
     * @param holdTime        include the estimated wait in the position announcement
     * @param periodic        media played to waiting callers every {@code periodicEvery} (empty: none)
     * @param periodicEvery   how often the periodic announcement plays
     * @param toAgent         media the agent hears on answering, before the caller is put through (e.g. the
     *                        queue's name); null: none
     */
    public record Announcements(Duration positionEvery, boolean holdTime, List<String> periodic,
                                Duration periodicEvery, String toAgent) implements CborSerializable {
        public static final Announcements NONE = new Announcements(null, true, List.of(), null, null);

        public Announcements {
            periodic = List.copyOf(periodic);
        }
    }

    /** From {@code afterWaiting} on, agents with a penalty up to {@code maxPenalty} may be offered the caller. */
    public record Escalation(Duration afterWaiting, int maxPenalty) implements CborSerializable {
    }

    public QueueConfig {
        escalation = escalation.stream().sorted(Comparator.comparing(Escalation::afterWaiting)).toList();
        if (ringTimeout.isNegative() || ringTimeout.isZero()) {
            throw new IllegalArgumentException("queue " + name + ": ring-timeout must be positive");
        }
        if (!"hangup".equals(afterAgent) && !afterAgent.matches("dialplan:[^,]+,[^,]+,\\d+")) {
            throw new IllegalArgumentException("queue " + name
                    + ": after-agent-hangup must be hangup or dialplan:<context>,<extension>,<priority>, got "
                    + afterAgent);
        }
        if (!"bridge".equals(waitIn) && !"music".equals(waitIn)) {
            throw new IllegalArgumentException("queue " + name + ": wait-in must be bridge or music, got " + waitIn);
        }
        if (exitKey != null && !exitKey.matches("[0-9*#]")) {
            throw new IllegalArgumentException("queue " + name + ": exit-key must be one DTMF digit, got " + exitKey);
        }
    }

    /** A queue with app_queue-like defaults. */
    public static QueueConfig named(String name) {
        return new QueueConfig(name, Strategy.RRMEMORY, null, Duration.ofSeconds(15), Duration.ofSeconds(5),
                Duration.ZERO, null, 0, true, false, null, 0, List.of(), Duration.ofSeconds(20), Announcements.NONE,
                Callback.NONE, "bridge", "hangup");
    }

    /** The highest penalty that may be offered a caller who has waited {@code waited}. */
    public int maxPenaltyAfter(Duration waited) {
        if (escalation.isEmpty()) {
            return Integer.MAX_VALUE;
        }
        int max = 0;
        for (Escalation step : escalation) {
            if (waited.compareTo(step.afterWaiting()) >= 0) {
                max = step.maxPenalty();
            }
        }
        return max;
    }

    public static QueueConfig fromConfig(String name, Config c) {
        QueueConfig d = named(name);
        List<Escalation> rules = new ArrayList<>();
        if (c.hasPath("escalation")) {
            for (Config rule : c.getConfigList("escalation")) {
                rules.add(new Escalation(rule.getDuration("after"), rule.getInt("max-penalty")));
            }
        }
        return new QueueConfig(name,
                c.hasPath("strategy") ? Strategy.parse(c.getString("strategy")) : d.strategy(),
                c.hasPath("music-class") ? c.getString("music-class") : null,
                c.hasPath("ring-timeout") ? c.getDuration("ring-timeout") : d.ringTimeout(),
                c.hasPath("retry-delay") ? c.getDuration("retry-delay") : d.retryDelay(),
                c.hasPath("wrap-up") ? c.getDuration("wrap-up") : d.wrapUp(),
                c.hasPath("max-wait") ? c.getDuration("max-wait") : null,
                c.hasPath("max-length") ? c.getInt("max-length") : 0,
                !c.hasPath("join-empty") || c.getBoolean("join-empty"),
                c.hasPath("leave-when-empty") && c.getBoolean("leave-when-empty"),
                c.hasPath("exit-key") ? c.getString("exit-key") : null,
                c.hasPath("autopause-after") ? c.getInt("autopause-after") : 0,
                rules,
                c.hasPath("service-level") ? c.getDuration("service-level") : d.slThreshold(),
                new Announcements(
                        c.hasPath("announce-position-every") ? c.getDuration("announce-position-every") : null,
                        !c.hasPath("announce-hold-time") || c.getBoolean("announce-hold-time"),
                        c.hasPath("periodic-announce") ? c.getStringList("periodic-announce") : List.of(),
                        c.hasPath("periodic-announce-every") ? c.getDuration("periodic-announce-every") : null,
                        c.hasPath("announce-to-agent") ? c.getString("announce-to-agent") : null),
                new Callback(c.hasPath("callback-key") ? c.getString("callback-key") : null,
                        c.hasPath("callback-endpoint") ? c.getString("callback-endpoint") : d.callback().endpoint(),
                        c.hasPath("callback-attempts") ? c.getInt("callback-attempts") : d.callback().attempts()),
                c.hasPath("wait-in") ? c.getString("wait-in") : d.waitIn(),
                c.hasPath("after-agent-hangup") ? c.getString("after-agent-hangup") : d.afterAgent());
    }

    public QueueConfig withStrategy(Strategy value) {
        return new QueueConfig(name, value, musicClass, ringTimeout, retryDelay, wrapUp, maxWait, maxLength,
                joinEmpty, leaveWhenEmpty, exitKey, autopauseAfter, escalation, slThreshold, announcements,
                callback, waitIn, afterAgent);
    }

    public QueueConfig withTimers(Duration ring, Duration retry, Duration wrap, Duration maxWaitValue) {
        return new QueueConfig(name, strategy, musicClass, ring, retry, wrap, maxWaitValue, maxLength, joinEmpty,
                leaveWhenEmpty, exitKey, autopauseAfter, escalation, slThreshold, announcements, callback,
                waitIn, afterAgent);
    }

    public QueueConfig withLimits(int maxLen, boolean joinWhenEmpty, boolean leaveIfEmpty, String key,
                                  int autopause) {
        return new QueueConfig(name, strategy, musicClass, ringTimeout, retryDelay, wrapUp, maxWait, maxLen,
                joinWhenEmpty, leaveIfEmpty, key, autopause, escalation, slThreshold, announcements,
                callback, waitIn, afterAgent);
    }

    public QueueConfig withEscalation(List<Escalation> rules) {
        return new QueueConfig(name, strategy, musicClass, ringTimeout, retryDelay, wrapUp, maxWait, maxLength,
                joinEmpty, leaveWhenEmpty, exitKey, autopauseAfter, rules, slThreshold, announcements,
                callback, waitIn, afterAgent);
    }

    public QueueConfig withAnnouncements(Announcements value) {
        return new QueueConfig(name, strategy, musicClass, ringTimeout, retryDelay, wrapUp, maxWait, maxLength,
                joinEmpty, leaveWhenEmpty, exitKey, autopauseAfter, escalation, slThreshold, value, callback, waitIn,
                afterAgent);
    }

    public QueueConfig withCallback(Callback value) {
        return new QueueConfig(name, strategy, musicClass, ringTimeout, retryDelay, wrapUp, maxWait, maxLength,
                joinEmpty, leaveWhenEmpty, exitKey, autopauseAfter, escalation, slThreshold, announcements,
                value, waitIn,
                afterAgent);
    }
}
