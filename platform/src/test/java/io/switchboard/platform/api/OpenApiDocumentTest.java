package io.switchboard.platform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The served OpenAPI document names exactly the routes the API serves. */
class OpenApiDocumentTest {
    @RegisterExtension
    static final ApiTestNode api = new ApiTestNode();

    /** Every route the API serves ("METHOD template") with a concrete path to call it at. */
    static final Map<String, String> SERVED = Map.ofEntries(
            Map.entry("GET /health", "/health"),
            Map.entry("GET /ready", "/ready"),
            Map.entry("GET /openapi.json", "/openapi.json"),
            Map.entry("GET /metrics", "/metrics"),
            Map.entry("GET /api/calls", "/api/calls"),
            Map.entry("GET /api/calls/{asteriskId}/{channelId}", "/api/calls/demo/c1"),
            Map.entry("DELETE /api/calls/{asteriskId}/{channelId}", "/api/calls/demo/c1"),
            Map.entry("GET /api/queues", "/api/queues"),
            Map.entry("GET /api/queues/{name}", "/api/queues/support"),
            Map.entry("PUT /api/queues/{name}/config", "/api/queues/nope/config"),
            Map.entry("GET /api/queues/{name}/callers", "/api/queues/support/callers"),
            Map.entry("POST /api/queues/{name}/callers/{channelId}/transfer", "/api/queues/support/callers/c1/transfer"),
            Map.entry("GET /api/queues/{name}/stats", "/api/queues/support/stats"),
            Map.entry("GET /api/conferences", "/api/conferences"),
            Map.entry("POST /api/conferences", "/api/conferences"),
            Map.entry("GET /api/conferences/{room}", "/api/conferences/nowhere"),
            Map.entry("POST /api/conferences/{room}/members", "/api/conferences/nowhere/members"),
            Map.entry("POST /api/conferences/{room}/members/{channelId}/mute", "/api/conferences/nowhere/members/c1/mute"),
            Map.entry("POST /api/conferences/{room}/members/{channelId}/unmute",
                    "/api/conferences/nowhere/members/c1/unmute"),
            Map.entry("POST /api/conferences/{room}/members/{channelId}/kick", "/api/conferences/nowhere/members/c1/kick"),
            Map.entry("POST /api/conferences/{room}/lock", "/api/conferences/nowhere/lock"),
            Map.entry("POST /api/conferences/{room}/unlock", "/api/conferences/nowhere/unlock"),
            Map.entry("POST /api/conferences/{room}/mute-all", "/api/conferences/nowhere/mute-all"),
            Map.entry("POST /api/conferences/{room}/unmute-all", "/api/conferences/nowhere/unmute-all"),
            Map.entry("POST /api/conferences/{room}/recording/start", "/api/conferences/nowhere/recording/start"),
            Map.entry("POST /api/conferences/{room}/recording/stop", "/api/conferences/nowhere/recording/stop"),
            Map.entry("GET /api/conferences/{room}/recordings", "/api/conferences/nowhere/recordings"),
            Map.entry("GET /api/conferences/{room}/recordings/{name}/file",
                    "/api/conferences/nowhere/recordings/conference-nowhere-1/file"),
            Map.entry("GET /api/agents/{id}", "/api/agents/agent1"),
            Map.entry("POST /api/agents/{id}/login", "/api/agents/ghost/login"),
            Map.entry("POST /api/agents/{id}/logout", "/api/agents/ghost/logout"),
            Map.entry("POST /api/agents/{id}/pause", "/api/agents/ghost/pause"),
            Map.entry("POST /api/agents/{id}/unpause", "/api/agents/ghost/unpause"),
            Map.entry("GET /api/cluster", "/api/cluster"),
            Map.entry("GET /api/live", "/api/live"),
            Map.entry("POST /api/calls", "/api/calls"),
            Map.entry("POST /api/demo/calls", "/api/demo/calls"),
            Map.entry("POST /api/demo/calls/{channelId}/digits", "/api/demo/calls/c1/digits"),
            Map.entry("POST /api/demo/calls/{channelId}/hangup", "/api/demo/calls/c1/hangup"),
            Map.entry("GET /api/demo/agent", "/api/demo/agent"),
            Map.entry("POST /api/demo/agents/{agentId}/answer", "/api/demo/agents/ghost/answer"),
            Map.entry("POST /api/demo/agents/{agentId}/hangup", "/api/demo/agents/ghost/hangup"));

    @Test
    void theDocumentListsExactlyTheServedRoutes() {
        ApiTestNode.Answer document = api.get("/openapi.json");
        assertEquals(200, document.status());
        assertEquals("3.0.3", document.body().get("openapi").asText());
        TreeSet<String> documented = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.body().get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(m -> documented.add(m.toUpperCase() + " " + path.getKey()));
        }
        assertEquals(new TreeSet<>(SERVED.keySet()), documented);
    }

    @Test
    void everyListedRouteIsServed() {
        SERVED.forEach((route, path) -> {
            String method = route.substring(0, route.indexOf(' '));
            String body = method.equals("POST") || method.equals("PUT") ? "{}" : null;
            ApiTestNode.Answer answer = api.send(method, path, body, Optional.of(ApiTestNode.TOKEN));
            // a route the API does not serve is answered by Pekko in plain text (404 or 405); /metrics is text
            assertTrue(answer.body() != null || route.equals("GET /metrics") && answer.status() == 200,
                    route + " is not served: " + answer.status() + " " + answer.text());
        });
        ApiTestNode.Answer unserved = api.send("PATCH", "/api/queues/support", "{}", Optional.of(ApiTestNode.TOKEN));
        assertEquals(405, unserved.status());
    }

    @Test
    void everyRouteButHealthAnswers401WithoutTheToken() {
        SERVED.forEach((route, path) -> {
            if (route.equals("GET /health")) {
                return;
            }
            String method = route.substring(0, route.indexOf(' '));
            String body = method.equals("POST") || method.equals("PUT") ? "{}" : null;
            assertEquals(401, api.send(method, path, body, Optional.empty()).status(), route + " without a token");
            assertEquals(401, api.send(method, path, body, Optional.of("wrong")).status(), route + " with a wrong one");
        });
    }
}
