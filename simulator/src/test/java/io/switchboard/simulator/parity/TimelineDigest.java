package io.switchboard.simulator.parity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What must match between a capture and a replay, after {@link Normaliser} took out what varies between runs:
 * <ul>
 * <li>per socket and entity (channel, bridge, playback, recording, endpoint, device, app, REST over WebSocket), the
 * sequence of events, each compared whole (type and every field; a RESTResponse's JSON {@code message_body} parsed);</li>
 * <li>the REST exchanges in order: method, path, status and the whole answer body, errors and successes;</li>
 * <li>per socket, the WebSocket results: open ({@code connected}, or {@code failed} with the refused upgrade's status
 * and body), client close, errors, and the {@code closed} code and reason.</li>
 * </ul>
 * The global interleaving of entities, sockets and REST answers is not compared: it varies between real runs.
 * Left out on purpose: RTP quality variables and SIPDOMAIN (media statistics and addressing of real SIP legs); the
 * Asterisk-internal members of a bridge in events (announcer and music-on-hold channels with generated ids); the
 * state of a fresh play/record answer, {@code queued} or already started (a race in Asterisk, see
 * {@link #startRace}); and the ids of GET /sounds (the sounds installed on the capture machine: the replay may
 * list only sounds the capture lists, and the formats must match).
 */
final class TimelineDigest {
    private static final Pattern GENERATED_ID = Pattern.compile("^\\d{9,}\\.\\d+$");

    final Map<String, List<String>> entities = new LinkedHashMap<>();
    final List<String> rest = new ArrayList<>();
    final Map<String, List<String>> sockets = new LinkedHashMap<>();
    /** Ids of the sounds GET /sounds listed. */
    final java.util.Set<String> sounds = new java.util.TreeSet<>();
    private final Normaliser normaliser = new Normaliser();

    static TimelineDigest of(Iterable<JsonNode> timeline) {
        TimelineDigest d = new TimelineDigest();
        for (JsonNode e : timeline) {
            switch (e.path("kind").asText()) {
                case "rest" -> d.rest(e.get("method").asText(), e.get("path").asText(), e.get("status").asInt(), e.get("response"));
                case "event" -> d.event(e.get("socket").asText(), e.get("event"));
                case "ws" -> d.socket(e);
                default -> {
                }
            }
        }
        return d;
    }

    private void rest(String method, String path, int status, JsonNode response) {
        JsonNode body = normaliser.body(response);
        if ("GET".equals(method) && "/sounds".equals(path) && status == 200 && body.isArray()) {
            // the catalogue is what the capture machine had installed: its ids must exist there, its formats match
            body.forEach(sound -> sounds.add(sound.path("id").asText()));
            body = soundFormats(body);
        }
        rest.add(method + " " + normaliser.text(path) + " -> " + status + " " + startRace(method, path, status, body));
    }

    /**
     * A play or record answers with the playback or recording as it is when the answer is written: {@code queued},
     * or already {@code playing}/{@code recording} when Asterisk's media thread was quicker. The captures have both
     * for the same request; the events that follow say which state it reached, and those are compared.
     */
    private static JsonNode startRace(String method, String path, int status, JsonNode body) {
        boolean starts = "POST".equals(method) && status == 201
                && (path.endsWith("/play") || path.contains("/play/") || path.endsWith("/record"));
        if (starts && body instanceof ObjectNode object && object.has("state")) {
            String state = object.get("state").asText();
            if (List.of("queued", "playing", "recording").contains(state)) {
                object.put("state", "<queued-or-started>");
            }
        }
        return body;
    }

    private static JsonNode soundFormats(JsonNode sounds) {
        ArrayNode formats = JsonNodeFactory.instance.arrayNode();
        java.util.Set<String> seen = new java.util.TreeSet<>();
        sounds.forEach(sound -> seen.add(sound.path("formats").toString()));
        seen.forEach(formats::add);
        return JsonNodeFactory.instance.objectNode().put("sounds", "<installed catalogue>").set("formats", formats);
    }

    private void socket(JsonNode e) {
        String action = e.path("action").asText();
        StringBuilder sig = new StringBuilder(action);
        switch (action) {
            case "open" -> {
                sig.append(" ").append(e.path("result").asText());
                if (e.has("status")) {
                    sig.append(" ").append(e.get("status").asInt()).append(" ").append(normaliser.body(e.get("response")));
                }
            }
            case "closed" -> sig.append(" ").append(e.path("code").asInt()).append(" '").append(e.path("reason").asText()).append("'");
            default -> {
            }
        }
        sockets.computeIfAbsent(e.get("socket").asText(), k -> new ArrayList<>()).add(sig.toString());
    }

    private void event(String socket, JsonNode raw) {
        String type = raw.path("type").asText();
        String variable = raw.path("variable").asText();
        if ("ChannelVarset".equals(type) && (variable.startsWith("RTPAUDIOQOS") || variable.equals("SIPDOMAIN"))) {
            return;
        }
        ObjectNode ev = (ObjectNode) normaliser.event(raw);
        if (ev.get("bridge") instanceof ObjectNode bridge && bridge.has("channels")) {
            // Asterisk-internal members (announcer/MOH channels with generated ids) are not modelled
            List<JsonNode> members = new ArrayList<>();
            raw.get("bridge").get("channels").forEach(c -> {
                if (!GENERATED_ID.matcher(c.asText()).matches()) {
                    members.add(c);
                }
            });
            bridge.putArray("channels").addAll(members.stream().sorted((a, b) -> a.asText().compareTo(b.asText())).toList());
        }
        if ("RESTResponse".equals(type) && ev.has("message_body")) {
            // only POST answers 201
            ev.set("message_body", startRace("POST", "/" + ev.path("uri").asText(), ev.path("status_code").asInt(), ev.get("message_body")));
        }
        String entity;
        if (ev.has("peer")) {
            entity = "channel " + ev.get("peer").path("id").asText();
        } else if (ev.has("playback")) {
            entity = "playback " + ev.get("playback").path("id").asText();
        } else if (ev.has("recording")) {
            entity = "recording " + ev.get("recording").path("name").asText();
        } else if (ev.has("channel") && ev.get("channel").has("id")) {
            entity = "channel " + ev.get("channel").path("id").asText();
        } else if (ev.has("bridge")) {
            entity = "bridge " + ev.get("bridge").path("id").asText();
        } else if (ev.has("endpoint")) {
            entity = "endpoint " + ev.get("endpoint").path("resource").asText();
        } else if (ev.has("device_state")) {
            entity = "device " + ev.get("device_state").path("name").asText();
        } else if ("RESTResponse".equals(type)) {
            entity = "rest-ws";
        } else {
            entity = "app " + ev.path("application").asText();
        }
        ev.remove("type");
        entities.computeIfAbsent(socket + " " + entity, k -> new ArrayList<>()).add(type + " " + ev);
    }

    /** Differences, empty when the replay matches the capture. */
    List<String> diff(TimelineDigest replay) {
        List<String> problems = new ArrayList<>();
        compareKeyed("", entities, replay.entities, problems);
        compareKeyed("websocket ", sockets, replay.sockets, problems);
        List<String> unknownSounds = replay.sounds.stream().filter(id -> !sounds.contains(id)).toList();
        if (!unknownSounds.isEmpty()) {
            problems.add("GET /sounds lists sounds the capture machine does not have: " + unknownSounds);
        }
        if (!rest.equals(replay.rest)) {
            for (int i = 0; i < Math.max(rest.size(), replay.rest.size()); i++) {
                String want = i < rest.size() ? rest.get(i) : "<none>";
                String got = i < replay.rest.size() ? replay.rest.get(i) : "<none>";
                if (!want.equals(got)) {
                    problems.add("rest #" + i + "\n    capture: " + want + "\n    replay:  " + got);
                }
            }
        }
        return problems;
    }

    private static void compareKeyed(String prefix, Map<String, List<String>> want, Map<String, List<String>> got, List<String> problems) {
        for (Map.Entry<String, List<String>> e : want.entrySet()) {
            List<String> have = got.getOrDefault(e.getKey(), List.of());
            if (!e.getValue().equals(have)) {
                problems.add(prefix + e.getKey() + " " + firstDifference(e.getValue(), have));
            }
        }
        for (String key : got.keySet()) {
            if (!want.containsKey(key)) {
                problems.add(prefix + key + " only in replay: " + got.get(key));
            }
        }
    }

    private static String firstDifference(List<String> want, List<String> have) {
        int i = 0;
        while (i < want.size() && i < have.size() && want.get(i).equals(have.get(i))) {
            i++;
        }
        return "differs at #" + i + " (capture " + want.size() + " entries, replay " + have.size() + ")"
                + "\n    capture types: " + types(want) + "\n    replay types:  " + types(have)
                + "\n    capture: " + (i < want.size() ? want.get(i) : "<none>")
                + "\n    replay:  " + (i < have.size() ? have.get(i) : "<none>");
    }

    private static List<String> types(List<String> entries) {
        return entries.stream().map(s -> s.split(" ", 2)[0]).toList();
    }
}
