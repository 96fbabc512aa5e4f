package io.switchboard.platform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CallRoutesTest {
    @RegisterExtension
    static final ApiTestNode api = new ApiTestNode();

    @Test
    void listsGetsAndHangsUpALiveCall() throws Exception {
        ApiTestNode.Answer calls = api.await("/api/calls", a -> a.status() == 200 && a.body().size() > 0);
        JsonNode call = calls.body().get(0);
        assertEquals("demo", call.get("asteriskId").asText());
        String path = "/api/calls/demo/" + call.get("channelId").asText();

        ApiTestNode.Answer one = api.get(path);
        assertEquals(200, one.status(), one.text());
        assertEquals(call.get("channelId").asText(), one.body().get("call").get("channelId").asText());

        ApiTestNode.Answer hungUp = api.delete(path);
        assertEquals(200, hungUp.status(), hungUp.text());
        assertTrue(hungUp.body().get("hungUp").asBoolean());
        api.await(path, a -> a.status() == 404);
    }

    @Test
    void unknownAsteriskOrChannelIs404() {
        ApiTestNode.Answer noChannel = api.get("/api/calls/demo/no-such-channel");
        assertEquals(404, noChannel.status(), noChannel.text());
        assertTrue(noChannel.body().get("error").asText().startsWith("channelId"));
        ApiTestNode.Answer noAsterisk = api.delete("/api/calls/pbx9/123");
        assertEquals(404, noAsterisk.status(), noAsterisk.text());
        assertTrue(noAsterisk.body().get("error").asText().startsWith("asteriskId"));
        assertEquals(404, api.delete("/api/calls/demo/no-such-channel").status());
    }

    @Test
    void originatesACallIntoTheQueueFlow() throws Exception {
        ApiTestNode.Answer placed = api.post("/api/calls",
                "{\"endpoint\": \"PJSIP/caller\", \"args\": [\"support\"], \"callerId\": \"Outbound <5550199>\"}");
        assertEquals(201, placed.status(), placed.text());
        String channelId = placed.body().get("channelId").asText();
        assertTrue(channelId.startsWith("api-"), channelId);
        assertEquals("demo", placed.body().get("asteriskId").asText());

        String path = "/api/calls/demo/" + channelId;
        ApiTestNode.Answer inFlow = api.await(path, a -> a.status() == 200 && a.body().get("inStasis").asBoolean());
        assertEquals("support", inFlow.body().get("args").get(0).asText());
        assertEquals("5550199", inFlow.body().get("call").get("callerNumber").asText());
        assertEquals(200, api.delete(path).status());
    }

    @Test
    void aRepeatedChannelIdIsAConflictNotASecondCall() {
        String body = "{\"endpoint\": \"PJSIP/caller\", \"args\": [\"support\"], \"channelId\": \"crm-4711\"}";
        assertEquals(201, api.post("/api/calls", body).status());
        ApiTestNode.Answer again = api.post("/api/calls", body);
        assertEquals(409, again.status(), again.text());
        assertTrue(again.body().get("error").asText().startsWith("channelId"), again.text());
        assertEquals(200, api.delete("/api/calls/demo/crm-4711").status());
    }

    @Test
    void anEndpointAsteriskCannotCallIsABadGateway() {
        ApiTestNode.Answer answer = api.post("/api/calls", "{\"endpoint\": \"PJSIP/nobody\", \"args\": [\"support\"]}");
        assertEquals(502, answer.status(), answer.text());
        assertTrue(answer.body().get("error").asText().contains("PJSIP/nobody"), answer.text());
    }

    @Test
    void badOriginateRequestsNameTheField() {
        assertBadField("{}", "endpoint");
        assertBadField("{\"endpoint\": \"caller\"}", "endpoint");
        assertBadField("{\"endpoint\": \"PJSIP/caller\", \"asteriskId\": \"pbx9\"}", "asteriskId");
        assertBadField("{\"endpoint\": \"PJSIP/caller\", \"app\": \"other\"}", "app");
        assertBadField("{\"endpoint\": \"PJSIP/caller\", \"args\": [\"a,b\"]}", "args");
        assertBadField("{\"endpoint\": \"PJSIP/caller\", \"args\": \"support\"}", "args");
        assertBadField("{\"endpoint\": \"PJSIP/caller\", \"timeout\": 0}", "timeout");
        assertBadField("{\"endpoint\": \"PJSIP/caller\", \"variables\": {\"X\": 1}}", "variables.X");
        assertBadField("{\"endpoint\": \"PJSIP/caller\", \"channelId\": \"has space\"}", "channelId");
        ApiTestNode.Answer notJson = api.post("/api/calls", "{endpoint");
        assertEquals(400, notJson.status(), notJson.text());
    }

    private static void assertBadField(String body, String field) {
        ApiTestNode.Answer answer = api.post("/api/calls", body);
        assertEquals(400, answer.status(), body + " -> " + answer.text());
        assertTrue(answer.body().get("error").asText().startsWith(field + ":"), body + " -> " + answer.text());
    }
}
