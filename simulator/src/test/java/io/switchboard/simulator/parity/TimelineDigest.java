package io.switchboard.simulator.parity;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What must match between a capture and a replay: per socket and entity (channel, bridge, playback,
 * recording, endpoint, device, app), the sequence of event types with their key fields; and the REST
 * answers in order (status and error message). Asterisk-generated ids are renamed by first appearance.
 * Left out on purpose: RTP quality variables (media statistics of real SIP legs) and SIPDOMAIN.
 */
final class TimelineDigest {
    private static final Pattern GENERATED_ID = Pattern.compile("^\\d{9,}\\.\\d+$");

    final Map<String, List<String>> entities = new LinkedHashMap<>();
    final List<String> rest = new ArrayList<>();
    private final Map<String, String> generated = new LinkedHashMap<>();

    static TimelineDigest of(Iterable<JsonNode> timeline) {
        TimelineDigest d = new TimelineDigest();
        for (JsonNode e : timeline) {
            switch (e.path("kind").asText()) {
                case "rest" -> d.rest.add(e.get("method").asText() + " " + d.id(e.get("path").asText()) + " -> "
                        + e.get("status").asInt() + message(e.get("response")));
                case "event" -> d.event(e.get("socket").asText(), e.get("event"));
                default -> {
                }
            }
        }
        return d;
    }

    private static String message(JsonNode response) {
        if (response != null && response.isObject() && response.has("message") && response.size() == 1) {
            return " " + response.get("message").asText();
        }
        if (response != null && response.isObject() && response.has("error")) {
            return " error:" + response.get("error").asText();
        }
        return "";
    }

    private void event(String socket, JsonNode ev) {
        String type = ev.path("type").asText();
        String variable = ev.path("variable").asText();
        if ("ChannelVarset".equals(type) && (variable.startsWith("RTPAUDIOQOS") || variable.equals("SIPDOMAIN"))) {
            return;
        }
        String entity;
        StringBuilder sig = new StringBuilder(type);
        if (ev.has("peer")) {
            entity = "channel " + id(ev.get("peer").path("id").asText());
            sig.append(" dialstatus=").append(ev.path("dialstatus").asText()).append(" state=").append(ev.get("peer").path("state").asText());
        } else if (ev.has("playback")) {
            entity = "playback " + ev.get("playback").path("id").asText();
            sig.append(" ").append(ev.get("playback").path("state").asText());
        } else if (ev.has("recording")) {
            entity = "recording " + ev.get("recording").path("name").asText();
            sig.append(" ").append(ev.get("recording").path("state").asText());
        } else if (ev.has("channel") && ev.get("channel").has("id")) {
            JsonNode ch = ev.get("channel");
            entity = "channel " + id(ch.path("id").asText());
            sig.append(" state=").append(ch.path("state").asText());
            if (ev.has("bridge")) {
                // Asterisk-internal members (MOH/announcer channels, generated ids) are not modelled
                List<String> members = new ArrayList<>();
                ev.get("bridge").path("channels").forEach(c -> {
                    if (!GENERATED_ID.matcher(c.asText()).matches()) {
                        members.add(c.asText());
                    }
                });
                sig.append(" bridge=").append(ev.get("bridge").path("id").asText()).append(members);
            }
            if (ev.has("cause")) {
                sig.append(" cause=").append(ev.get("cause").asInt());
            }
            if (ev.has("soft")) {
                sig.append(" soft");
            }
            if (ev.has("digit")) {
                sig.append(" digit=").append(ev.get("digit").asText());
            }
            if (ev.has("args")) {
                sig.append(" args=").append(ev.get("args"));
            }
            if ("ChannelVarset".equals(type)) {
                String value = variable.equals("BRIDGEPVTCALLID") && !ev.path("value").asText().isEmpty() ? "<call-id>"
                        : ev.path("value").asText().replaceAll("-[0-9a-f]{8}\\b", "-N");
                sig.append(" ").append(variable).append("=").append(value);
            }
            if (ev.has("eventname")) {
                sig.append(" ").append(ev.get("eventname").asText());
            }
        } else if (ev.has("bridge")) {
            entity = "bridge " + ev.get("bridge").path("id").asText();
        } else if (ev.has("endpoint")) {
            entity = "endpoint " + ev.get("endpoint").path("resource").asText();
            sig.append(" channels=").append(ev.get("endpoint").path("channel_ids").size());
        } else if (ev.has("device_state")) {
            entity = "device " + ev.get("device_state").path("name").asText();
            sig.append(" ").append(ev.get("device_state").path("state").asText());
        } else if ("RESTResponse".equals(type)) {
            entity = "rest-ws";
            sig.append(" ").append(ev.path("request_id").asText()).append(" ").append(ev.path("status_code").asInt())
                    .append(" ").append(ev.path("reason_phrase").asText());
        } else {
            entity = "app " + ev.path("application").asText();
            if (ev.has("eventname")) {
                sig.append(" ").append(ev.get("eventname").asText());
            }
        }
        entities.computeIfAbsent(socket + " " + entity, k -> new ArrayList<>()).add(sig.toString());
    }

    private String id(String raw) {
        String result = raw;
        for (String part : raw.split("/")) {
            if (GENERATED_ID.matcher(part).matches()) {
                String name = generated.computeIfAbsent(part, k -> "generated-" + (generated.size() + 1));
                result = result.replace(part, name);
            }
        }
        return result;
    }

    /** Differences, empty when the replay matches the capture. */
    List<String> diff(TimelineDigest replay) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : entities.entrySet()) {
            List<String> got = replay.entities.getOrDefault(e.getKey(), List.of());
            if (!e.getValue().equals(got)) {
                problems.add(e.getKey() + "\n    capture: " + e.getValue() + "\n    replay:  " + got);
            }
        }
        for (String key : replay.entities.keySet()) {
            if (!entities.containsKey(key)) {
                problems.add(key + " only in replay: " + replay.entities.get(key));
            }
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
}
