package io.switchboard.queues.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.switchboard.ari.events.ChannelEnteredBridge;
import io.switchboard.queues.log.QueueEventType;
import io.switchboard.queues.log.QueueLogEntry;
import io.switchboard.simulator.SimConfig;
import io.switchboard.simulator.SimulatedAsterisk;
import io.switchboard.simulator.clock.SimClock;
import io.switchboard.simulator.phones.PhoneScript;
import io.switchboard.testkit.time.TestTime;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal's PostgreSQL stops for 10 s while callers keep arriving and agents keep taking calls. Writes and
 * reads fail meanwhile; the queue and agent entities restart with backoff and recover once it is back, the callers'
 * flows take their callers back (or enter them again where the Enter was never journaled), and every caller talks
 * to an agent in the end, each entered once in the queue log and none abandoned.
 */
class DatabaseOutageTest {
    private static final List<String> AGENTS = List.of("agent1", "agent2");
    private static final Duration OUTAGE = Duration.ofSeconds(10);

    @TempDir
    Path data;

    private final Set<String> connected = ConcurrentHashMap.newKeySet();

    @Test
    void aTenSecondOutageUnderLoadLosesNoCaller() throws Exception {
        int port = freePort();
        EmbeddedPostgres postgres = postgres(port);
        SimulatedAsterisk sim = SimulatedAsterisk.start(SimConfig.defaults().withClock(SimClock.manual())
                .withEndpoints(AGENTS.stream().map(a -> "PJSIP/" + a).toList()));
        sim.tapEvents(event -> {
            if (event instanceof ChannelEnteredBridge entered && entered.channel().id().startsWith("caller-")
                    && "mixing".equals(entered.bridge().bridgeType())) {
                connected.add(entered.channel().id());
            }
        });
        TestTime time = TestTime.of(sim);
        QueueHarness node = null;
        try {
            node = QueueHarness.start(sim, journal(postgres, port), time, "support { ring-timeout = 10s, wrap-up = 0s }");
            for (String agent : AGENTS) {
                sim.scriptEndpoint("PJSIP/" + agent, PhoneScript.answerAfter(Duration.ofSeconds(1))
                        .thenHangupAfter(Duration.ofSeconds(2)));
                node.login(agent, Map.of("support", 0), Map.of());
            }
            List<String> callers = new ArrayList<>();
            QueueHarness harness = node;
            for (int i = 0; i < 4; i++) {
                callers.add(harness.placeCaller("support"));
                harness.advance(Duration.ofMillis(500));
            }
            awaitReal("a caller talks to an agent before the outage", Duration.ofSeconds(30), () -> {
                harness.advance(Duration.ofMillis(100));
                return !connected.isEmpty();
            });

            postgres.close();
            long outageEnds = System.nanoTime() + OUTAGE.toNanos();
            int step = 0;
            while (System.nanoTime() < outageEnds) {
                // the outage lasts 10 s of real time (the journal's failures and the entities' backoff are real):
                // the pause paces the phones' time and the arrivals, it decides nothing
                Thread.sleep(250);
                harness.advance(Duration.ofMillis(250));
                if (++step % 8 == 0) {
                    callers.add(harness.placeCaller("support"));
                }
            }
            postgres = postgres(port);

            awaitReal("every caller talked to an agent", Duration.ofSeconds(120), () -> {
                harness.advance(Duration.ofMillis(250));
                return connected.containsAll(callers);
            });
            assertEquals(Set.copyOf(callers), Set.copyOf(connected), "zero callers lost");
            // the read journal comes back a few seconds after the database: read the log until it answers
            List<QueueLogEntry> entries = new ArrayList<>();
            awaitReal("the queue log read back with every caller in it", Duration.ofSeconds(60), () -> {
                try {
                    entries.clear();
                    entries.addAll(harness.queueLog("support"));
                    Set<String> logged = entries.stream().map(e -> e.callerId().substring(e.callerId().indexOf('/') + 1))
                            .collect(Collectors.toSet());
                    return logged.containsAll(callers);
                } catch (Exception notYet) {
                    return false;
                }
            });
            Map<String, List<QueueEventType>> log = new TreeMap<>(entries.stream()
                    .collect(Collectors.groupingBy(e -> e.callerId().substring(e.callerId().indexOf('/') + 1),
                            Collectors.mapping(QueueLogEntry::event, Collectors.toList()))));
            for (String caller : callers) {
                List<QueueEventType> lines = log.get(caller);
                assertEquals(1, lines.stream().filter(e -> e == QueueEventType.ENTERQUEUE).count(),
                        caller + " entered the queue once: " + lines);
                assertEquals(0, lines.stream().filter(e -> e == QueueEventType.ABANDON).count(),
                        caller + " never abandoned: " + lines + " in " + entries);
            }
        } finally {
            if (node != null) {
                node.close(); // and the simulator with it
            } else {
                sim.close();
            }
            postgres.close();
        }
    }

    /** PostgreSQL on {@code port} over the test's data folder, kept when it stops, so that it starts again on it. */
    private EmbeddedPostgres postgres(int port) throws IOException {
        return EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1").setPort(port)
                .setDataDirectory(data.resolve("pg")).setCleanDataDirectory(false).start();
    }

    private static Config journal(EmbeddedPostgres postgres, int port) throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE outage");
        }
        return ConfigFactory.parseMap(Map.of(
                "switchboard.persistence.kind", "postgres",
                "switchboard.persistence.url", "jdbc:postgresql://127.0.0.1:" + port + "/outage",
                "switchboard.persistence.user", "postgres",
                "switchboard.persistence.password", "",
                "switchboard.persistence.pool-size", 4));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Polls {@code done} (which may move time) every 20 ms until it holds, or fails after {@code within}. */
    private static void awaitReal(String what, Duration within, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within.toSeconds() + " s: " + what);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }
}
