package io.switchboard.platform.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import io.switchboard.conferencing.SwitchboardConferences;
import io.switchboard.conferencing.room.RoomEntity;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.junit.jupiter.api.Test;

/**
 * The README's first command: the node on its embedded default shows queued calls answered by agents, and a
 * conference room where simulated members come and talk.
 */
class DemoModeTest {

    @Test
    void theDemoConnectsCallersToAgents() throws Exception {
        try (SwitchboardNode node = SwitchboardNode.start(ConfigFactory.parseString("""
                switchboard.demo { ari-port = 0, calls-per-minute = 120, agent-answer-after = 500ms, talk-time = 2s }
                switchboard.node.status-interval = 2s
                switchboard.http.port = 0
                pekko.remote.artery.canonical.port = 0
                pekko.coordinated-shutdown.exit-jvm = off
                switchboard.persistence.url = "jdbc:h2:mem:demo-test;DB_CLOSE_DELAY=-1"
                """).withFallback(ConfigFactory.load()).resolve())) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            var figures = node.figures("support");
            while (figures.answered() < 3) {
                assertTrue(System.nanoTime() < deadline, "agents answered too few calls within 30 s: " + figures);
                Thread.sleep(200);
                figures = node.figures("support");
            }
            assertTrue(node.gatewayStatus("demo").toCompletableFuture().get(5, TimeUnit.SECONDS).connected());

            var room = SwitchboardConferences.get(node.system()).room("demo", "huddle");
            RoomEntity.RoomView huddle = null;
            while (huddle == null || huddle.members().size() < 3) {
                assertTrue(System.nanoTime() < deadline + TimeUnit.SECONDS.toNanos(30),
                        "the demo's room never had its three members: " + huddle);
                Thread.sleep(200);
                huddle = AskPattern.<RoomEntity.Command, RoomEntity.RoomView>ask(room, RoomEntity.GetView::new,
                        Duration.ofSeconds(5), node.system().scheduler()).toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aWrongModeIsAClearConfigurationError() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> SwitchboardNode.start(
                ConfigFactory.parseString("switchboard.node.mode = pbx").withFallback(ConfigFactory.load())));
        assertEquals("switchboard.node.mode must be demo or asterisk, got pbx", error.getMessage());
    }
}
