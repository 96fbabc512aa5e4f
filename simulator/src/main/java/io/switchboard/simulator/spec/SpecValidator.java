package io.switchboard.simulator.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ari.events.AriEvent;
import io.switchboard.ari.json.AriJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks ARI messages and routes against the spec: every event names a known event type, has each required
 * property, no property the spec does not know, values of the declared JSON type and within the listed
 * values; every route (method and path below {@code /ari}) is an operation of the spec. Problems come back
 * as readable lines; the {@code assert...} methods throw {@link AssertionError} with them.
 * <pre>{@code
 * SpecValidator spec = SpecValidator.bundled();
 * sim.tapEvents(e -> problems.addAll(spec.validateEvent(e)));
 * }</pre>
 */
public final class SpecValidator {
    private static final Pattern LIST = Pattern.compile("^List\\[(.+)]$");

    private final AriSpec spec;

    public SpecValidator(AriSpec spec) {
        this.spec = spec;
    }

    /** A validator of the 22.10.1 spec shipped with the ARI client (see {@link AriSpec#bundled()}). */
    public static SpecValidator bundled() {
        return new SpecValidator(AriSpec.bundled());
    }

    public AriSpec spec() {
        return spec;
    }

    public List<String> validateEvent(AriEvent event) {
        JsonNode tree = AriJson.mapper().valueToTree(event);
        return validateEvent(tree);
    }

    /** An event (or any Message) as sent on the socket. */
    public List<String> validateEvent(JsonNode event) {
        List<String> problems = new ArrayList<>();
        String type = event.path("type").asText("");
        if (spec.model(type).isEmpty() || !spec.derivesFrom(type, "Message")) {
            problems.add("event type '" + type + "' is not a Message of the spec");
            return problems;
        }
        validateObject(type, event, type, problems);
        return problems;
    }

    /** A JSON value against a spec type such as {@code Channel}, {@code List[Bridge]} or {@code string}. */
    public List<String> validateValue(String specType, JsonNode value) {
        List<String> problems = new ArrayList<>();
        validate(specType, value, specType, problems);
        return problems;
    }

    /** Empty when {@code method path} (path below /ari, e.g. {@code channels/abc/play}) is a spec operation. */
    public List<String> validateRoute(String method, String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        String[] parts = relative.split("/", -1);
        boolean pathKnown = false;
        for (AriSpec.Route route : spec.routes()) {
            if (matches(route.segments(), parts)) {
                pathKnown = true;
                if (route.method().equals(method)) {
                    return List.of();
                }
            }
        }
        return List.of(method + " /" + relative + (pathKnown ? ": method not in the spec" : ": path not in the spec"));
    }

    public void assertEventValid(JsonNode event) {
        fail(validateEvent(event), event.toString());
    }

    public void assertRouteExists(String method, String path) {
        fail(validateRoute(method, path), method + " " + path);
    }

    private static void fail(List<String> problems, String what) {
        if (!problems.isEmpty()) {
            throw new AssertionError("not per the ARI spec: " + what + "\n  " + String.join("\n  ", problems));
        }
    }

    private static boolean matches(String[] pattern, String[] parts) {
        if (pattern.length != parts.length) {
            return false;
        }
        for (int i = 0; i < pattern.length; i++) {
            boolean variable = pattern[i].startsWith("{");
            if (variable ? parts[i].isEmpty() : !pattern[i].equals(parts[i])) {
                return false;
            }
        }
        return true;
    }

    private void validate(String type, JsonNode value, String where, List<String> problems) {
        Matcher list = LIST.matcher(type);
        if (list.matches()) {
            if (!value.isArray()) {
                problems.add(where + ": expected an array, got " + kind(value));
                return;
            }
            for (int i = 0; i < value.size(); i++) {
                validate(list.group(1), value.get(i), where + "[" + i + "]", problems);
            }
            return;
        }
        boolean ok = switch (type) {
            case "string", "Date" -> value.isTextual();
            case "int", "long" -> value.isIntegralNumber();
            case "double", "float", "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "object" -> value.isObject();
            default -> {
                if (spec.model(type).isEmpty()) {
                    problems.add(where + ": the spec has no type " + type);
                    yield true;
                }
                if (!value.isObject()) {
                    yield false;
                }
                validateObject(type, value, where, problems);
                yield true;
            }
        };
        if (!ok) {
            problems.add(where + ": expected " + type + ", got " + kind(value) + " " + abbreviate(value));
        }
    }

    private void validateObject(String model, JsonNode value, String where, List<String> problems) {
        Map<String, JsonNode> properties = spec.properties(model);
        properties.forEach((name, property) -> {
            JsonNode v = value.get(name);
            if (v == null || v.isNull()) {
                if (property.path("required").asBoolean(false)) {
                    problems.add(where + "." + name + ": required by the spec, missing");
                }
                return;
            }
            String propertyType = property.path("type").asText();
            validate(propertyType, v, where + "." + name, problems);
            JsonNode allowed = property.path("allowableValues");
            if ("LIST".equals(allowed.path("valueType").asText()) && v.isTextual()) {
                boolean listed = false;
                for (JsonNode a : allowed.path("values")) {
                    listed |= a.asText().equals(v.asText());
                }
                if (!listed) {
                    problems.add(where + "." + name + ": '" + v.asText() + "' is not one of " + allowed.path("values"));
                }
            }
        });
        value.fieldNames().forEachRemaining(name -> {
            if (!properties.containsKey(name)) {
                problems.add(where + "." + name + ": not a property of " + model + " in the spec");
            }
        });
    }

    private static String kind(JsonNode value) {
        return value.getNodeType().name().toLowerCase();
    }

    private static String abbreviate(JsonNode value) {
        String text = value.toString();
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }
}
