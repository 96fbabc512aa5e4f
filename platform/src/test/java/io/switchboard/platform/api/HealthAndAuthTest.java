package io.switchboard.platform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HealthAndAuthTest {
    @RegisterExtension
    static final ApiTestNode api = new ApiTestNode();

    @Test
    void healthAnswersWithoutAToken() {
        ApiTestNode.Answer health = api.send("GET", "/health", null, Optional.empty());
        assertEquals(200, health.status());
        assertEquals("up", health.body().get("status").asText());
    }

    @Test
    void readyOnceTheGatewayIsConnected() throws Exception {
        ApiTestNode.Answer ready = api.await("/ready", a -> a.status() == 200);
        assertTrue(ready.body().get("ready").asBoolean());
        assertEquals("demo", ready.body().get("gateways").get(0).get("asteriskId").asText());
    }

    @Test
    void everythingButHealthNeedsTheRightToken() {
        for (String path : new String[] {"/ready", "/openapi.json", "/api/calls", "/api/queues",
                "/api/queues/support", "/api/agents/agent1"}) {
            ApiTestNode.Answer missing = api.send("GET", path, null, Optional.empty());
            assertEquals(401, missing.status(), path);
            assertTrue(missing.body().get("error").asText().contains("bearer token"), path);
            assertEquals(401, api.send("GET", path, null, Optional.of("wrong")).status(), path);
        }
        assertEquals(401, api.send("POST", "/api/agents/agent1/pause", "{\"reason\":\"x\"}",
                Optional.of("wrong")).status());
        assertEquals(401, api.send("DELETE", "/api/calls/demo/x", null, Optional.empty()).status());
        assertEquals(401, api.send("PUT", "/api/queues/support/config", "{}", Optional.empty()).status());
    }
}
