package io.switchboard.simulator.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.simulator.SimConfig;
import io.switchboard.simulator.SimulatedAsterisk;
import io.switchboard.simulator.TranscriptFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SpecValidatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SpecValidator spec = SpecValidator.bundled();

    @Test
    void everyRouteTheSimulatorServesIsASpecOperation() {
        List<String> problems = new ArrayList<>();
        for (String route : servedRoutes()) {
            String[] parts = route.split(" ", 2);
            problems.addAll(spec.validateRoute(parts[0], parts[1]));
        }
        assertEquals(List.of(), problems);
    }

    /** A report, not a rule: configuration, modules, logging and messaging are not simulated. */
    @Test
    void reportsWhichSpecOperationsAreServed() {
        List<String> served = servedRoutes().stream()
                .map(r -> r.replaceAll("\\{[^}]+}", "{}")).toList();
        List<String> missing = spec.spec().routes().stream()
                .map(r -> r.method() + " " + r.path().substring(1).replaceAll("\\{[^}]+}", "{}"))
                .filter(r -> !served.contains(r)).toList();
        int total = spec.spec().routes().size();
        System.out.println("ARI operations served by the simulator: " + (total - missing.size()) + "/" + total
                + "; not simulated: " + missing);
        assertTrue(missing.size() < total / 3, "most of the spec is served");
    }

    private static List<String> servedRoutes() {
        try (SimulatedAsterisk sim = SimulatedAsterisk.start()) {
            return sim.ariRoutes();
        }
    }

    @Test
    void realAsteriskEventsOfTheCapturesValidate() throws Exception {
        Path dir = TranscriptFiles.dir();
        List<String> problems = new ArrayList<>();
        int events = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                for (JsonNode entry : JSON.readTree(file.toFile()).get("timeline")) {
                    if ("event".equals(entry.path("kind").asText())) {
                        events++;
                        spec.validateEvent(entry.get("event")).forEach(p -> problems.add(file.getFileName() + " " + p));
                    }
                }
            }
        }
        assertTrue(events > 500, "captures hold events");
        assertEquals(List.of(), problems.stream().distinct().toList());
    }

    @Test
    void reportsMissingRequiredWrongTypeUnknownPropertyAndBadEnum() {
        ObjectNode event = JSON.createObjectNode().put("type", "ChannelHold").put("application", "x")
                .put("timestamp", 5).put("bogus", true);
        List<String> problems = spec.validateEvent(event);
        assertTrue(problems.contains("ChannelHold.channel: required by the spec, missing"), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("ChannelHold.timestamp: expected Date")), problems.toString());
        assertTrue(problems.contains("ChannelHold.bogus: not a property of ChannelHold in the spec"), problems.toString());
        assertTrue(spec.validateEvent(JSON.createObjectNode().put("type", "NoSuchEvent")).get(0).contains("NoSuchEvent"));
        ObjectNode playback = JSON.createObjectNode().put("id", "p").put("media_uri", "sound:x").put("target_uri", "channel:c")
                .put("language", "en").put("state", "waiting");
        assertEquals(1, spec.validateValue("Playback", playback).size());
        assertEquals(List.of("GET /nowhere: path not in the spec"), spec.validateRoute("GET", "nowhere"));
        assertEquals(List.of("PATCH /channels: method not in the spec"), spec.validateRoute("PATCH", "channels"));
    }

    @Test
    void aSimulatorWithTheCheckOnCollectsNoViolationsForAPlainCall() {
        try (SimulatedAsterisk sim = SimulatedAsterisk.start(SimConfig.defaults().withSpecCheck(true))) {
            sim.calls().inbound("support", "answer", "Alice <5551001>");
            assertEquals(List.of(), sim.specViolations());
        }
    }
}
