package io.switchboard.platform.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.actors.settings.ActorsSettings;
import io.switchboard.actors.settings.AsteriskServer;
import java.util.Map;

/** The body of {@code POST /api/agents/{id}/login}, validated field by field. */
record LoginRequest(String asteriskId, String endpoint, Map<String, Integer> queues, Map<String, Integer> skills) {

    static LoginRequest parse(JsonNode body, ActorsSettings settings) {
        String asteriskId = AgentRoutes.requiredText(body, "asteriskId");
        if (settings.servers().stream().map(AsteriskServer::id).noneMatch(asteriskId::equals)) {
            throw ApiProblem.badRequest("asteriskId: no Asterisk named " + asteriskId);
        }
        String endpoint = AgentRoutes.requiredText(body, "endpoint");
        if (!endpoint.matches("[A-Za-z0-9_-]+/[^/\\s].*")) {
            throw ApiProblem.badRequest("endpoint: must be TECH/resource, e.g. PJSIP/agent1");
        }
        Map<String, Integer> queues = AgentRoutes.integerMap(body, "queues", 0, 1000);
        if (queues.isEmpty()) {
            throw ApiProblem.badRequest("queues: required, an object of queue name to penalty, e.g. {\"support\": 0}");
        }
        return new LoginRequest(asteriskId, endpoint, queues, AgentRoutes.integerMap(body, "skills", 1, 100));
    }
}
