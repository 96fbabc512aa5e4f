package io.switchboard.simulator.outbound;

import static io.switchboard.simulator.outbound.SimHttp.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ari.json.AriJson;
import io.switchboard.simulator.OutboundWebSocketConfig;
import io.switchboard.simulator.SimConfig;
import io.switchboard.simulator.SimulatedAsterisk;
import io.switchboard.simulator.clock.ManualClock;
import io.switchboard.simulator.clock.SimClock;
import io.switchboard.simulator.control.CallControl;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The persistent outbound ARI WebSocket behaves as in res/ari/ari_websockets.c of Asterisk 22.10.1. */
class OutboundWebSocketTest {
    private static final Duration INTERVAL = Duration.ofMillis(500);

    private static SimConfig outboundTo(ManualClock clock, List<URI> uris) {
        return SimConfig.defaults().withClock(clock).withOutboundWebSocket(new OutboundWebSocketConfig("conn1", uris,
                List.of("callcenter"), false, "switchboard", "secret", INTERVAL));
    }

    @Test
    void appsAreRegisteredBeforeAnyConnectionAndWhatHappenedMeanwhileArrivesInOrderOnConnect() throws Exception {
        ManualClock clock = SimClock.manual();
        try (AppServer app = new AppServer(false);
             SimulatedAsterisk sim = SimulatedAsterisk.start(outboundTo(clock, List.of(app.uri("/asterisk/sim"))))) {
            SimHttp http = new SimHttp(sim);
            await("the first attempt is refused and a retry waits", () ->
                    sim.outbound().attempts() == 1 && clock.pendingTimers() == 1,
                    () -> sim.outbound() + ", timers " + clock.pendingTimers());
            assertFalse(sim.outbound().connected());
            assertTrue(sim.appRegistered("callcenter"));

            CallControl.InboundCall caller = sim.calls().inbound("support", "answer", "Alice <5551001>");
            clock.settle();
            JsonNode record = http.call(caller.channelId());
            assertEquals("callcenter", record.path("stasisApp").asText());
            assertFalse(record.path("stasisFailed").asBoolean());
            assertEquals("in-stasis", record.path("state").asText());
            assertEquals(204, http.ari("POST", "channels/" + caller.channelId() + "/answer"));
            assertTrue(sim.outbound().queued() >= 3, "ApplicationRegistered, StasisStart, ChannelStateChange queued");

            app.accept(true);
            clock.advance(INTERVAL);
            AppServer.Connection connection = app.nextConnection();
            assertEquals("/asterisk/sim", connection.path);
            assertEquals("Basic " + Base64.getEncoder().encodeToString("switchboard:secret".getBytes(StandardCharsets.UTF_8)),
                    connection.authorization);
            assertEquals("ApplicationRegistered", type(connection.next()));
            JsonNode start = AriJson.mapper().readTree(connection.next());
            assertEquals("StasisStart", start.path("type").asText());
            assertEquals(caller.channelId(), start.path("channel").path("id").asText());
            assertEquals("[\"support\"]", start.path("args").toString());
            assertTrue(readUntil(connection, "ChannelStateChange", caller.channelId()).stream()
                    .noneMatch(f -> type(f).startsWith("Application")), "nothing registers again on the first connect");

            await("the queue is flushed", () -> sim.outbound().connected() && sim.outbound().queued() == 0);
            JsonNode status = http.sim("GET", "outbound");
            assertTrue(status.path("configured").asBoolean());
            assertTrue(status.path("connected").asBoolean());
            assertEquals(app.uri("/asterisk/sim").toString(), status.path("uri").asText());
            assertEquals(1, status.path("connects").asInt());
            assertEquals(0, status.path("queued").asInt());
            assertEquals("2026-01-01T09:00:00.500Z", status.path("lastConnectedAt").asText());
            assertTrue(status.get("lastDisconnectedAt").isNull());
        }
    }

