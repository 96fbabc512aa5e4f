package io.switchboard.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedAsteriskMainTest {

    @Test
    void parsesThePortAndTheOutboundOptions() {
        SimConfig config = SimulatedAsteriskMain.parse(new String[] {"8090", "--outbound-uri",
                "ws://127.0.0.1:8091/asterisk/sim,ws://127.0.0.1:8092/asterisk/sim", "--outbound-app", "callcenter",
                "--outbound-user", "U", "--outbound-password", "P", "--reconnect-interval-ms", "250"});
        assertEquals(8090, config.port());
        OutboundWebSocketConfig outbound = config.outbound();
        assertEquals(List.of(URI.create("ws://127.0.0.1:8091/asterisk/sim"), URI.create("ws://127.0.0.1:8092/asterisk/sim")),
                outbound.uris());
        assertEquals(List.of("callcenter"), outbound.apps());
        assertEquals("U", outbound.username());
        assertEquals("P", outbound.password());
        assertEquals(Duration.ofMillis(250), outbound.reconnectInterval());
    }

    @Test
    void withoutOptionsItListensOn8088WithNoOutboundConnection() {
        SimConfig config = SimulatedAsteriskMain.parse(new String[0]);
        assertEquals(8088, config.port());
        assertNull(config.outbound());
    }

    @Test
    void badOptionsAreRefusedWithAReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SimulatedAsteriskMain.parse(
                new String[] {"--outbound"})).getMessage().contains("unknown option"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SimulatedAsteriskMain.parse(
                new String[] {"--outbound-uri", "http://x:1/"})).getMessage().contains("ws://"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SimulatedAsteriskMain.parse(
                new String[] {"--outbound-uri"})).getMessage().contains("needs a value"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SimulatedAsteriskMain.parse(
                new String[] {"--outbound-uri", "ws://x:1/", "--reconnect-interval-ms", "soon"})).getMessage()
                .contains("number"));
    }
}
