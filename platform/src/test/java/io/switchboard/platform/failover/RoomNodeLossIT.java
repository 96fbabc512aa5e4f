package io.switchboard.platform.failover;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.platform.failover.FailoverCluster.Node;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 14, "a room survives its node": three Switchboard nodes (separate JVMs on the shaded jar) on one
 * PostgreSQL journal, the simulated Asterisk in its own JVM connecting out to them. Four callers are in room
 * {@code board} (one came in by the admin PIN); one is muted and the room locked. The node hosting the room is
 * killed with SIGKILL, and right after it one member hangs up. The room must resume on a survivor with the same
 * members, roles, mute and lock, without the member who hung up, in the bridge Asterisk kept; and it must still
 * close when the others leave. Run by Failsafe in {@code mvn verify}. Processes' output: target/failover/.
 */
class RoomNodeLossIT {
    private static final String ROOM = "board";

    @RegisterExtension
    static final ScenarioDatabases scenarios = new ScenarioDatabases();

    @Test
    void aRoomWhoseNodeIsKilledResumesElsewhereWithItsMembersRolesAndMute() throws Exception {
        FailoverCluster cluster = scenarios.cluster("room-node");
        try {
            cluster.startNodes(Duration.ofSeconds(90));
            cluster.startSimulator(cluster.nodes);
            cluster.awaitOutboundConnected(Duration.ofSeconds(60));
            Node first = cluster.nodes.get(0);

            String chair = enter(cluster, "Chair <5550100>", "4321#");
            List<String> members = new ArrayList<>(List.of(chair));
            for (int i = 1; i <= 3; i++) {
                members.add(enter(cluster, "Member " + i + " <555010" + i + ">", "#"));
            }
            String room = first.api() + "/api/conferences/" + ROOM;
            try {
                FailoverCluster.await("four members in the room", Duration.ofSeconds(60), () -> Set.copyOf(
                        memberIds(cluster, room)).equals(Set.copyOf(members)));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; the room: " + get(cluster, room).orElse(null)
                        + "; the simulator's calls: " + cluster.http.get(cluster.sim() + "/sim/calls", null).body(), e);
            }
            String muted = members.get(1);
            String leaving = members.get(2);
            assertTrue(post(cluster, room + "/members/" + muted + "/mute").ok());
            assertTrue(post(cluster, room + "/lock").ok());

            Node host = roomHost(cluster).orElseThrow(() -> new AssertionError("no node hosts the room"));
            say("killing " + host + ", which hosts room " + ROOM + " (socket on "
                    + cluster.socketHolder().map(Node::toString).orElse("no node") + ")");
            long killedAt = System.nanoTime();
            host.process.killHard();
            JsonHttp.Answer hungUp = cluster.http.send("POST", cluster.sim() + "/sim/channels/" + leaving + "/hangup",
                    null, null);
            assertTrue(hungUp.ok(), "hanging up " + leaving + ": " + hungUp);

            Node survivor = cluster.survivor(host);
            String roomThere = survivor.api() + "/api/conferences/" + ROOM;
            List<String> stay = members.stream().filter(m -> !m.equals(leaving)).toList();
            FailoverCluster.await("the room back on a survivor without the member who hung up",
                    Duration.ofSeconds(90), () -> Set.copyOf(memberIds(cluster, roomThere)).equals(Set.copyOf(stay)));
            JsonNode back = get(cluster, roomThere).orElseThrow();
            say("room back on " + roomHost(cluster).map(Node::toString).orElse("(not found)") + ", "
                    + Duration.ofNanos(System.nanoTime() - killedAt).toMillis() + " ms after the kill: " + back);
            assertAll("the room after its node's loss",
                    () -> assertTrue(back.get("locked").asBoolean(), "still locked"),
                    () -> assertTrue(member(back, chair).get("admin").asBoolean(), "the chair still admin"),
                    () -> assertTrue(member(back, chair).get("marked").asBoolean(), "the chair still marked"),
                    () -> assertTrue(member(back, muted).get("muted").asBoolean(), "the muted member still muted"),
                    () -> assertFalse(member(back, members.get(3)).get("muted").asBoolean()),
                    () -> assertEquals(Set.copyOf(stay), Set.copyOf(bridgeChannels(cluster)), "the bridge Asterisk kept"));

            for (String member : stay) {
                cluster.http.send("POST", cluster.sim() + "/sim/channels/" + member + "/hangup", null, null);
            }
            FailoverCluster.await("the room closed and its bridge destroyed", Duration.ofSeconds(60),
                    () -> bridgeChannels(cluster) == null);
        } catch (Throwable failure) {
            say("FAILED: " + failure.getMessage() + cluster.tails(60));
            throw failure;
        } finally {
            cluster.close();
        }
    }

    /** A caller into Stasis(callcenter, conference, board) who types {@code digits} when asked for the PIN. */
    private static String enter(FailoverCluster cluster, String callerId, String digits) {
        JsonHttp.Answer placed = cluster.http.send("POST", cluster.sim() + "/sim/calls/inbound?args=conference,"
                + ROOM + "&behaviour=answer&callerId=" + URLEncoder.encode(callerId, StandardCharsets.UTF_8)
                .replace("+", "%20"), null,
                null);
        assertTrue(placed.ok(), "placing " + callerId + ": " + placed);
        String channel = placed.body().get("channelId").asText();
        // answered, the flow asks for the PIN: digits typed over the prompt, or before it, count alike
        FailoverCluster.await(callerId + " answered", Duration.ofSeconds(30), () -> answered(cluster, channel));
        JsonHttp.Answer typed = cluster.http.send("POST", cluster.sim() + "/sim/channels/" + channel
                + "/digits?digits=" + URLEncoder.encode(digits, StandardCharsets.UTF_8) + "&gapMs=200", null, null);
        assertTrue(typed.ok(), "typing for " + callerId + ": " + typed);
        return channel;
    }

    private static boolean answered(FailoverCluster cluster, String channel) {
        JsonHttp.Answer answer = cluster.http.send("GET", cluster.sim() + "/ari/channels/" + channel, null,
                FailoverCluster.ARI_AUTH);
        return answer.ok() && answer.body().get("state").asText().equals("Up");
    }

    private static List<String> memberIds(FailoverCluster cluster, String room) {
        List<String> ids = new ArrayList<>();
        get(cluster, room).ifPresent(r -> r.get("members").forEach(m -> ids.add(m.get("channelId").asText())));
        return ids;
    }

    private static Optional<JsonNode> get(FailoverCluster cluster, String url) {
        return cluster.http.tryGet(url, JsonHttp.bearer(FailoverCluster.TOKEN)).filter(JsonHttp.Answer::ok)
                .map(JsonHttp.Answer::body);
    }

    private static JsonHttp.Answer post(FailoverCluster cluster, String url) {
        return cluster.http.send("POST", url, null, JsonHttp.bearer(FailoverCluster.TOKEN));
    }

    private static JsonNode member(JsonNode room, String channelId) {
        for (JsonNode m : room.get("members")) {
            if (m.get("channelId").asText().equals(channelId)) {
                return m;
            }
        }
        throw new AssertionError("no member " + channelId + " in " + room);
    }

    /** The channels in the room's bridge as Asterisk has it; null when there is no such bridge. */
    private static List<String> bridgeChannels(FailoverCluster cluster) {
        JsonHttp.Answer bridge = cluster.http.send("GET", cluster.sim() + "/ari/bridges/conf-" + ROOM, null,
                FailoverCluster.ARI_AUTH);
        if (bridge.status() == 404) {
            return null;
        }
        List<String> channels = new ArrayList<>();
        bridge.body().get("channels").forEach(c -> channels.add(c.asText()));
        return channels;
    }

    /** The running node hosting the room's entity now (per its GET /api/cluster). */
    private static Optional<Node> roomHost(FailoverCluster cluster) {
        return cluster.nodes.stream().filter(Node::alive).filter(n -> cluster.cluster(n).map(c -> {
            List<String> ids = new ArrayList<>();
            c.path("hosted").path("ConferenceRoom").path("shards").forEach(s -> s.forEach(id -> ids.add(id.asText())));
            return ids.contains("sim/" + ROOM);
        }).orElse(false)).findFirst();
    }

    private static void say(String line) {
        System.out.println("[RoomNodeLossIT] " + line);
    }
}
