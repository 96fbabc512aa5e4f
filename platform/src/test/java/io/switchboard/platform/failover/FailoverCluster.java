package io.switchboard.platform.failover;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One scenario's world on 127.0.0.1: three Switchboard nodes (the shaded jar, each its own JVM) on one PostgreSQL
 * database, and the simulated Asterisk (the simulator's standalone jar) that connects out to them. Closing it
 * kills every process it started.
 */
final class FailoverCluster implements AutoCloseable {
    static final String TOKEN = "failover-token";
    static final String ARI_AUTH = JsonHttp.basic("asterisk", "asterisk");
    static final List<String> AGENTS = List.of("agent1", "agent2", "agent3");

    /** One node: its ports and, while it runs, its process. */
    static final class Node {
        final int number;
        final int httpPort;
        final int clusterPort;
        final int outboundPort;
        ManagedProcess process;

        Node(int number, int httpPort, int clusterPort, int outboundPort) {
            this.number = number;
            this.httpPort = httpPort;
            this.clusterPort = clusterPort;
            this.outboundPort = outboundPort;
        }

        String api() {
            return "http://127.0.0.1:" + httpPort;
        }

        String address() {
            return "pekko://switchboard@127.0.0.1:" + clusterPort;
        }

        String outboundUri() {
            return "ws://127.0.0.1:" + outboundPort + "/asterisk/sim";
        }

        boolean alive() {
            return process != null && process.alive();
        }

        @Override
        public String toString() {
            return "node " + number + " (api " + httpPort + ", cluster " + clusterPort + ", outbound " + outboundPort
                    + (process == null ? "" : ", pid " + process.pid()) + ")";
        }
    }

    final JsonHttp http = new JsonHttp();
    final List<Node> nodes = new ArrayList<>();
    final int simPort;
    private final Path dir;
    private final Path platformJar;
    private final Path simulatorJar;
    private final String databaseUrl;
    private ManagedProcess sim;

    FailoverCluster(Path dir, Path platformJar, Path simulatorJar, String databaseUrl) {
        this.dir = dir;
        this.platformJar = platformJar;
        this.simulatorJar = simulatorJar;
        this.databaseUrl = databaseUrl;
        List<Integer> ports = freePorts(10);
        for (int i = 0; i < 3; i++) {
            nodes.add(new Node(i + 1, ports.get(3 * i), ports.get(3 * i + 1), ports.get(3 * i + 2)));
        }
        this.simPort = ports.get(9);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String sim() {
        return "http://127.0.0.1:" + simPort;
    }

    /**
     * Starts the nodes one after the other, each once the ones before it see it Up: the scenarios are about losing
     * a node, and three JVMs starting at once on CI's two cores only add a chance of a starved node being downed
     * before the scenario begins.
     */
    void startNodes(Duration eachWithin) {
        List<Node> started = new ArrayList<>();
        for (Node node : nodes) {
            startNode(node);
            started.add(node);
            awaitUp(started, eachWithin);
        }
    }

    void startNode(Node node) {
        Path conf = dir.resolve("node-" + node.number + ".conf");
        try {
            Files.writeString(conf, nodeConfig(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // SerialGC and C1 only: three nodes and the simulator share CI's two cores
        node.process = ManagedProcess.startJar("node " + node.number, dir.resolve("node-" + node.number + ".log"),
                List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dconfig.file=" + conf),
                platformJar, List.of());
    }

    private String nodeConfig(Node node) {
        // every node is a seed, node 1 first: it forms the cluster, and a node started again joins the others
        String seeds = nodes.stream().map(n -> "\"" + n.address() + "\"").collect(Collectors.joining(", "));
        return """
                include classpath("application.conf")
                switchboard.node { mode = asterisk, status-interval = 5s }
                switchboard.http { host = "127.0.0.1", port = %d, token = "%s" }
                pekko.remote.artery.canonical { hostname = "127.0.0.1", port = %d }
                switchboard.cluster { discovery = seed-nodes, seed-nodes = [%s] }
                switchboard.persistence { kind = postgres, url = "%s", user = postgres, password = "", pool-size = 4 }
                switchboard.asterisk.servers = [{ id = "sim", base-url = "http://127.0.0.1:%d/ari",
                    username = "asterisk", password = "asterisk", apps = ["callcenter"], events = outbound }]
                switchboard.asterisk.outbound { host = "127.0.0.1", port = %d, username = "asterisk-out",
                    password = "out-secret" }
                switchboard.queues.definitions.support { strategy = longest-idle-agent, ring-timeout = 15s, wrap-up = 2s }
                switchboard.conferences { profiles.board { admin-pin = "4321" }, rooms.board = board }
                """.formatted(node.httpPort, TOKEN, node.clusterPort, seeds, databaseUrl, simPort, node.outboundPort);
    }

    /** Starts the simulated Asterisk; it connects out to {@code order}'s outbound ports, trying them in turn. */
    void startSimulator(List<Node> order) {
        String uris = order.stream().map(Node::outboundUri).collect(Collectors.joining(","));
        sim = ManagedProcess.startJar("simulator", dir.resolve("simulator.log"), List.of("-Xmx256m",
                        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), simulatorJar,
                List.of(String.valueOf(simPort), "--outbound-uri", uris, "--outbound-app", "callcenter",
                        "--outbound-user", "asterisk-out", "--outbound-password", "out-secret",
                        "--reconnect-interval-ms", "500"));
        await("the simulator's control API answers", Duration.ofSeconds(30),
                () -> http.tryGet(sim() + "/sim/state", null).filter(JsonHttp.Answer::ok).isPresent());
    }

    /** Waits until every running node sees all running nodes Up and none unreachable. */
    void awaitClusterUp(Duration within) {
        awaitUp(nodes.stream().filter(Node::alive).toList(), within);
    }

    private void awaitUp(List<Node> expected, Duration within) {
        try {
            await("the " + expected.size() + " nodes see each other Up", within, () -> expected.stream()
                    .allMatch(n -> cluster(n).map(c -> upMembers(c).size() == expected.size()
                            && c.get("unreachable").isEmpty()).orElse(false)));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; " + views(expected), e);
        }
    }

    /** What each node's process and cluster view are now, for a failure's message. */
    private String views(List<Node> expected) {
        return expected.stream().map(n -> "node " + n.number + " (" + n.process.state() + "): " + cluster(n)
                        .map(c -> "up " + upMembers(c) + ", unreachable " + c.get("unreachable"))
                        .orElse("no answer from GET /api/cluster"))
                .collect(Collectors.joining("; "));
    }

    /** Waits until the simulator's outbound socket is connected, and says to which node. */
    Node awaitOutboundConnected(Duration within) {
        await("the simulator's outbound socket is connected", within,
                () -> outbound().map(o -> o.path("connected").asBoolean()).orElse(false));
        return socketHolder().orElseThrow();
    }

    Optional<JsonNode> outbound() {
        return http.tryGet(sim() + "/sim/outbound", null).filter(JsonHttp.Answer::ok).map(JsonHttp.Answer::body);
    }

    /** The node whose outbound port the simulator's socket is connected to. */
    Optional<Node> socketHolder() {
        return outbound().filter(o -> o.path("connected").asBoolean()).map(o -> {
            int port = URI.create(o.get("uri").asText()).getPort();
            return nodes.stream().filter(n -> n.outboundPort == port).findFirst()
                    .orElseThrow(() -> new AssertionError("the simulator is connected to no node's port: " + o));
        });
    }

    /** The running node hosting queue {@code name} now (per its GET /api/cluster). */
    Optional<Node> queueHost(String name) {
        return nodes.stream().filter(Node::alive).filter(n -> cluster(n).map(c -> {
            List<String> ids = new ArrayList<>();
            c.path("hosted").path("Queue").path("shards").forEach(s -> s.forEach(id -> ids.add(id.asText())));
            return ids.contains(name);
        }).orElse(false)).findFirst();
    }

    Optional<JsonNode> cluster(Node node) {
        return http.tryGet(node.api() + "/api/cluster", JsonHttp.bearer(TOKEN)).filter(JsonHttp.Answer::ok)
                .map(JsonHttp.Answer::body);
    }

    private static List<String> upMembers(JsonNode cluster) {
        List<String> up = new ArrayList<>();
        cluster.get("members").forEach(m -> {
            if (m.get("status").asText().equals("up")) {
                up.add(m.get("address").asText());
            }
        });
        return up;
    }

    /** Agents 1 to 3 log in to support through {@code node}'s API (their phones need not exist yet). */
    void loginAgents(Node node) {
        for (String agent : AGENTS) {
            String login = "{\"asteriskId\": \"sim\", \"endpoint\": \"PJSIP/" + agent + "\", \"queues\": {\"support\": 0}}";
            await(agent + " logs in", Duration.ofSeconds(30), () -> http.trySend("POST", node.api() + "/api/agents/"
                    + agent + "/login", login, JsonHttp.bearer(TOKEN)).filter(JsonHttp.Answer::ok).isPresent());
        }
    }

    /** The agents' phones in the simulator answer 1 s after they ring. */
    void scriptAgentPhones() {
        for (String agent : AGENTS) {
            JsonHttp.Answer scripted = http.send("PUT", sim() + "/sim/endpoints/PJSIP/" + agent
                    + "?behaviour=answer&answerAfterMs=1000", null, null);
            assertTrue(scripted.ok(), "scripting " + agent + "'s phone: " + scripted);
        }
    }

    /** Any running node other than {@code except}. */
    Node survivor(Node except) {
        return nodes.stream().filter(n -> n != except && n.alive()).findFirst().orElseThrow();
    }

    /** Polls {@code done} every 200 ms until it holds; fails naming {@code what} after {@code within}. */
    static void await(String what, Duration within, Supplier<Boolean> done) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!done.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within.toSeconds() + " s: " + what);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what, e);
            }
        }
    }

    /** The last lines of every process's output, for a failure's report. */
    String tails(int lines) {
        StringBuilder out = new StringBuilder();
        List<ManagedProcess> all = new ArrayList<>();
        nodes.stream().filter(n -> n.process != null).forEach(n -> all.add(n.process));
        if (sim != null) {
            all.add(sim);
        }
        for (ManagedProcess p : all) {
            out.append("\n----- last ").append(lines).append(" lines of ").append(p.name).append(" (").append(p.log)
                    .append(p.alive() ? "" : ", ended").append(") -----\n").append(p.tail(lines)).append('\n');
        }
        return out.toString();
    }

    @Override
    public void close() {
        for (Node node : nodes) {
            if (node.process != null && node.process.alive()) {
                node.process.killHard();
            }
        }
        if (sim != null && sim.alive()) {
            sim.killHard();
        }
    }

    private static List<Integer> freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // only reserved to pick distinct ports
                }
            }
        }
    }
}
