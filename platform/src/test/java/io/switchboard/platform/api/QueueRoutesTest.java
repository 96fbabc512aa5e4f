package io.switchboard.platform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class QueueRoutesTest {
    @RegisterExtension
    static final ApiTestNode api = new ApiTestNode("switchboard.queues.definitions.tier2 { }");

    @Test
    void listsQueuesWithFigures() {
        ApiTestNode.Answer queues = api.get("/api/queues");
        assertEquals(200, queues.status(), queues.text());
        assertEquals("support", queues.body().get(0).get("name").asText());
    }

    @Test
    void aQueueShowsConfigCallersAgentsAndFigures() throws Exception {
        // the demo's three agents and the wallboard phone panel's agent
        ApiTestNode.Answer support = api.await("/api/queues/support", a -> a.status() == 200
                && a.body().get("agents").size() == 4);
        assertEquals("longest-idle-agent", support.body().get("config").get("strategy").asText());
        assertTrue(support.body().get("config").get("ring-timeout").asText().endsWith("s"));
        assertTrue(support.body().get("callers").isArray());
        assertTrue(support.body().get("figures").has("serviceLevel"));

        assertEquals(200, api.get("/api/queues/support/callers").status());
        ApiTestNode.Answer stats = api.await("/api/queues/support/stats",
                a -> a.status() == 200 && a.body().get("offered").asLong() > 0);
        assertTrue(stats.body().has("averageSpeedOfAnswer"));
    }

    @Test
    void changesAConfigurationAndRefusesBadValues() {
        ObjectNode original = (ObjectNode) api.get("/api/queues/support").body().get("config");
        ObjectNode config = original.deepCopy();
        config.put("ring-timeout", "20s").put("max-length", 50);
        ApiTestNode.Answer changed = api.put("/api/queues/support/config", config.toString());
        assertEquals(200, changed.status(), changed.text());
        assertEquals("20s", changed.body().get("config").get("ring-timeout").asText());
        assertEquals(50, api.get("/api/queues/support").body().get("config").get("max-length").asInt());

        assertBadRequest("{\"ring-timeout\": \"soon\"}", "ring-timeout");
        assertBadRequest("{\"ring-timeout\": \"0s\"}", "ring-timeout");
        assertBadRequest("{\"strategy\": \"loudest\"}", "strategy");
        assertBadRequest("{\"exit-key\": \"ab\"}", "exit-key");
        assertBadRequest("{\"max-length\": \"many\"}", "max-length");
        assertBadRequest("{\"ringtimeout\": \"5s\"}", "ringtimeout");
        assertBadRequest("[1, 2]", "body");
        assertBadRequest("{not json", "body");
        assertEquals(200, api.put("/api/queues/support/config", original.toString()).status());
    }

    @Test
    void statsAreReadOverTheAskedWindow() throws Exception {
        ApiTestNode.Answer all = api.await("/api/queues/support/stats?window=all",
                a -> a.status() == 200 && a.body().get("answered").asLong() > 0);
        for (String window : new String[] {"today", "15m", "1h"}) {
            ApiTestNode.Answer answer = api.get("/api/queues/support/stats?window=" + window);
            assertEquals(200, answer.status(), window + " -> " + answer.text());
            assertTrue(answer.body().has("averageSpeedOfAnswer"), window);
            // the demo's calls are minutes old at most: every window holds at least what all time held before
            assertTrue(answer.body().get("answered").asLong() >= all.body().get("answered").asLong(), window);
        }

        ApiTestNode.Answer unknown = api.get("/api/queues/support/stats?window=2h");
        assertEquals(400, unknown.status(), unknown.text());
        assertEquals("window: no window named 2h; one of all, today, 15m, 1h", unknown.body().get("error").asText());
        assertEquals(404, api.get("/api/queues/nope/stats?window=today").status());
    }

    @Test
    void transfersACallerTalkingToASupportAgentIntoAnotherQueue() throws Exception {
        String transferred = null;
        for (int attempt = 0; attempt < 20 && transferred == null; attempt++) {
            ApiTestNode.Answer support = api.await("/api/queues/support", a -> a.status() == 200
                    && talkingCaller(a.body()) != null);
            String callerId = talkingCaller(support.body());
            String channelId = callerId.substring(callerId.indexOf('/') + 1);
            ApiTestNode.Answer answer = api.post("/api/queues/support/callers/" + channelId + "/transfer",
                    "{\"toQueue\": \"tier2\"}");
            // the agent may have answered before the bridge is up (or the call just ended): pick again
            if (answer.status() == 200) {
                assertEquals(callerId, answer.body().get("callerId").asText());
                assertEquals("support", answer.body().get("fromQueue").asText());
                assertEquals("tier2", answer.body().get("toQueue").asText());
                transferred = callerId;
            } else {
                assertEquals(404, answer.status(), answer.text());
                Thread.sleep(200);
            }
        }
        String expected = transferred;
        assertTrue(expected != null, "no caller could be transferred");
        api.await("/api/queues/tier2/callers", a -> a.status() == 200 && a.body().toString().contains(expected));
    }

    /** The caller an agent of the queue is talking to, or null. */
    private static String talkingCaller(com.fasterxml.jackson.databind.JsonNode queue) {
        for (com.fasterxml.jackson.databind.JsonNode agent : queue.get("agents")) {
            if ("ON_CALL".equals(agent.get("state").asText()) && agent.hasNonNull("busyWith")) {
                return agent.get("busyWith").asText();
            }
        }
        return null;
    }

    @Test
    void transfersNameTheBadFieldOrTheMissingCaller() {
        assertTransferError("/api/queues/support/callers/c1/transfer", "{}", 400, "toQueue: ");
        assertTransferError("/api/queues/support/callers/c1/transfer", "{\"toQueue\": 7}", 400, "toQueue: ");
        assertTransferError("/api/queues/support/callers/c1/transfer", "{\"toQueue\": \"nowhere\"}", 400,
                "toQueue: no queue named nowhere");
        assertTransferError("/api/queues/support/callers/c1/transfer", "{\"toQueue\": \"support\"}", 400,
                "toQueue: ");
        assertTransferError("/api/queues/support/callers/nobody-1/transfer", "{\"toQueue\": \"tier2\"}", 404,
                "channelId: ");
        assertTransferError("/api/queues/nope/callers/c1/transfer", "{\"toQueue\": \"tier2\"}", 404, "nope");
        assertTransferError("/api/queues/support/callers/c1/transfer", "[1]", 400, "body");
    }

    private static void assertTransferError(String path, String body, int status, String errorStart) {
        ApiTestNode.Answer answer = api.post(path, body);
        assertEquals(status, answer.status(), path + " " + body + " -> " + answer.text());
        String error = answer.body().get("error").asText();
        assertTrue(error.startsWith(errorStart) || error.contains(errorStart), error);
    }

    @Test
    void unknownQueuesAre404() {
        for (String path : new String[] {"/api/queues/nope", "/api/queues/nope/callers", "/api/queues/nope/stats"}) {
            ApiTestNode.Answer answer = api.get(path);
            assertEquals(404, answer.status(), path);
            assertTrue(answer.body().get("error").asText().contains("nope"), path);
        }
        assertEquals(404, api.put("/api/queues/nope/config", "{}").status());
    }

    private static void assertBadRequest(String body, String field) {
        ApiTestNode.Answer answer = api.put("/api/queues/support/config", body);
        assertEquals(400, answer.status(), body + " -> " + answer.text());
        assertTrue(answer.body().get("error").asText().contains(field), body + " -> " + answer.text());
    }
}
