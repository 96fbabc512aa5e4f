package io.switchboard.platform.failover;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.platform.failover.CallerFates.Caller;
import io.switchboard.platform.failover.CallerFates.Fate;
import io.switchboard.platform.failover.FailoverCluster.Node;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 11, "lose a node under traffic and lose no call": three Switchboard nodes (separate JVMs on the shaded
 * jar) on one PostgreSQL journal; the simulated Asterisk (its own JVM) connects out to them ({@code events =
 * outbound}). One caller arrives every second, each hanging up 10 s after the application answers it; three
 * agents answer after 1 s. At 12 s one node is killed with SIGKILL. Every caller must still reach the queue,
 * talk to an agent or hang up of their own accord; nothing may be left up or busy; the queue must count each
 * caller once; and the first caller after the kill must be answered within {@value #MAX_GAP_SECONDS} s of it.
 * Run by Failsafe in {@code mvn verify}, after the jars are packaged. Processes' output: target/failover/.
 */
class NodeLossIT {
    private static final int CALLERS = 40;
    private static final int KILL_AT_CALLER = 12;
    /**
     * The gap is failure detection, the dead node's removal and the shard coordinator's takeover: up to 4.9 s in
     * the runs on the 2-core build machine. The bound tells seconds from the tens of seconds a default cluster
     * takes, with room for a loaded CI machine; the gap itself is reported in the README, not asserted to the ms.
     */
    private static final long MAX_GAP_SECONDS = 8;
    private static final Duration FATE_WINDOW = Duration.ofSeconds(10);

    @RegisterExtension
    static final ScenarioDatabases scenarios = new ScenarioDatabases();

    @Test
    void losingTheNodeThatHoldsAsterisksSocketLosesNoCaller() throws Exception {
        run("socket-node", cluster -> cluster.nodes, cluster -> cluster.socketHolder()
                .orElseThrow(() -> new AssertionError("the simulator's socket is down at the time of the kill")));
    }

    @Test
    void losingTheNodeThatHostsTheQueueLosesNoCaller() throws Exception {
        run("queue-node", cluster -> {
            // the simulator tries the node hosting the queue last, so that its socket lands on another node
            Node queueNode = cluster.queueHost("support").orElseThrow();
            List<Node> order = new ArrayList<>(cluster.nodes);
            order.remove(queueNode);
            order.add(queueNode);
            return order;
        }, cluster -> {
            Node queueNode = cluster.queueHost("support")
                    .orElseThrow(() -> new AssertionError("no running node hosts queue support"));
            if (cluster.socketHolder().filter(queueNode::equals).isPresent()) {
                System.out.println("[NodeLossIT] note: queue support moved to " + queueNode
                        + ", which also holds the simulator's socket; killing it anyway");
            }
            return queueNode;
        });
    }

    /**
     * @param simulatorOrder the order in which the simulator tries the nodes' outbound ports
     * @param victim         the node to kill, chosen at the time of the kill
     */
    private void run(String scenario, Function<FailoverCluster, List<Node>> simulatorOrder,
                     Function<FailoverCluster, Node> victim) throws Exception {
        long began = System.nanoTime();
        FailoverCluster cluster = scenarios.cluster(scenario);
        try {
            cluster.startNodes(Duration.ofSeconds(90));
            Node first = cluster.nodes.get(0);
            cluster.loginAgents(first);
            // asking for the queue starts its entity on some node, where the second scenario finds it
            FailoverCluster.await("queue support answers", Duration.ofSeconds(30), () -> cluster.http.tryGet(
                    first.api() + "/api/queues/support", JsonHttp.bearer(FailoverCluster.TOKEN))
                    .filter(JsonHttp.Answer::ok).isPresent());
            cluster.startSimulator(simulatorOrder.apply(cluster));
            cluster.scriptAgentPhones();
            Node holder = cluster.awaitOutboundConnected(Duration.ofSeconds(60));
            say(scenario + ": cluster of 3 up, simulator connected to " + holder + ", queue support on "
                    + cluster.queueHost("support").map(Node::toString).orElse("(not found)") + " after "
                    + seconds(began) + " s");

            Set<String> placed = new LinkedHashSet<>();
            Instant killedAt = null;
            Node killed = null;
            Instant start = Instant.now();
            for (int i = 0; i < CALLERS; i++) {
                paceUntil(start.plusSeconds(i));
                if (i == KILL_AT_CALLER) {
                    killed = victim.apply(cluster);
                    say(scenario + ": killing " + killed + " with SIGKILL (socket on "
                            + cluster.socketHolder().map(Node::toString).orElse("no node") + ")");
                    killedAt = Instant.now();
                    killed.process.killHard();
                }
                placed.add(placeCaller(cluster, i + 1));
            }
            Node survivor = cluster.survivor(killed);
            awaitEveryCallEnded(cluster, placed);
            List<Caller> callers = CallerFates.of(cluster.http.get(cluster.sim() + "/sim/calls", null).body(), placed);
            Optional<Duration> gap = CallerFates.gap(callers, killedAt);
            say(scenario + ": " + killed + " killed; fates of the " + callers.size() + " callers:\n"
                    + CallerFates.table(callers, killedAt, FATE_WINDOW)
                    + CallerFates.timeline(callers, killedAt)
                    + "gap: the first caller placed after the kill was answered by the application "
                    + gap.map(g -> g.toMillis() + " ms after the kill").orElse("never") + "; of the callers placed "
                    + "after the kill, " + CallerFates.slowestAnswerAfter(callers, killedAt).orElse("none was answered"));

            // every check runs and reports, so that one run shows all that a node's loss broke
            Node survivorNode = survivor;
            Instant kill = killedAt;
            assertAll(scenario + ": what the loss of " + killed + " broke",
                    () -> assertEquals(placed.size(), callers.size(), "the simulator lists every caller placed"),
                    () -> assertEquals(List.of(), ids(callers, Fate.NEVER_REACHED_QUEUE),
                            "callers that never reached the queue"),
                    () -> {
                        JsonNode figures = awaitFigures(cluster, survivorNode, placed.size());
                        long saidSo = figures.get("timedOut").asLong() + figures.get("exitedEmpty").asLong()
                                + figures.get("exitedWithKey").asLong();
                        assertTrue(ids(callers, Fate.HUNG_UP_BY_APP).size() <= saidSo, "callers hung up by "
                                + "Switchboard while waiting, more than the queue's timeouts and exits (" + saidSo
                                + "): " + ids(callers, Fate.HUNG_UP_BY_APP));
                    },
                    () -> awaitNoChannelLeft(cluster),
                    () -> awaitAgentsAvailable(cluster, survivorNode),
                    () -> cluster.awaitClusterUp(Duration.ofSeconds(60)),
                    () -> assertTrue(gap.isPresent() && gap.get().toMillis() <= MAX_GAP_SECONDS * 1000, "the first "
                            + "caller after the kill must be answered within " + MAX_GAP_SECONDS + " s of it; gap "
                            + gap.map(Duration::toMillis).map(ms -> ms + " ms").orElse("endless") + " (kill at "
                            + kill + ")"));
            say(scenario + ": passed in " + seconds(began) + " s");
        } catch (Throwable failure) {
            say(scenario + ": FAILED after " + seconds(began) + " s: " + failure.getMessage() + cluster.tails(60));
            throw failure;
        } finally {
            cluster.close();
        }
    }

    private static void awaitNoChannelLeft(FailoverCluster cluster) {
        List<String> left = new ArrayList<>();
        try {
            FailoverCluster.await("no channel left up in Asterisk", Duration.ofSeconds(30), () -> {
                left.clear();
                cluster.http.get(cluster.sim() + "/ari/channels", FailoverCluster.ARI_AUTH).body().forEach(c ->
                        left.add(c.path("id").asText() + " (" + c.path("name").asText() + ", " + c.path("state")
                                .asText() + ", in " + c.path("dialplan").path("app_name").asText() + ")"));
                return left.isEmpty();
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": " + left, e);
        }
    }

    private static void awaitAgentsAvailable(FailoverCluster cluster, Node survivor) {
        java.util.Map<String, String> states = new java.util.TreeMap<>();
        try {
            FailoverCluster.await("every agent is available again", Duration.ofSeconds(30), () -> {
                for (String agent : FailoverCluster.AGENTS) {
                    cluster.http.tryGet(survivor.api() + "/api/agents/" + agent, JsonHttp.bearer(FailoverCluster.TOKEN))
                            .filter(JsonHttp.Answer::ok).ifPresent(a -> states.put(agent, a.body().get("state").asText()));
                }
                return states.size() == FailoverCluster.AGENTS.size()
                        && states.values().stream().allMatch("AVAILABLE"::equals);
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": " + states, e);
        }
    }

    private static String placeCaller(FailoverCluster cluster, int n) {
        String callerId = URLEncoder.encode("Caller " + n + " <55510" + String.format("%02d", n) + ">",
                StandardCharsets.UTF_8);
        JsonHttp.Answer placed = cluster.http.send("POST", cluster.sim() + "/sim/calls/inbound?queue=support"
                + "&behaviour=hangup-after-10&callerId=" + callerId, null, null);
        assertTrue(placed.ok(), "placing caller " + n + ": " + placed);
        return placed.body().get("channelId").asText();
    }

    private static void awaitEveryCallEnded(FailoverCluster cluster, Set<String> placed) {
        List<String> notEnded = new ArrayList<>(placed);
        try {
            FailoverCluster.await("every caller's call ended", Duration.ofSeconds(90), () -> {
                List<Caller> callers = CallerFates.of(cluster.http.get(cluster.sim() + "/sim/calls", null).body(),
                        placed);
                notEnded.clear();
                notEnded.addAll(placed);
                callers.stream().filter(c -> c.endedAt() != null).forEach(c -> notEnded.remove(c.channelId()));
                return notEnded.isEmpty();
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; still up or not listed by GET /sim/calls: " + notEnded, e);
        }
    }

    /** The survivor's figures of queue support once they count the callers placed; fails if they count more. */
    private static JsonNode awaitFigures(FailoverCluster cluster, Node survivor, int placed) {
        JsonNode[] last = new JsonNode[1];
        try {
            FailoverCluster.await("queue support counts " + placed + " callers offered", Duration.ofSeconds(30), () -> {
                cluster.http.tryGet(survivor.api() + "/api/queues/support", JsonHttp.bearer(FailoverCluster.TOKEN))
                        .filter(JsonHttp.Answer::ok).ifPresent(a -> last[0] = a.body().get("figures"));
                return last[0] != null && last[0].get("offered").asLong() >= placed;
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; last figures " + last[0], e);
        }
        assertEquals(placed, last[0].get("offered").asLong(), "each caller offered to the queue once: " + last[0]);
        return last[0];
    }

    private static List<String> ids(List<Caller> callers, Fate fate) {
        return callers.stream().filter(c -> c.fate() == fate).map(Caller::channelId).toList();
    }

    /** Traffic pacing (one caller a second is the scenario), not a wait for an outcome. */
    private static void paceUntil(Instant when) throws InterruptedException {
        long ms = Duration.between(Instant.now(), when).toMillis();
        if (ms > 0) {
            Thread.sleep(ms);
        }
    }

    private static long seconds(long sinceNanos) {
        return Duration.ofNanos(System.nanoTime() - sinceNanos).toSeconds();
    }

    private static void say(String line) {
        System.out.println("[NodeLossIT] " + line);
    }
}
