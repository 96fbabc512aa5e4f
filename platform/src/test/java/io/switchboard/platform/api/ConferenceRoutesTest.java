package io.switchboard.platform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** /api/conferences against the demo's simulated Asterisk: a room opened, a party dialled in, moderated, kicked. */
class ConferenceRoutesTest {
    @RegisterExtension
    static final ApiTestNode api = new ApiTestNode("""
            switchboard.demo.conference-talkers = 0
            switchboard.conferences.profiles.board { max-members = 5 }
            switchboard.conferences { profiles.desk { admin-pin = "4321" }, rooms.desk = desk }
            """);

    @Test
    void aRoomIsOpenedAPartyDialledInMutedLockedAndKicked() throws Exception {
        ApiTestNode.Answer opened = api.post("/api/conferences", "{\"room\": \"huddle\", \"profile\": \"board\"}");
        assertEquals(201, opened.status(), opened.text());
        assertEquals("board", opened.body().get("profile").asText());
        assertEquals(409, api.post("/api/conferences", "{\"room\": \"huddle\", \"profile\": \"default\"}").status());
        assertEquals(201, api.post("/api/conferences", "{\"room\": \"huddle\", \"profile\": \"board\"}").status(),
                "opening it again as it is changes nothing");
        api.await("/api/conferences", a -> listed(a.body(), "huddle"));

        ApiTestNode.Answer invited = api.post("/api/conferences/huddle/members",
                "{\"endpoint\": \"PJSIP/caller\", \"callerId\": \"Guest <5550142>\"}");
        assertEquals(201, invited.status(), invited.text());
        String member = invited.body().get("channelId").asText();
        ApiTestNode.Answer in = api.await("/api/conferences/huddle", a -> a.status() == 200
                && a.body().get("members").size() == 1);
        assertEquals(member, in.body().get("members").get(0).get("channelId").asText());

        String path = "/api/conferences/huddle/members/" + member;
        assertTrue(api.post(path + "/mute", null).body().get("members").get(0).get("muted").asBoolean());
        assertFalse(api.post(path + "/unmute", null).body().get("members").get(0).get("muted").asBoolean());
        assertTrue(api.post("/api/conferences/huddle/mute-all", null).body().get("members").get(0).get("muted")
                .asBoolean(), "a member who is not an admin is muted with all");
        assertFalse(api.post("/api/conferences/huddle/unmute-all", null).body().get("members").get(0).get("muted")
                .asBoolean());
        assertTrue(api.post("/api/conferences/huddle/lock", null).body().get("locked").asBoolean());
        assertEquals(409, api.post("/api/conferences/huddle/members", "{\"endpoint\": \"PJSIP/caller\"}").status(),
                "a locked room is not dialled into");
        assertFalse(api.post("/api/conferences/huddle/unlock", null).body().get("locked").asBoolean());

        ApiTestNode.Answer recording = api.post("/api/conferences/huddle/recording/start", null);
        assertEquals(200, recording.status(), recording.text());
        String name = recording.body().get("recording").asText();
        assertTrue(name.startsWith("conference-huddle-"), name);
        assertEquals(409, api.post("/api/conferences/huddle/recording/start", null).status());
        assertEquals(200, api.post("/api/conferences/huddle/recording/stop", null).status());
        assertEquals(409, api.post("/api/conferences/huddle/recording/stop", null).status());
        ApiTestNode.Answer stored = api.await("/api/conferences/huddle/recordings", a -> a.status() == 200
                && a.body().size() == 1);
        assertEquals(name, stored.body().get(0).get("name").asText());
        ApiTestNode.Answer file = api.send("GET", "/api/conferences/huddle/recordings/" + name + "/file", null,
                java.util.Optional.of(ApiTestNode.TOKEN));
        assertEquals(200, file.status());
        assertTrue(file.text().startsWith("RIFF"), "a WAV file");
        assertEquals(404, api.get("/api/conferences/huddle/recordings/conference-other-1/file").status());
        assertEquals(404, api.get("/api/conferences/huddle/recordings/conference-huddle-nope/file").status());
        assertEquals(404, api.post("/api/conferences/huddle/members/nobody/kick", null).status());

        ApiTestNode.Answer kicked = api.post(path + "/kick", null);
        assertEquals(200, kicked.status(), kicked.text());
        assertEquals(0, kicked.body().get("members").size());
        api.await("/api/conferences", a -> !listed(a.body(), "huddle"));
        assertEquals(404, api.get("/api/conferences/huddle").status(), "an empty room closes");
    }

    @Test
    void callersDialledInByTheDialplanTypeThePinOfAConfiguredRoom() throws Exception {
        var sim = api.node.simulator().orElseThrow();
        api.await("/ready", a -> a.status() == 200);
        String chair = sim.calls().inboundTo("callcenter", java.util.List.of("conference", "desk"), "answer",
                "Chair <5550100>").channelId();
        api.await("/api/calls/demo/" + chair, a -> a.status() == 200
                && a.body().get("call").get("state").asText().equals("Up"));
        sim.calls().pressDigits(chair, "4321#", java.time.Duration.ofMillis(200));
        String guest = sim.calls().inboundTo("callcenter", java.util.List.of("conference", "desk"), "answer",
                "Guest <5550101>").channelId();
        api.await("/api/calls/demo/" + guest, a -> a.status() == 200
                && a.body().get("call").get("state").asText().equals("Up"));
        sim.calls().pressDigits(guest, "#", java.time.Duration.ofMillis(200));
        ApiTestNode.Answer room = api.await("/api/conferences/desk", a -> a.status() == 200
                && a.body().get("members").size() == 2);
        for (JsonNode member : room.body().get("members")) {
            assertEquals(member.get("channelId").asText().equals(chair), member.get("admin").asBoolean(), room.text());
        }
        sim.calls().farEndHangup(chair);
        sim.calls().farEndHangup(guest);
        api.await("/api/conferences/desk", a -> a.status() == 200 && a.body().get("members").size() == 0);
    }

    @Test
    void badRequestsNameTheFieldAndUnknownRoomsAre404() {
        assertEquals(404, api.get("/api/conferences/nowhere").status());
        assertEquals(404, api.post("/api/conferences/nowhere/lock", null).status());
        assertEquals(404, api.post("/api/conferences/nowhere/members", "{\"endpoint\": \"PJSIP/caller\"}").status());
        assertEquals(404, api.get("/api/conferences/nowhere?asteriskId=pbx9").status());
        assertError(api.post("/api/conferences", "{}"), 400, "room:");
        assertError(api.post("/api/conferences", "{\"room\": \"two words\"}"), 400, "room:");
        assertError(api.post("/api/conferences", "{\"room\": \"r1\", \"profile\": \"nope\"}"), 400, "profile:");
        assertError(api.post("/api/conferences", "[1]"), 400, "body:");
        api.post("/api/conferences", "{\"room\": \"r2\"}");
        assertError(api.post("/api/conferences/r2/members", "{\"endpoint\": \"nonsense\"}"), 400, "endpoint:");
    }

    private static void assertError(ApiTestNode.Answer answer, int status, String start) {
        assertEquals(status, answer.status(), answer.text());
        assertTrue(answer.body().get("error").asText().startsWith(start), answer.text());
    }

    private static boolean listed(JsonNode rooms, String room) {
        return rooms != null && StreamSupport.stream(rooms.spliterator(), false)
                .anyMatch(r -> r.get("room").asText().equals(room));
    }
}
