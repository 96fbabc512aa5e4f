package io.switchboard.platform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GET /api/cluster on a one-node demo cluster: the node is the only, oldest member and hosts every entity. */
class ClusterRoutesTest {
    @RegisterExtension
    static final ApiTestNode api = new ApiTestNode();

    @Test
    void theNodeIsTheOnlyUpMemberTheLeaderAndTheOldest() throws Exception {
        ApiTestNode.Answer cluster = api.await("/api/cluster", a -> a.status() == 200
                && "up".equals(a.body().get("selfStatus").asText()));
        JsonNode body = cluster.body();
        String self = body.get("self").asText();
        assertTrue(self.startsWith("pekko://switchboard@127.0.0.1:"), self);
        assertEquals(self, body.get("oldest").asText());
        assertEquals(self, body.get("leader").asText());
        assertEquals(1, body.get("members").size());
        JsonNode member = body.get("members").get(0);
        assertEquals(self, member.get("address").asText());
        assertEquals("up", member.get("status").asText());
        assertTrue(member.get("reachable").asBoolean());
        assertEquals(1, member.get("upNumber").asInt());
        assertTrue(rolesOf(member).contains("dc-default"), "Pekko's data-center role is listed: " + rolesOf(member));
        assertEquals(0, body.get("unreachable").size());
    }

    @Test
    void listsTheQueueAndTheAgentsThisNodeHosts() throws Exception {
        assertEquals(200, api.get("/api/queues/support").status(), "asking for the queue starts its entity");
        ApiTestNode.Answer cluster = api.await("/api/cluster", a -> a.status() == 200
                && hostedIds(a.body(), "Queue").contains("support")
                && hostedIds(a.body(), "Agent").containsAll(List.of("agent1", "agent2", "agent3")));
        JsonNode queues = cluster.body().get("hosted").get("Queue");
        assertEquals(hostedIds(cluster.body(), "Queue").size(), queues.get("entityCount").asInt());
        assertEquals(0, queues.get("unanswered").size());
        assertTrue(cluster.body().get("hosted").has("Channel"), "the channels' type is listed: " + cluster.text());
        assertFalse(cluster.body().get("hosted").has("NoSuchType"));
    }

    @Test
    void needsTheToken() {
        assertEquals(401, api.send("GET", "/api/cluster", null, java.util.Optional.empty()).status());
    }

    private static List<String> rolesOf(JsonNode member) {
        List<String> roles = new ArrayList<>();
        member.get("roles").forEach(r -> roles.add(r.asText()));
        return roles;
    }

    /** Every entity id of {@code type} in any shard this node hosts. */
    static List<String> hostedIds(JsonNode cluster, String type) {
        List<String> ids = new ArrayList<>();
        JsonNode hosted = cluster.get("hosted").get(type);
        if (hosted != null) {
            hosted.get("shards").forEach(shard -> shard.forEach(id -> ids.add(id.asText())));
        }
        return ids;
    }
}
