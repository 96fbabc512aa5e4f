package io.switchboard.testkit.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.ari.events.DeviceStateChanged;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A SIP phone's device state follows its channels and its endpoint, for apps subscribed to the device. */
class SipDeviceStateTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final SimulatedAsteriskExtension sim = SimulatedAsteriskExtension.manualClock();

    private final List<String> heard = new CopyOnWriteArrayList<>();

    @Test
    void callsOutsideAnyAppAndTheAppsOwnDialsMoveTheDeviceState() throws Exception {
        sim.sim().tapEvents(event -> {
            if (event instanceof DeviceStateChanged changed && "callcenter".equals(changed.application())) {
                heard.add(changed.deviceState().name() + "=" + changed.deviceState().state());
            }
        });
        try (AppSocket app = AppSocket.open(sim, "callcenter")) {
            assertEquals(200, rest("POST", "/applications/callcenter/subscription?eventSource=deviceState%3APJSIP%2Fagent1"));
            assertEquals("NOT_INUSE", stateOf("PJSIP/agent1"));

            String personal = sim.sim().calls().outsideCall("PJSIP/agent1", false);
            awaitHeard("PJSIP/agent1=RINGING");
            assertEquals("RINGING", stateOf("PJSIP/agent1"));
            sim.sim().calls().answerOutsideCall(personal);
            awaitHeard("PJSIP/agent1=INUSE");
            assertEquals("INUSE", stateOf("PJSIP/agent1"));

            // the app rings the phone while it is in use elsewhere
            sim.endpoint("PJSIP/agent1").neverAnswers();
            assertEquals(200, rest("POST", "/channels/create?endpoint=PJSIP/agent1&app=callcenter&channelId=a-1"));
            sim.expectEvent("a-1", "StasisStart", WAIT);
            assertEquals(204, rest("POST", "/channels/a-1/dial?timeout=10"));
            awaitHeard("PJSIP/agent1=RINGINUSE");
            sim.hangUp(personal);
            awaitHeard("PJSIP/agent1=RINGING");
            sim.advance(Duration.ofSeconds(10));
            sim.expectEvent("a-1", "ChannelDestroyed", WAIT);
            awaitHeard("PJSIP/agent1=NOT_INUSE");

            sim.sim().setEndpointState("PJSIP/agent1", "offline");
            awaitHeard("PJSIP/agent1=UNAVAILABLE");
            assertEquals("UNAVAILABLE", stateOf("PJSIP/agent1"));
            sim.sim().setEndpointState("PJSIP/agent1", "online");
            awaitHeard("PJSIP/agent1=NOT_INUSE");

            // a device the app did not subscribe to stays unheard, though it can be read
            String other = sim.sim().calls().outsideCall("PJSIP/agent2", true);
            assertEquals("INUSE", stateOf("PJSIP/agent2"));
            sim.hangUp(other);
            assertEquals("NOT_INUSE", stateOf("PJSIP/agent2"));
            assertEquals(List.of(), heard.stream().filter(h -> h.startsWith("PJSIP/agent2")).toList());
            assertEquals("INVALID", stateOf("PJSIP/nobody"));

            assertEquals(200, rest("DELETE", "/applications/callcenter/subscription?eventSource=deviceState%3APJSIP%2Fagent1"));
            int before = heard.size();
            sim.sim().calls().outsideCall("PJSIP/agent1", true);
            assertEquals("INUSE", stateOf("PJSIP/agent1"));
            assertEquals(before, heard.size());
        }
    }

    /** Events are sent on the state thread before the call placing them returns, so the last one is there. */
    private void awaitHeard(String expected) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (heard.isEmpty() || !heard.get(heard.size() - 1).equals(expected)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("last device state heard is not " + expected + ": " + heard);
            }
            Thread.onSpinWait();
        }
    }

    private String stateOf(String device) throws Exception {
        HttpResponse<String> answer = send("GET", "/deviceStates/" + device.replace("/", "%2F"));
        assertEquals(200, answer.statusCode(), answer.body());
        return JSON.readTree(answer.body()).get("state").asText();
    }

    private int rest(String method, String pathAndQuery) throws Exception {
        return send(method, pathAndQuery).statusCode();
    }

    private HttpResponse<String> send(String method, String pathAndQuery) throws Exception {
        return sim.rest(method, pathAndQuery);
    }
}
