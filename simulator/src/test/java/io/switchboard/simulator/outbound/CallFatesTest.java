package io.switchboard.simulator.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.simulator.OutboundWebSocketConfig;
import io.switchboard.simulator.SimConfig;
import io.switchboard.simulator.SimulatedAsterisk;
import io.switchboard.simulator.clock.ManualClock;
import io.switchboard.simulator.clock.SimClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GET /sim/calls: what became of each caller, from the simulated network's point of view. */
class CallFatesTest {

    /** A simulator whose callcenter app is served by an outbound connection to a live application stand-in. */
    private static SimulatedAsterisk withCallCenter(ManualClock clock, AppServer app) {
        return SimulatedAsterisk.start(SimConfig.defaults().withClock(clock).withOutboundWebSocket(
                OutboundWebSocketConfig.of(List.of(app.uri("/ari")), List.of("callcenter"))));
    }

    private static String placeCaller(SimHttp http, String behaviour) throws Exception {
        return http.sim("POST", "calls/inbound?queue=support&behaviour=" + behaviour + "&callerId=Alice%20%3C5551001%3E")
                .path("channelId").asText();
    }

    @Test
    void aCallerWhoTalksToAnAgentInAMixingBridge() throws Exception {
        ManualClock clock = SimClock.manual();
        try (AppServer app = new AppServer(true); SimulatedAsterisk sim = withCallCenter(clock, app)) {
            SimHttp http = new SimHttp(sim);
            String caller = placeCaller(http, "answer");
            clock.settle();
            clock.advance(Duration.ofSeconds(1));
            assertEquals(204, http.ari("POST", "channels/" + caller + "/answer"));
            assertEquals(200, http.ari("POST", "bridges?bridgeId=hold&type=holding"));
            assertEquals(204, http.ari("POST", "bridges/hold/addChannel?channel=" + caller));
            assertEquals(200, http.ari("POST", "channels?endpoint=PJSIP/agent1&app=callcenter&channelId=agent-1"));
            clock.settle();
            assertEquals("[]", http.call(caller).path("talkedWith").toString(), "a holding bridge is no talk");
            clock.advance(Duration.ofSeconds(4));
            assertEquals(200, http.ari("POST", "bridges?bridgeId=talk&type=mixing"));
            assertEquals(204, http.ari("POST", "bridges/talk/addChannel?channel=" + caller + ",agent-1"));

            JsonNode talking = http.call(caller);
            assertEquals("talking", talking.path("state").asText());
            assertEquals("[\"agent-1\"]", talking.path("talkedWith").toString());
            assertEquals("2026-01-01T09:00:05Z", talking.path("firstTalkedAt").asText());
            assertEquals("2026-01-01T09:00:01Z", talking.path("answeredAt").asText());
            assertEquals("2026-01-01T09:00:00Z", talking.path("enteredStasisAt").asText());
            assertEquals("phone-" + caller, talking.path("phoneChannelId").asText());
            assertEquals("Alice <5551001>", talking.path("callerId").asText());
            assertEquals("[\"support\"]", talking.path("args").toString());
            assertTrue(talking.get("endedAt").isNull());

            clock.advance(Duration.ofSeconds(25));
            http.sim("POST", "channels/phone-" + caller + "/hangup");
            JsonNode ended = http.call(caller);
            assertEquals("ended", ended.path("state").asText());
            assertEquals("caller", ended.path("hungUpBy").asText());
            assertEquals("2026-01-01T09:00:30Z", ended.path("endedAt").asText());
        }
    }

    @Test
    void aCallerWhoHangsUpWhileWaiting() throws Exception {
        ManualClock clock = SimClock.manual();
        try (AppServer app = new AppServer(true); SimulatedAsterisk sim = withCallCenter(clock, app)) {
            SimHttp http = new SimHttp(sim);
            String caller = placeCaller(http, "answer");
            clock.settle();
            assertEquals(204, http.ari("POST", "channels/" + caller + "/answer"));
            assertEquals(200, http.ari("POST", "bridges?bridgeId=queue&type=holding"));
            assertEquals(204, http.ari("POST", "bridges/queue/addChannel?channel=" + caller));
            assertEquals("in-stasis", http.call(caller).path("state").asText());
            clock.advance(Duration.ofSeconds(42));
            http.sim("POST", "channels/phone-" + caller + "/hangup");

            JsonNode record = http.call(caller);
            assertEquals("ended", record.path("state").asText());
            assertEquals("caller", record.path("hungUpBy").asText());
            assertEquals("callcenter", record.path("stasisApp").asText());
            assertEquals("[]", record.path("talkedWith").toString());
            assertTrue(record.get("firstTalkedAt").isNull());
            assertEquals("2026-01-01T09:00:42Z", record.path("endedAt").asText());
        }
    }

    @Test
    void aHangupAfter10CallerHangsUpTenSecondsAfterTheAppAnswersAndAnAppHangupIsTheApps() throws Exception {
        ManualClock clock = SimClock.manual();
        try (AppServer app = new AppServer(true); SimulatedAsterisk sim = withCallCenter(clock, app)) {
            SimHttp http = new SimHttp(sim);
            String impatient = placeCaller(http, "hangup-after-10");
            String other = placeCaller(http, "answer");
            clock.settle();
            clock.advance(Duration.ofSeconds(3));
            assertEquals(204, http.ari("POST", "channels/" + impatient + "/answer"));
            clock.advance(Duration.ofMillis(9_999));
            assertTrue(http.call(impatient).get("endedAt").isNull());
            clock.advance(Duration.ofMillis(1));
            JsonNode record = http.call(impatient);
            assertEquals("caller", record.path("hungUpBy").asText());
            assertEquals(Instant.parse(record.path("answeredAt").asText()).plusSeconds(10),
                    Instant.parse(record.path("endedAt").asText()));

            assertEquals(204, http.ari("DELETE", "channels/" + other));
            JsonNode hungUp = http.call(other);
            assertEquals("app", hungUp.path("hungUpBy").asText());
            assertTrue(hungUp.get("answeredAt").isNull());
            assertEquals("ended", hungUp.path("state").asText());
        }
    }

    @Test
    void aCallerWhoseStasisFailsFallsThroughTheDialplan() throws Exception {
        ManualClock clock = SimClock.manual();
        try (SimulatedAsterisk sim = SimulatedAsterisk.start(SimConfig.defaults().withClock(clock))) {
            SimHttp http = new SimHttp(sim);
            assertFalse(http.sim("GET", "outbound").path("configured").asBoolean());
            String caller = placeCaller(http, "answer");
            clock.settle();

            JsonNode record = http.call(caller);
            assertTrue(record.path("stasisFailed").asBoolean());
            assertTrue(record.get("stasisApp").isNull());
            assertTrue(record.get("enteredStasisAt").isNull());
            assertEquals("dialplan", record.path("hungUpBy").asText());
            assertEquals("ended", record.path("state").asText());
            assertEquals("2026-01-01T09:00:00Z", record.path("endedAt").asText());
            assertEquals(1, http.sim("GET", "calls").size());
        }
    }
}
