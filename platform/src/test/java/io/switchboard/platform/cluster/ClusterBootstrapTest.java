package io.switchboard.platform.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.http.javadsl.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Three nodes in one JVM on 127.0.0.1 find each other through Cluster Bootstrap with config discovery. */
class ClusterBootstrapTest {
    private static final int NODES = 3;
    private final List<ActorSystem<Void>> systems = new ArrayList<>();

    @Test
    void threeNodesFormOneClusterAndReportReady() throws Exception {
        int[] management = freePorts(NODES);
        int[] remoting = freePorts(NODES);
        String contactPoints = java.util.Arrays.stream(management).mapToObj(p -> "127.0.0.1:" + p)
                .collect(Collectors.joining(","));
        for (int i = 0; i < NODES; i++) {
            Config loaded = ConfigFactory.parseString("""
                    switchboard.cluster {
                      discovery = config
                      bootstrap { contact-points = "%s", required-contact-points = %d }
                      management.port = %d
                    }
                    pekko.remote.artery.canonical { hostname = "127.0.0.1", port = %d }
                    pekko.coordinated-shutdown.exit-jvm = off
                    pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
                    # a test need not wait out the production margins
                    pekko.management.cluster.bootstrap.contact-point-discovery {
                      stable-margin = 1s, interval = 200ms, exponential-backoff-max = 1s
                    }
                    pekko.management.cluster.bootstrap.contact-point.probe-interval = 200ms
                    """.formatted(contactPoints, NODES, management[i], remoting[i]))
                    .withFallback(ConfigFactory.load());
            ClusterSettings settings = ClusterSettings.fromConfig(loaded);
            ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "switchboard",
                    ClusterConfig.withCluster(loaded));
            systems.add(system);
            ClusterFormation.start(system, settings);
        }

        Set<String> expected = systems.stream().map(s -> Cluster.get(s).selfMember().address().toString())
                .collect(Collectors.toSet());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!systems.stream().allMatch(s -> upMembers(s).equals(expected))) {
            assertTrue(System.nanoTime() < deadline, "the nodes did not all see each other Up within 60 s: "
                    + systems.stream().map(ClusterBootstrapTest::upMembers).toList());
            Thread.sleep(200);
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (int port : management) {
            for (String check : List.of("ready", "alive")) {
                HttpResponse<String> answer = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/" + check)).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, answer.statusCode(), check + " on management port " + port + ": " + answer.body());
            }
        }
    }

    private static Set<String> upMembers(ActorSystem<?> system) {
        return StreamSupport.stream(Cluster.get(system).state().getMembers().spliterator(), false)
                .filter(m -> m.status() == MemberStatus.up())
                .map(m -> m.address().toString())
                .collect(Collectors.toSet());
    }

    /** Distinct free loopback ports: bootstrap needs each node's management port known before it starts. */
    private static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (ActorSystem<Void> system : systems) {
            Http.get(system).shutdownAllConnectionPools().toCompletableFuture().get(5, TimeUnit.SECONDS);
            system.terminate();
        }
        for (ActorSystem<Void> system : systems) {
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}
