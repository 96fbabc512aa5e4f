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
}
