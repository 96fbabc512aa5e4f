package io.switchboard.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.testkit.junit.SimulatedAsteriskExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The /sim/... HTTP control API that demos and other processes use to play callers and phones. */
class ControlApiTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final SimulatedAsteriskExtension sim = SimulatedAsteriskExtension.manualClock();

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void placesCallsPressesDigitsHangsUpScriptsEndpointsAndMovesTheClock() throws Exception {
        java.net.http.WebSocket app = openApp();
        try {
            drive();
        } finally {
            app.abort();
        }
    }

    private void drive() throws Exception {
        HttpResponse<String> placed = send("POST", "/sim/calls/inbound?queue=support&behaviour=answer&callerId=Alice%20%3C5551001%3E");
        assertEquals(200, placed.statusCode());
        String caller = JSON.readTree(placed.body()).get("channelId").asText();
        sim.expectEvent(caller, "StasisStart", WAIT);

        assertEquals(204, send("POST", "/sim/channels/" + caller + "/digits?digits=12&gapMs=100").statusCode());
        sim.expectEvent(caller, "ChannelDtmfReceived", WAIT);
        assertEquals(204, send("POST", "/sim/clock/advance?ms=200").statusCode());
        sim.expectEvent(caller, "ChannelDtmfReceived", WAIT);

        JsonNode state = JSON.readTree(send("GET", "/sim/state").body());
        assertEquals(2, state.get("channels").asInt());
        assertEquals(204, send("POST", "/sim/channels/phone-" + caller + "/hangup").statusCode());
        sim.expectEvent(caller, "StasisEnd", WAIT);

        assertEquals(204, send("PUT", "/sim/endpoints/PJSIP/agent1?behaviour=busy").statusCode());
        assertEquals(400, send("PUT", "/sim/endpoints/PJSIP/agent1?behaviour=dance").statusCode());
        assertEquals(200, send("POST", "/ari/channels/create?endpoint=PJSIP/agent1&app=callcenter&channelId=a-1").statusCode());
        sim.expectEvent("a-1", "StasisStart", WAIT);
        assertEquals(204, send("POST", "/ari/channels/a-1/dial").statusCode());
        sim.expectEvent("a-1", "Dial", WAIT);

        HttpResponse<String> sip = send("POST", "/sim/calls/sip?endpoint=PJSIP/caller&exten=100&hangupAfterMs=1000");
        assertEquals(200, sip.statusCode());
        String sipId = JSON.readTree(sip.body()).get("channelId").asText();
        sim.expectEvent(sipId, "StasisStart", WAIT);
        assertEquals(404, send("POST", "/sim/channels/nobody/hangup").statusCode());
        assertEquals(404, send("GET", "/sim/nothing-here").statusCode());
    }

    private java.net.http.WebSocket openApp() throws Exception {
        java.net.http.WebSocket ws = http.newWebSocketBuilder().header("Authorization", auth())
                .buildAsync(URI.create(sim.ariUrl().replaceFirst("^http", "ws") + "/events?app=callcenter"),
                        new java.net.http.WebSocket.Listener() { })
                .get(5, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!sim.sim().appRegistered("callcenter")) {
            assertTrue(System.nanoTime() < deadline, "app not registered");
            Thread.onSpinWait();
        }
        return ws;
    }

    private HttpResponse<String> send(String method, String pathAndQuery) throws Exception {
        String base = sim.ariUrl().substring(0, sim.ariUrl().length() - "/ari".length());
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).header("Authorization", auth())
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private String auth() {
        return "Basic " + Base64.getEncoder().encodeToString((sim.user() + ":" + sim.password()).getBytes());
    }
}
