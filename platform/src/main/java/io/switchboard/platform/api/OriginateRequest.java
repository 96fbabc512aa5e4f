package io.switchboard.platform.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.actors.flow.FlowRegistry;
import io.switchboard.actors.settings.ActorsSettings;
import io.switchboard.actors.settings.AsteriskServer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /api/calls}: call an endpoint and, once it answers, run the call flow that the
 * application and arguments select (for instance {@code app = callcenter, args = ["support"]} puts the
 * answered party into the support queue). Validated field by field.
 */
record OriginateRequest(String asteriskId, String channelId, String endpoint, String app, List<String> args,
                        String callerId, int timeoutSeconds, Map<String, String> variables) {
    private static final Pattern ENDPOINT = Pattern.compile("[A-Za-z0-9_-]+/[^/\\s].*");
    private static final Pattern CHANNEL_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    static final int DEFAULT_TIMEOUT = 30;
    static final int LONGEST_TIMEOUT = 600;

    static OriginateRequest parse(JsonNode body, ActorsSettings settings, FlowRegistry flows) {
        AsteriskServer server = server(body, settings);
        String channelId = optionalText(body, "channelId");
        if (channelId == null) {
            channelId = "api-" + UUID.randomUUID();
        } else if (!CHANNEL_ID.matcher(channelId).matches()) {
            throw ApiProblem.badRequest("channelId: 1 to 64 letters, digits, '.', '_' or '-'");
        }
        String endpoint = AgentRoutes.requiredText(body, "endpoint");
        if (!ENDPOINT.matcher(endpoint).matches()) {
            throw ApiProblem.badRequest("endpoint: must be TECH/resource, e.g. PJSIP/5551001");
        }
        String app = optionalText(body, "app");
        List<String> apps = server.ari().apps();
        if (app == null && apps.size() == 1) {
            app = apps.get(0);
        } else if (app == null || !apps.contains(app)) {
            throw ApiProblem.badRequest("app: one of the applications Asterisk " + server.id() + " serves: " + apps);
        }
        List<String> args = args(body);
        if (flows.find(app, args).isEmpty()) {
            throw ApiProblem.badRequest("args: no call flow of application " + app + " takes arguments " + args);
        }
        return new OriginateRequest(server.id(), channelId, endpoint, app, args, optionalText(body, "callerId"),
                timeout(body), variables(body));
    }

    private static AsteriskServer server(JsonNode body, ActorsSettings settings) {
        String asteriskId = optionalText(body, "asteriskId");
        if (asteriskId == null) {
            if (settings.servers().size() != 1) {
                throw ApiProblem.badRequest("asteriskId: required when the node drives more than one Asterisk");
            }
            return settings.servers().get(0);
        }
        return settings.servers().stream().filter(s -> s.id().equals(asteriskId)).findFirst()
                .orElseThrow(() -> ApiProblem.badRequest("asteriskId: no Asterisk named " + asteriskId));
    }

    private static String optionalText(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw ApiProblem.badRequest(field + ": must be a non-empty string");
        }
        return value.asText().trim();
    }

    private static List<String> args(JsonNode body) {
        JsonNode value = body.get("args");
        List<String> args = new ArrayList<>();
        if (value == null || value.isNull()) {
            return args;
        }
        if (!value.isArray()) {
            throw ApiProblem.badRequest("args: must be an array of strings, e.g. [\"support\"]");
        }
        for (JsonNode arg : value) {
            // Asterisk receives the arguments joined by commas
            if (!arg.isTextual() || arg.asText().contains(",")) {
                throw ApiProblem.badRequest("args: each must be a string without commas");
            }
            args.add(arg.asText());
        }
        return List.copyOf(args);
    }

    private static int timeout(JsonNode body) {
        JsonNode value = body.get("timeout");
        if (value == null || value.isNull()) {
            return DEFAULT_TIMEOUT;
        }
        if (!value.isInt() || value.asInt() < 1 || value.asInt() > LONGEST_TIMEOUT) {
            throw ApiProblem.badRequest("timeout: seconds to ring, a whole number from 1 to " + LONGEST_TIMEOUT);
        }
        return value.asInt();
    }

    private static Map<String, String> variables(JsonNode body) {
        JsonNode value = body.get("variables");
        Map<String, String> out = new LinkedHashMap<>();
        if (value == null || value.isNull()) {
            return out;
        }
        if (!value.isObject()) {
            throw ApiProblem.badRequest("variables: must be an object of name to string");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isTextual()) {
                throw ApiProblem.badRequest("variables." + entry.getKey() + ": must be a string");
            }
            out.put(entry.getKey(), entry.getValue().asText());
        }
        return out;
    }
}