    @Test
    void afterTheApplicationClosesTheSocketItReconnectsToTheNextUriAndSendsWhatWasQueuedThenApplicationRegistered()
            throws Exception {
        ManualClock clock = SimClock.manual();
        try (AppServer nodeA = new AppServer(true); AppServer nodeC = new AppServer(true);
             SimulatedAsterisk sim = SimulatedAsterisk.start(outboundTo(clock,
                     List.of(nodeA.uri("/a"), deadUri(), nodeC.uri("/c"))))) {
            SimHttp http = new SimHttp(sim);
            AppServer.Connection first = nodeA.nextConnection();
            assertEquals("ApplicationRegistered", type(first.next()));
            await("connected", () -> sim.outbound().connected());

            first.close();
            // disconnected: it connects again at once, to the next URI, which refuses; then it waits
            await("the dead URI was tried and a retry waits", () ->
                    sim.outbound().attempts() == 2 && !sim.outbound().connected() && clock.pendingTimers() == 1,
                    () -> sim.outbound() + ", timers " + clock.pendingTimers());
            assertTrue(sim.appRegistered("callcenter"), "a persistent connection's apps stay registered");
            CallControl.InboundCall caller = sim.calls().inbound("support", "answer", "Bob <5551002>");
            clock.settle();
            assertEquals(204, http.ari("POST", "channels/" + caller.channelId() + "/answer"));

            clock.advance(INTERVAL.minusMillis(1));
            assertEquals(2, sim.outbound().attempts(), "no attempt before reconnect_interval has passed");
            clock.advance(Duration.ofMillis(1));
            assertEquals(3, sim.outbound().attempts());

            AppServer.Connection second = nodeC.nextConnection();
            assertEquals("/c", second.path);
            JsonNode start = AriJson.mapper().readTree(second.next());
            assertEquals("StasisStart", start.path("type").asText());
            assertEquals(caller.channelId(), start.path("channel").path("id").asText());
            List<String> rest = readUntil(second, "ApplicationRegistered", null);
            assertTrue(rest.stream().anyMatch(f -> type(f).equals("ChannelStateChange")), rest.toString());
            assertEquals("callcenter", AriJson.mapper().readTree(rest.get(rest.size() - 1)).path("application").asText());
            assertEquals(1, rest.stream().filter(f -> type(f).equals("ApplicationRegistered")).count());

            await("the queue is flushed", () -> sim.outbound().connected() && sim.outbound().queued() == 0);
            var status = sim.outbound();
            assertEquals(2, status.connects());
            assertEquals(nodeC.uri("/c").toString(), status.uri());
            assertEquals("2026-01-01T09:00:00Z", status.lastDisconnectedAt().toString());
            assertEquals("2026-01-01T09:00:00.500Z", status.lastConnectedAt().toString());
        }
    }

    @Test
    void restRequestsOnTheOutboundSocketAreAnsweredOnIt() throws Exception {
        ManualClock clock = SimClock.manual();
        try (AppServer app = new AppServer(true);
             SimulatedAsterisk sim = SimulatedAsterisk.start(outboundTo(clock, List.of(app.uri("/ari"))))) {
            AppServer.Connection connection = app.nextConnection();
            assertEquals("ApplicationRegistered", type(connection.next()));
            CallControl.InboundCall caller = sim.calls().inbound("sales", "answer", "Carol <5551003>");
            clock.settle();
            assertEquals("StasisStart", type(connection.next()));

            connection.send("{\"type\":\"RESTRequest\",\"transaction_id\":\"tx-1\",\"request_id\":\"req-1\","
                    + "\"method\":\"POST\",\"uri\":\"channels/" + caller.channelId() + "/answer\"}");
            List<String> frames = readUntil(connection, "RESTResponse", null);
            JsonNode response = AriJson.mapper().readTree(frames.get(frames.size() - 1));
            assertEquals(204, response.path("status_code").asInt());
            assertEquals("req-1", response.path("request_id").asText());
            assertEquals("tx-1", response.path("transaction_id").asText());
            assertEquals("callcenter", response.path("application").asText());
            assertTrue(frames.stream().anyMatch(f -> type(f).equals("ChannelStateChange")), frames.toString());

            connection.send("{\"type\":\"RESTRequest\",\"request_id\":\"req-2\",\"method\":\"GET\",\"uri\":\"channels/"
                    + caller.channelId() + "\"}");
            JsonNode get = AriJson.mapper().readTree(readUntil(connection, "RESTResponse", null).stream()
                    .reduce((a, b) -> b).orElseThrow());
            assertEquals(200, get.path("status_code").asInt());
            assertEquals("Up", AriJson.mapper().readTree(get.path("message_body").asText()).path("state").asText());
        }
    }

