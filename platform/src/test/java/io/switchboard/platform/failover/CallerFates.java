package io.switchboard.platform.failover;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What became of each caller, from the simulated Asterisk's view ({@code GET /sim/calls}). */
final class CallerFates {
    private static final java.time.format.DateTimeFormatter ASTERISK_TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    enum Fate {
        /** shared a mixing bridge with an agent's channel */
        TALKED,
        /** reached the queue and hung up before an agent took the call */
        ABANDONED,
        /** reached the queue, never talked, and was hung up by Switchboard, not by the caller */
        HUNG_UP_BY_APP,
        /** never entered Stasis or was never answered by the application */
        NEVER_REACHED_QUEUE
    }

    record Caller(String channelId, Instant placedAt, Instant enteredStasisAt, boolean stasisFailed,
                  Instant answeredAt, Instant firstTalkedAt, List<String> talkedWith, Instant endedAt,
                  String hungUpBy) {

        boolean reachedQueue() {
            return enteredStasisAt != null && !stasisFailed && answeredAt != null;
        }

        Fate fate() {
            if (!reachedQueue()) {
                return Fate.NEVER_REACHED_QUEUE;
            }
            if (!talkedWith.isEmpty()) {
                return Fate.TALKED;
            }
            return "caller".equals(hungUpBy) ? Fate.ABANDONED : Fate.HUNG_UP_BY_APP;
        }

        static Caller of(JsonNode call) {
            List<String> talked = new ArrayList<>();
            call.path("talkedWith").forEach(c -> talked.add(c.asText()));
            return new Caller(call.get("channelId").asText(), instant(call, "placedAt"),
                    instant(call, "enteredStasisAt"), call.path("stasisFailed").asBoolean(false),
                    instant(call, "answeredAt"), instant(call, "firstTalkedAt"), talked, instant(call, "endedAt"),
                    call.path("hungUpBy").isNull() ? null : call.path("hungUpBy").asText(null));
        }

        private static Instant instant(JsonNode call, String field) {
            JsonNode value = call.get(field);
            if (value == null || value.isNull() || value.asText().isEmpty()) {
                return null;
            }
            String text = value.asText();
            try {
                return Instant.parse(text);
            } catch (java.time.format.DateTimeParseException notUtc) {
                // an offset (+00:00), or Asterisk's own format (+0000)
                return OffsetDateTime.parse(text, text.matches(".*[+-]\\d{4}$") ? ASTERISK_TIME
                        : java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            }
        }
    }

    /** Our callers as the simulator lists them, in the order they were placed. */
    static List<Caller> of(JsonNode simCalls, Set<String> ours) {
        List<Caller> callers = new ArrayList<>();
        JsonNode list = simCalls.isArray() ? simCalls : simCalls.path("calls");
        list.forEach(call -> {
            if (ours.contains(call.path("channelId").asText())) {
                callers.add(Caller.of(call));
            }
        });
        callers.sort(java.util.Comparator.comparing(Caller::placedAt));
        return callers;
    }

    /**
     * The gap a node's loss left: from the kill until the first caller placed after it was answered by the
     * application (in Stasis, taken by a queue flow). Empty when no caller placed after the kill got that far.
     */
    static Optional<Duration> gap(List<Caller> callers, Instant killedAt) {
        return callers.stream().filter(c -> !c.placedAt().isBefore(killedAt)).filter(Caller::reachedQueue)
                .findFirst().map(c -> Duration.between(killedAt, c.answeredAt()));
    }

    /** The longest any caller placed after the kill waited from being placed to being answered, with its id. */
    static Optional<String> slowestAnswerAfter(List<Caller> callers, Instant killedAt) {
        return callers.stream().filter(c -> !c.placedAt().isBefore(killedAt)).filter(Caller::reachedQueue)
                .max(java.util.Comparator.comparing(c -> Duration.between(c.placedAt(), c.answeredAt())))
                .map(c -> c.channelId() + " waited " + Duration.between(c.placedAt(), c.answeredAt()).toMillis()
                        + " ms to be answered");
    }

    /**
     * One line per caller, its times in seconds from the kill (negative: before it): placed, in Stasis, answered by
     * the application, first talking to an agent, ended; then its fate and who hung up.
     */
    static String timeline(List<Caller> callers, Instant killedAt) {
        StringBuilder out = new StringBuilder("caller: placed / stasis / answered / talking / ended (s from the kill)\n");
        for (Caller c : callers) {
            out.append(String.format("  %-10s %7s %7s %7s %7s %7s  %s%s%n", c.channelId(), at(c.placedAt(), killedAt),
                    at(c.enteredStasisAt(), killedAt), at(c.answeredAt(), killedAt), at(c.firstTalkedAt(), killedAt),
                    at(c.endedAt(), killedAt), c.fate().name().toLowerCase(java.util.Locale.ROOT),
                    (c.talkedWith().isEmpty() ? "" : " with " + String.join(",", c.talkedWith()))
                            + (c.hungUpBy() == null ? "" : ", hung up by " + c.hungUpBy())));
        }
        return out.toString();
    }

    private static String at(Instant when, Instant killedAt) {
        return when == null ? "-" : String.format(java.util.Locale.ROOT, "%+.1f",
                Duration.between(killedAt, when).toMillis() / 1000.0);
    }

    /** The fate table: callers placed before the kill, in the first {@code window} after it, and later. */
    static String table(List<Caller> callers, Instant killedAt, Duration window) {
        long w = window.toSeconds();
        StringBuilder out = new StringBuilder();
        out.append("| callers arriving | placed | talked to an agent | abandoned | hung up by Switchboard "
                + "| never reached the queue |\n|---|---|---|---|---|---|\n");
        row(out, "before the kill", callers.stream().filter(c -> c.placedAt().isBefore(killedAt)).toList());
        row(out, "0-" + w + " s after", callers.stream().filter(c -> !c.placedAt().isBefore(killedAt)
                && c.placedAt().isBefore(killedAt.plus(window))).toList());
        row(out, "later", callers.stream().filter(c -> !c.placedAt().isBefore(killedAt.plus(window))).toList());
        row(out, "all", callers);
        return out.toString();
    }

    private static void row(StringBuilder out, String label, List<Caller> callers) {
        out.append("| ").append(label).append(" | ").append(callers.size());
        for (Fate fate : Fate.values()) {
            out.append(" | ").append(callers.stream().filter(c -> c.fate() == fate).count());
        }
        out.append(" |\n");
    }
}
