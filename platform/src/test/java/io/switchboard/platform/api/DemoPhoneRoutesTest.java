package io.switchboard.platform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The wallboard's phone panel: callers into a queue, and an agent's phone answered and hung up by hand. */
class DemoPhoneRoutesTest {
    @RegisterExtension
    static final ApiTestNode api = new ApiTestNode();

    @Test
    void thePanelAgentAnswersARingingCallByHandAndHangsUp() throws Exception {
        ApiTestNode.Answer panel = api.get("/api/demo/agent");
        assertEquals(200, panel.status(), panel.text());
        String agent = panel.body().get("agentId").asText();
        assertEquals("PAUSED", api.await("/api/agents/" + agent, a -> a.status() == 200).body().get("state").asText());
        assertEquals(409, api.post("/api/demo/agents/" + agent + "/answer", null).status());
        assertEquals(409, api.post("/api/demo/agents/" + agent + "/hangup", null).status());

        // the demo's own agents answer by themselves: out of the way, so that the panel's phone rings
        for (String demoAgent : List.of("agent1", "agent2", "agent3")) {
            assertEquals(200, api.post("/api/agents/" + demoAgent + "/pause", "{\"reason\":\"test\"}").status());
        }
        assertEquals(200, api.post("/api/agents/" + agent + "/unpause", null).status());
        assertEquals(200, api.post("/api/demo/calls?queue=support", null).status());
        api.await("/api/agents/" + agent, a -> a.body().get("state").asText().equals("RINGING"));

        ApiTestNode.Answer answered = api.post("/api/demo/agents/" + agent + "/answer", null);
        assertEquals(200, answered.status(), answered.text());
        String channel = answered.body().get("channelId").asText();
        api.await("/api/agents/" + agent, a -> a.body().get("state").asText().equals("ON_CALL"));
        ApiTestNode.Answer again = api.post("/api/demo/agents/" + agent + "/answer", null);
        assertEquals(409, again.status(), again.text());
        assertTrue(again.body().get("error").asText().contains("not ringing"), again.text());

        ApiTestNode.Answer hungUp = api.post("/api/demo/agents/" + agent + "/hangup", null);
        assertEquals(200, hungUp.status(), hungUp.text());
        assertEquals(channel, hungUp.body().get("channelId").asText());
        api.await("/api/agents/" + agent, a -> !a.body().get("state").asText().equals("ON_CALL"));
    }

    @Test
    void anAgentNotLoggedInIsA404() {
        ApiTestNode.Answer answer = api.post("/api/demo/agents/ghost/answer", null);
        assertEquals(404, answer.status(), answer.text());
        assertTrue(answer.body().get("error").asText().startsWith("agentId:"), answer.text());
        assertEquals(404, api.post("/api/demo/agents/ghost/hangup", null).status());
    }

    @Test
    void badCallerRequestsAre400AndUnknownChannels404() {
        ApiTestNode.Answer noQueue = api.post("/api/demo/calls", null);
        assertEquals(400, noQueue.status(), noQueue.text());
        assertTrue(noQueue.body().get("error").asText().startsWith("queue:"), noQueue.text());
        ApiTestNode.Answer noDigits = api.post("/api/demo/calls/c1/digits", null);
        assertEquals(400, noDigits.status(), noDigits.text());
        ApiTestNode.Answer badDigits = api.post("/api/demo/calls/c1/digits?digits=1x", null);
        assertEquals(400, badDigits.status(), badDigits.text());
        assertTrue(badDigits.body().get("error").asText().startsWith("digits:"), badDigits.text());
        assertEquals(404, api.post("/api/demo/calls/no-such-channel/digits?digits=1", null).status());
        assertEquals(404, api.post("/api/demo/calls/no-such-channel/hangup", null).status());
    }
}