    /**
     * ari.conf says no other connection may serve an outbound connection's apps, but the code lets an inbound
     * socket take one over as for any app (stasis_app_register → app_update): the outbound session hears
     * ApplicationReplaced and keeps the app in its list, the inbound socket gets the calls, and when the inbound
     * socket closes it unregisters the app, so Stasis() fails even though the outbound connection is up.
     */
    @Test
    void anInboundSocketTakesOverAnOutboundAppAndItsCloseUnregistersIt() throws Exception {
        ManualClock clock = SimClock.manual();
        try (AppServer app = new AppServer(true);
             SimulatedAsterisk sim = SimulatedAsterisk.start(outboundTo(clock, List.of(app.uri("/ari"))))) {
            SimHttp http = new SimHttp(sim);
            AppServer.Connection outbound = app.nextConnection();
            assertEquals("ApplicationRegistered", type(outbound.next()));

            BlockingQueue<String> inboundFrames = new LinkedBlockingQueue<>();
            WebSocket inbound = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + sim.port() + "/ari/events?app=callcenter&api_key="
                            + sim.user() + ":" + sim.password()), collector(inboundFrames)).join();
            JsonNode replaced = AriJson.mapper().readTree(outbound.next());
            assertEquals("ApplicationReplaced", replaced.path("type").asText());
            assertEquals("callcenter", replaced.path("application").asText());

            CallControl.InboundCall first = sim.calls().inbound("support", "answer", "Dan <5551004>");
            clock.settle();
            JsonNode start = AriJson.mapper().readTree(poll(inboundFrames));
            assertEquals("StasisStart", start.path("type").asText());
            assertEquals(first.channelId(), start.path("channel").path("id").asText());

            inbound.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
            await("the inbound socket's close unregistered the app", () -> !sim.appRegistered("callcenter"));
            assertTrue(sim.outbound().connected());
            CallControl.InboundCall second = sim.calls().inbound("support", "answer", "Eve <5551005>");
            clock.settle();
            JsonNode record = http.call(second.channelId());
            assertTrue(record.path("stasisFailed").asBoolean());
            assertEquals("dialplan", record.path("hungUpBy").asText());
        }
    }

    private static URI deadUri() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        return URI.create("ws://127.0.0.1:" + port + "/gone");
    }

    /** Frames up to and including the first of {@code type} (about {@code channelId} when given). */
    private static List<String> readUntil(AppServer.Connection connection, String type, String channelId)
            throws Exception {
        List<String> frames = new ArrayList<>();
        while (true) {
            String frame = connection.next();
            frames.add(frame);
            JsonNode json = AriJson.mapper().readTree(frame);
            if (type.equals(json.path("type").asText())
                    && (channelId == null || channelId.equals(json.path("channel").path("id").asText()))) {
                return frames;
            }
        }
    }

    private static String type(String frame) {
        try {
            return AriJson.mapper().readTree(frame).path("type").asText();
        } catch (Exception e) {
            throw new AssertionError(frame, e);
        }
    }

    private static String poll(BlockingQueue<String> frames) throws InterruptedException {
        String frame = frames.poll(10, TimeUnit.SECONDS);
        if (frame == null) {
            throw new AssertionError("no frame within 10 s");
        }
        return frame;
    }

    private static WebSocket.Listener collector(BlockingQueue<String> frames) {
        return new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    frames.add(partial.toString());
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }
        };
    }
}
