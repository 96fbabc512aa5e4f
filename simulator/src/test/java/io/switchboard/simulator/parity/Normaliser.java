package io.switchboard.simulator.parity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes out of a timeline's JSON what differs between two runs of the same script, and nothing else.
 * <ul>
 * <li>Ids Asterisk generates (unique ids like {@code 1795694641.178}, UUIDs) are renamed {@code <id-N>} by order
 * of first appearance; the 8-hex-digit sequence in channel names ({@code Local/answer@sim-0000004d;1}) becomes
 * {@code #N}, counted per technology.</li>
 * <li>Times ({@code timestamp}, {@code creationtime}, start-up and reload times, build date), recording durations,
 * download lengths, the system's identity ({@code asterisk_id}, {@code entity_id}) and build description, and a SIP
 * leg's {@code protocol_id} (its Call-ID) are reduced to their shape: {@code "<string>"}, {@code "<number>"} or
 * the empty value as it was.</li>
 * <li>Arrays Asterisk fills from hashed containers (top-level lists of GET answers, {@code channels},
 * {@code channel_ids}, {@code bridge_ids}, {@code endpoint_ids}, {@code device_names}) are sorted.</li>
 * </ul>
 * Object keys are sorted (their order carries no meaning). One instance per timeline: the renaming is consistent across all its entries.
 */
final class Normaliser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern GENERATED_ID = Pattern.compile(
            "\\b1\\d{9}\\.\\d+\\b|\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b");
    private static final Pattern NAME_SEQUENCE = Pattern.compile("\\b([A-Za-z]+)/([^\\s,;\"/]*)-([0-9a-f]{8})(?![0-9A-Za-z])");
    /** Keys whose values depend on the run (wall clock, machine, SIP stack), compared by shape only. */
    private static final Set<String> RUN_DEPENDENT = Set.of("timestamp", "creationtime", "startup_time", "last_reload_time",
            "asterisk_id", "entity_id", "protocol_id", "length");
    /** Objects whose every leaf depends on the machine Asterisk was built on. */
    private static final Set<String> MACHINE = Set.of("build");
    private static final Set<String> UNORDERED = Set.of("channels", "channel_ids", "bridge_ids", "endpoint_ids", "device_names");

    private final Map<String, String> ids = new HashMap<>();
    private final Map<String, String> sequences = new HashMap<>();
    private final Map<String, Integer> perTechnology = new HashMap<>();

    /** A REST answer's body; top-level arrays (GET of a collection) are sorted. */
    JsonNode body(JsonNode body) {
        JsonNode result = value(null, body);
        return result != null && result.isArray() ? sorted((ArrayNode) result) : result;
    }

    /** An event, with {@code duration} of recordings (wall time) reduced to its shape too. */
    JsonNode event(JsonNode event) {
        ObjectNode copy = (ObjectNode) value(null, event);
        if (copy.get("recording") instanceof ObjectNode recording && recording.has("duration")) {
            recording.put("duration", "<number>");
        }
        if (copy.has("message_body") && copy.get("message_body").isTextual()) {
            try {
                copy.set("message_body", body(JSON.readTree(event.get("message_body").asText())));
            } catch (Exception e) {
                // not JSON: compared as text
            }
        }
        return copy;
    }

    String text(String raw) {
        Matcher generated = GENERATED_ID.matcher(raw);
        StringBuilder out = new StringBuilder();
        while (generated.find()) {
            String name = ids.computeIfAbsent(generated.group(), k -> "<id-" + (ids.size() + 1) + ">");
            generated.appendReplacement(out, Matcher.quoteReplacement(name));
        }
        generated.appendTail(out);
        Matcher named = NAME_SEQUENCE.matcher(out.toString());
        StringBuilder result = new StringBuilder();
        while (named.find()) {
            String technology = named.group(1);
            String ordinal = sequences.computeIfAbsent(technology + ":" + named.group(3),
                    k -> "#" + perTechnology.merge(technology, 1, Integer::sum));
            named.appendReplacement(result, Matcher.quoteReplacement(technology + "/" + named.group(2) + "-" + ordinal));
        }
        named.appendTail(result);
        return result.toString();
    }

    private JsonNode value(String key, JsonNode node) {
        if (node == null || node.isNull()) {
            return node;
        }
        if (key != null && (RUN_DEPENDENT.contains(key) || MACHINE.contains(key))) {
            return shape(node);
        }
        if (node.isObject()) {
            // key order carries no meaning in JSON
            ObjectNode copy = JSON.createObjectNode();
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            keys.stream().sorted().forEach(k -> copy.set(k, value(k, node.get(k))));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            node.forEach(item -> copy.add(value(null, item)));
            return key != null && UNORDERED.contains(key) ? sorted(copy) : copy;
        }
        return node.isTextual() ? TextNode.valueOf(text(node.asText())) : node;
    }

    private static JsonNode shape(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            keys.stream().sorted().forEach(k -> copy.set(k, shape(node.get(k))));
            return copy;
        }
        if (node.isArray()) {
            return TextNode.valueOf("<array>");
        }
        if (node.isNumber()) {
            return TextNode.valueOf("<number>");
        }
        return node.isTextual() && node.asText().isEmpty() ? node : TextNode.valueOf("<" + node.getNodeType().name().toLowerCase() + ">");
    }

    private static ArrayNode sorted(ArrayNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        items.sort((a, b) -> a.toString().compareTo(b.toString()));
        ArrayNode copy = JSON.createArrayNode();
        items.forEach(copy::add);
        return copy;
    }
}
