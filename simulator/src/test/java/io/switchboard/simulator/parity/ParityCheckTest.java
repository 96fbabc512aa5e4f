package io.switchboard.simulator.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.simulator.SimConfig;
import io.switchboard.simulator.SimulatedAsterisk;
import io.switchboard.simulator.TranscriptFiles;
import io.switchboard.simulator.clock.SimClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parity comparison can fail: deliberately altered captures, and replays that break their script, are caught. */
class ParityCheckTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonNode capture;
    private static List<JsonNode> replay;

    @BeforeAll
    static void replayRestBasics() throws Exception {
        Path dir = TranscriptFiles.dir();
        capture = JSON.readTree(dir.resolve("01-rest-basics.json").toFile());
        try (SimulatedAsterisk sim = SimulatedAsterisk.start(SimConfig.defaults().withClock(SimClock.manual()))) {
            replay = ParityRun.replay(sim, JSON.readTree(dir.resolve("steps/01-rest-basics.steps.json").toFile()));
        }
    }

    @Test
    void theUnalteredCaptureMatches() {
        assertEquals(List.of(), ParityRun.compare(capture, replay));
    }

    @Test
    void aChangedCallerIdInOneEventIsADifference() {
        List<String> problems = ParityRun.compare(altered(timeline -> {
            ObjectNode caller = (ObjectNode) first(timeline, "event", e -> "StasisStart".equals(e.path("event").path("type").asText()))
                    .path("event").path("channel").path("caller");
            caller.put("number", "5550000");
        }), replay);
        assertOne(problems, "ws1 channel dup-1", "5550000");
    }

    @Test
    void anAlteredSuccessBodyIsADifference() {
        List<String> problems = ParityRun.compare(altered(timeline -> {
            ObjectNode variable = (ObjectNode) first(timeline, "rest",
                    e -> e.path("uri").asText().equals("/asterisk/variable?variable=CC_OPEN")).get("response");
            variable.put("value", "no");
        }), replay);
        assertOne(problems, "rest #", "{\"value\":\"no\"}", "{\"value\":\"yes\"}");
    }

    @Test
    void aMissingWebSocketRefusalIsADifference() {
        List<String> problems = ParityRun.compare(altered(timeline -> {
            for (int i = 0; i < timeline.size(); i++) {
                if ("ws-badauth".equals(timeline.get(i).path("socket").asText())) {
                    timeline.remove(i);
                    return;
                }
            }
        }), replay);
        assertOne(problems, "websocket ws-badauth only in replay");
    }

    @Test
    void aDifferentRefusalStatusOrCloseCodeIsADifference() {
        List<String> refused = ParityRun.compare(altered(timeline -> ((ObjectNode) first(timeline, "ws",
                e -> "ws-badauth".equals(e.path("socket").asText()))).put("status", 403)), replay);
        assertOne(refused, "websocket ws-badauth", "failed 403");
        List<String> closed = ParityRun.compare(altered(timeline -> ((ObjectNode) first(timeline, "ws",
                e -> "closed".equals(e.path("action").asText()))).put("code", 1011)), replay);
        assertOne(closed, "websocket ws1", "closed 1011");
    }

    @Test
    void anAwaitConsumesItsEventAndAnAbsentEventThatComesIsAMismatch() throws Exception {
        JsonNode steps = JSON.readTree("""
                {"steps": [
                  {"ws": "open", "name": "ws1", "apps": "callcenter"},
                  {"rest": {"method": "POST", "path": "/channels", "query": {"endpoint": "Local/answer@sim", "app": "callcenter",
                            "channelId": "out-1", "otherChannelId": "phone-out-1"}}},
                  {"await": {"type": "StasisStart", "match": {"channel.id": "out-1"}}},
                  {"await": {"type": "StasisStart", "match": {"channel.id": "out-1"}, "timeout_ms": 500}},
                  {"await": {"type": "ChannelStateChange", "match": {"channel.id": "out-1"}, "timeout_ms": 500, "absent": true}}
                ]}""");
        List<JsonNode> timeline;
        try (SimulatedAsterisk sim = SimulatedAsterisk.start(SimConfig.defaults().withClock(SimClock.manual()))) {
            timeline = ParityRun.replay(sim, steps);
        }
        ObjectNode itself = JSON.createObjectNode();
        itself.putArray("timeline").addAll(timeline);
        // compared with itself, only the replay's own failures remain
        List<String> problems = ParityRun.compare(itself, timeline);
        assertEquals(2, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("TIMEOUT waiting for") && problems.get(0).contains("StasisStart"), problems.get(0));
        assertTrue(problems.get(1).startsWith("UNEXPECTED event for an absent step") && problems.get(1).contains("ChannelStateChange"),
                problems.get(1));
    }

    @Test
    void aFolderWithoutCapturesOrWithAnUnpairedFileIsRefused(@TempDir Path dir) throws Exception {
        assertRefused(dir, "no captures");
        Files.createDirectories(dir.resolve("steps"));
        Files.copy(TranscriptFiles.dir().resolve("01-rest-basics.json"), dir.resolve("01-rest-basics.json"));
        assertRefused(dir, "no script for 01-rest-basics.json");
        Files.copy(TranscriptFiles.dir().resolve("steps/01-rest-basics.steps.json"), dir.resolve("steps/01-rest-basics.steps.json"));
        Files.copy(TranscriptFiles.dir().resolve("steps/02-originate-answer-play-hangup.steps.json"),
                dir.resolve("steps/02-originate-answer-play-hangup.steps.json"));
        assertRefused(dir, "no capture for 02-originate-answer-play-hangup");
    }

    private static void assertOne(List<String> problems, String start, String... contained) {
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith(start), problems.get(0));
        for (String text : contained) {
            assertTrue(problems.get(0).contains(text), () -> "no " + text + " in " + problems.get(0));
        }
    }

    private static void assertRefused(Path dir, String message) {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> ParitySuite.run(dir, null));
        assertTrue(refused.getMessage().contains(message), refused.getMessage());
    }

    private static JsonNode altered(Consumer<ArrayNode> change) {
        JsonNode copy = capture.deepCopy();
        change.accept((ArrayNode) copy.get("timeline"));
        return copy;
    }

    private static JsonNode first(ArrayNode timeline, String kind, java.util.function.Predicate<JsonNode> which) {
        for (JsonNode e : timeline) {
            if (kind.equals(e.path("kind").asText()) && which.test(e)) {
                return e;
            }
        }
        throw new AssertionError("no such " + kind + " entry in the capture");
    }
}
