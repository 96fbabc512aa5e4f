package io.switchboard.testkit.junit;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ari.events.AriEvent;
import io.switchboard.ari.json.AriJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Every event the simulator sent, filed by subject: a channel id ({@code caller-1}), {@code bridge:<id>} or
 * {@code playback:<id>}; events of a playback or recording on a channel are also filed under the channel.
 * Each subject has a cursor: {@link #expectEvent} skips forward to the next event of the type asked for,
 * like a TestProbe fishing for a message, and fails after a bounded wait.
 */
public final class EventProbe {
    private static final String ANY = "*";

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final Map<String, List<AriEvent>> bySubject = new HashMap<>();
    private final Map<String, Integer> cursors = new HashMap<>();

    /** Files one event (called on the simulator's state thread). */
    public void add(AriEvent event) {
        Set<String> subjects = subjects(AriJson.mapper().valueToTree(event));
        lock.lock();
        try {
            subjects.forEach(s -> bySubject.computeIfAbsent(s, k -> new ArrayList<>()).add(event));
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The next event of {@code type} about {@code subject} after the last one expected there. */
    public AriEvent expectEvent(String subject, String type, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                List<AriEvent> seen = bySubject.getOrDefault(subject, List.of());
                int from = cursors.getOrDefault(subject, 0);
                for (int i = from; i < seen.size(); i++) {
                    if (seen.get(i).type().equals(type)) {
                        cursors.put(subject, i + 1);
                        return seen.get(i);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no " + type + " for " + subject + " within " + timeout.toMillis()
                            + " ms; seen since the last expected one: " + types(seen.subList(Math.min(from, seen.size()), seen.size())));
                }
                arrived.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + type, e);
        } finally {
            lock.unlock();
        }
    }

    /** The next event of {@code type} about anything. */
    public AriEvent expectEvent(String type, Duration timeout) {
        return expectEvent(ANY, type, timeout);
    }

    /** All events about {@code subject} so far, in order. */
    public List<AriEvent> events(String subject) {
        lock.lock();
        try {
            return List.copyOf(bySubject.getOrDefault(subject, List.of()));
        } finally {
            lock.unlock();
        }
    }

    /** The types of all events about {@code subject} so far, e.g. for {@code assertEquals(List.of(...), ...)}. */
    public List<String> types(String subject) {
        return types(events(subject));
    }

    private static List<String> types(List<AriEvent> events) {
        return events.stream().map(AriEvent::type).toList();
    }

    private static Set<String> subjects(JsonNode ev) {
        Set<String> subjects = new LinkedHashSet<>();
        subjects.add(ANY);
        addId(subjects, "", ev.path("channel"));
        addId(subjects, "", ev.path("peer"));
        addId(subjects, "bridge:", ev.path("bridge"));
        for (String media : new String[] {"playback", "recording"}) {
            JsonNode node = ev.path(media);
            String target = node.path("target_uri").asText("");
            if (target.startsWith("channel:")) {
                subjects.add(target.substring("channel:".length()));
            } else if (!target.isEmpty()) {
                subjects.add(target);
            }
            String id = node.path("playback".equals(media) ? "id" : "name").asText("");
            if (!id.isEmpty()) {
                subjects.add(media + ":" + id);
            }
        }
        return subjects;
    }

    private static void addId(Set<String> subjects, String prefix, JsonNode node) {
        String id = node.path("id").asText("");
        if (!id.isEmpty()) {
            subjects.add(prefix + id);
        }
    }
}
