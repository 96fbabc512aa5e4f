package io.switchboard.platform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AgentRoutesTest {
    @RegisterExtension
    static final ApiTestNode api = new ApiTestNode();
    static final String LOGIN = """
            {"asteriskId": "demo", "endpoint": "PJSIP/agent7", "queues": {"backoffice": 1}, "skills": {"billing": 80}}
            """;

    @Test
    void logsInPausesUnpausesAndLogsOutAnAgent() {
        ApiTestNode.Answer login = api.post("/api/agents/agent7/login", LOGIN);
        assertEquals(200, login.status(), login.text());
        assertEquals("AVAILABLE", login.body().get("state").asText());

        ApiTestNode.Answer agent = api.get("/api/agents/agent7");
        assertEquals(200, agent.status());
        assertEquals("PJSIP/agent7", agent.body().get("endpoint").asText());
        assertEquals(1, agent.body().get("queuePenalties").get("backoffice").asInt());
        assertEquals(80, agent.body().get("skills").get("billing").asInt());

        assertEquals(200, api.post("/api/agents/agent7/login", LOGIN).status(), "the same login again is a no-op");
        ApiTestNode.Answer elsewhere = api.post("/api/agents/agent7/login", LOGIN.replace("agent7", "agent8"));
        assertEquals(409, elsewhere.status(), elsewhere.text());
        assertTrue(elsewhere.body().get("error").asText().contains("already logged in"));

        ApiTestNode.Answer paused = api.post("/api/agents/agent7/pause", "{\"reason\": \"lunch\"}");
        assertEquals(200, paused.status(), paused.text());
        assertEquals("PAUSED", paused.body().get("state").asText());
        assertEquals("lunch", api.get("/api/agents/agent7").body().get("pauseReason").asText());

        assertEquals("AVAILABLE", api.post("/api/agents/agent7/unpause", null).body().get("state").asText());
        assertEquals("LOGGED_OUT", api.post("/api/agents/agent7/logout", null).body().get("state").asText());
        assertEquals("LOGGED_OUT", api.get("/api/agents/agent7").body().get("state").asText());

        ApiTestNode.Answer conflict = api.post("/api/agents/agent7/unpause", null);
        assertEquals(409, conflict.status(), conflict.text());
        assertTrue(conflict.body().get("error").asText().contains("logged out"));
        assertEquals(409, api.post("/api/agents/agent7/pause", "{\"reason\": \"x\"}").status());
        assertEquals(200, api.post("/api/agents/agent7/logout", null).status(), "logging out again is a no-op");
    }

    @Test
    void theDemoAgentsAreLoggedIn() throws Exception {
        ApiTestNode.Answer agent = api.await("/api/agents/agent1", a -> a.status() == 200);
        assertEquals(0, agent.body().get("queuePenalties").get("support").asInt());
    }

    @Test
    void unknownAgentsAre404() {
        for (String[] call : new String[][] {{"GET", "/api/agents/ghost", null},
                {"POST", "/api/agents/ghost/logout", null}, {"POST", "/api/agents/ghost/pause", "{\"reason\":\"x\"}"},
                {"POST", "/api/agents/ghost/unpause", null}}) {
            ApiTestNode.Answer answer = api.send(call[0], call[1], call[2], java.util.Optional.of(ApiTestNode.TOKEN));
            assertEquals(404, answer.status(), call[1] + " " + answer.text());
            assertTrue(answer.body().get("error").asText().startsWith("id:"));
        }
    }

    @Test
    void badInputNamesTheField() {
        assertBadLogin("{\"endpoint\": \"PJSIP/a\", \"queues\": {\"q\": 0}}", "asteriskId");
        assertBadLogin("{\"asteriskId\": \"pbx9\", \"endpoint\": \"PJSIP/a\", \"queues\": {\"q\": 0}}", "asteriskId");
        assertBadLogin("{\"asteriskId\": \"demo\", \"queues\": {\"q\": 0}}", "endpoint");
        assertBadLogin("{\"asteriskId\": \"demo\", \"endpoint\": \"agent\", \"queues\": {\"q\": 0}}", "endpoint");
        assertBadLogin("{\"asteriskId\": \"demo\", \"endpoint\": \"PJSIP/a\"}", "queues");
        assertBadLogin("{\"asteriskId\": \"demo\", \"endpoint\": \"PJSIP/a\", \"queues\": {\"q\": \"low\"}}",
                "queues.q");
        assertBadLogin("{\"asteriskId\": \"demo\", \"endpoint\": \"PJSIP/a\", \"queues\": {\"q\": 0},"
                + " \"skills\": {\"french\": 500}}", "skills.french");
        assertBadLogin("{\"asteriskId\": ", "body");

        ApiTestNode.Answer noReason = api.post("/api/agents/agent1/pause", "{}");
        assertEquals(400, noReason.status(), noReason.text());
        assertTrue(noReason.body().get("error").asText().startsWith("reason"));
    }

    private static void assertBadLogin(String body, String field) {
        ApiTestNode.Answer answer = api.post("/api/agents/newbie/login", body);
        assertEquals(400, answer.status(), body + " -> " + answer.text());
        assertTrue(answer.body().get("error").asText().startsWith(field), body + " -> " + answer.text());
    }
}
