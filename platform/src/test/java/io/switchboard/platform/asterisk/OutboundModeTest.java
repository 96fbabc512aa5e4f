package io.switchboard.platform.asterisk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.switchboard.platform.node.SwitchboardNode;
import io.switchboard.simulator.OutboundWebSocketConfig;
import io.switchboard.simulator.SimConfig;
import io.switchboard.simulator.SimulatedAsterisk;
import io.switchboard.simulator.state.CallRecords;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Asterisk connects out to the node (Asterisk 22.5+ outbound WebSocket): the node accepts the socket with
 * Asterisk's credentials, hears the events on it and sends its commands back over it. With no node to connect
 * to, Asterisk keeps the application registered and queues its events: a caller who arrives then is not lost
 * but handled by the next node Asterisk reaches.
 */
class OutboundModeTest {
    private static final String USER = "asterisk-out";
    private static final String PASSWORD = "out-secret";

    private SimulatedAsterisk asterisk;
    private SwitchboardNode node;

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
        if (asterisk != null) {
            asterisk.close();
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private SimulatedAsterisk asteriskConnectingTo(int port, String password) {
        return SimulatedAsterisk.start(SimConfig.defaults().withPort(0).withOutboundWebSocket(
                OutboundWebSocketConfig.of(List.of(URI.create("ws://127.0.0.1:" + port + "/asterisk/pbx1")),
                                List.of("callcenter"))
                        .withCredentials(USER, password).withReconnectInterval(Duration.ofMillis(100))));
    }

    private Config nodeConfig(int outboundPort) {
        return ConfigFactory.parseString("""
                switchboard.node { mode = asterisk, status-interval = 30s }
                switchboard.http { port = 0, token = "t0ken" }
                switchboard.asterisk.servers = [{ id = "pbx1", base-url = "%s", username = "%s", password = "%s",
                                                  apps = ["callcenter"], events = outbound }]
                switchboard.asterisk.outbound { port = %d, username = "%s", password = "%s" }
                switchboard.queues.definitions.support { strategy = ringall }
                pekko.remote.artery.canonical.port = 0
                pekko.coordinated-shutdown.exit-jvm = off
                switchboard.persistence.url = "jdbc:h2:mem:outbound-%s;DB_CLOSE_DELAY=-1"
                """.formatted(asterisk.ariUrl(), asterisk.user(), asterisk.password(), outboundPort, USER, PASSWORD,
                UUID.randomUUID())).withFallback(ConfigFactory.load()).resolve();
    }

    @Test
    void theNodeServesTheSocketAsteriskOpensAndACallerArrivingWithNoNodeUpIsHandledByTheNext() throws Exception {
        int port = freePort();
        asterisk = asteriskConnectingTo(port, PASSWORD);
        node = SwitchboardNode.start(nodeConfig(port));
        await("Asterisk connected to the node", () -> asterisk.outbound().connected()
                && gatewayConnected(node));

        String first = asterisk.calls().inbound("support", "answer", "Ann <5550001>").channelId();
        await("the first caller answered", () -> record(first).answeredAt() != null);
        assertEquals("callcenter", record(first).stasisApp());

        node.close();
        node = null;
        await("Asterisk noticed the node is gone", () -> !asterisk.outbound().connected());
        String second = asterisk.calls().inbound("support", "answer", "Bob <5550002>").channelId();
        await("the second caller is in the application", () -> record(second).enteredStasisAt() != null);
        assertFalse(record(second).stasisFailed(), "Stasis() worked with no node connected");
        assertNull(record(second).answeredAt(), "nobody has answered yet");
        assertTrue(asterisk.outbound().queued() > 0, "Asterisk holds the events for the next connection");

        node = SwitchboardNode.start(nodeConfig(port));
        await("the second caller answered by the new node", () -> record(second).answeredAt() != null);
        assertEquals(0, asterisk.outbound().queued());
        assertNotNull(record(first).answeredAt());
    }

    @Test
    void aSocketWithoutAsterisksCredentialsIsRefused() throws Exception {
        int port = freePort();
        asterisk = asteriskConnectingTo(port, "wrong");
        node = SwitchboardNode.start(nodeConfig(port));
        await("Asterisk tried twice", () -> asterisk.outbound().attempts() >= 2);
        assertFalse(asterisk.outbound().connected());
        assertFalse(gatewayConnected(node));

        HttpResponse<String> plain = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/asterisk/pbx1")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, plain.statusCode());
        HttpResponse<String> unknown = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/asterisk/pbx9"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (USER + ":" + PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().contains("pbx9"), unknown.body());
    }

    private CallRecords.CallRecord record(String channelId) {
        return asterisk.callRecords().stream().filter(r -> r.channelId().equals(channelId)).findFirst().orElseThrow();
    }

    private static boolean gatewayConnected(SwitchboardNode node) {
        try {
            return node.gatewayStatus("pbx1").toCompletableFuture().get(5, TimeUnit.SECONDS).connected();
        } catch (Exception e) {
            return false;
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting: " + what);
            Thread.sleep(50);
        }
    }
}
