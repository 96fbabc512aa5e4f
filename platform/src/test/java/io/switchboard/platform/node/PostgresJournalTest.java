package io.switchboard.platform.node;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.switchboard.queues.log.QueueFigures;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node on PostgreSQL by configuration alone: its queue log outlives the node. */
class PostgresJournalTest {

    @TempDir
    Path dir;

    @Test
    void aNodeOnPostgresKeepsItsQueueLogAcrossARestart() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setServerConfig("listen_addresses", "127.0.0.1").start()) {
            Path secret = Files.writeString(dir.resolve("db-password"), "unused-with-trust-auth\n");
            Config config = ConfigFactory.parseString("""
                    switchboard.demo { ari-port = 0, calls-per-minute = 120, agent-answer-after = 300ms, talk-time = 1s }
                    switchboard.node.status-interval = 30s
                    switchboard.http.port = 0
                    pekko.remote.artery.canonical.port = 0
                    switchboard.persistence { kind = postgres, url = "jdbc:postgresql://127.0.0.1:%d/postgres",
                                              user = postgres, password = "", password-file = "%s", pool-size = 4 }
                    """.formatted(postgres.getPort(), secret)).withFallback(ConfigFactory.load()).resolve();

            long answeredBefore;
            try (SwitchboardNode node = SwitchboardNode.start(config)) {
                answeredBefore = await(node, f -> f.answered() >= 3).answered();
            }
            // this time no agent answers: only the first node's journaled calls can be counted as answered
            Config again = ConfigFactory.parseString("switchboard.demo.agent-answer-after = 10m").withFallback(config);
            try (SwitchboardNode node = SwitchboardNode.start(again)) {
                await(node, f -> f.answered() >= answeredBefore);
            }
        }
    }

    private static QueueFigures await(SwitchboardNode node, Predicate<QueueFigures> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        QueueFigures figures = node.figures("support");
        while (!done.test(figures)) {
            assertTrue(System.nanoTime() < deadline, "queue figures never as expected: " + figures);
            Thread.sleep(200);
            figures = node.figures("support");
        }
        return figures;
    }
}
