package io.switchboard.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.simulator.clock.SimClock;
import io.switchboard.simulator.parity.ParityRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Replays every capture script against the simulator and compares with the real Asterisk capture. */
class TranscriptParityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path REPLAYS = Path.of("target/parity-replays");

    @Test
    void everyScenarioMatchesItsCapture() throws Exception {
        Path dir = TranscriptFiles.dir();
        List<Path> captures = jsonFiles(dir);
        List<Path> scripts = jsonFiles(dir.resolve("steps"));
        assertFalse(captures.isEmpty(), "no captures in " + dir);
        List<String> unpaired = new ArrayList<>();
        captures.stream().filter(c -> !Files.isRegularFile(stepsOf(dir, c))).forEach(c -> unpaired.add("no script for " + c.getFileName()));
        scripts.stream().filter(s -> captures.stream().noneMatch(c -> stepsOf(dir, c).equals(s)))
                .forEach(s -> unpaired.add("no capture for " + s.getFileName()));
        assertTrue(unpaired.isEmpty(), String.join("; ", unpaired));

        int passed = 0;
        int replayed = 0;
        List<String> report = new ArrayList<>();
        for (Path capture : captures) {
            String name = capture.getFileName().toString().replace(".json", "");
            JsonNode steps = JSON.readTree(stepsOf(dir, capture).toFile());
            JsonNode recorded = JSON.readTree(capture.toFile());
            List<String> problems;
            try (SimulatedAsterisk sim = SimulatedAsterisk.start(SimConfig.defaults().withClock(SimClock.manual()))) {
                List<JsonNode> timeline = ParityRun.replay(sim, steps);
                replayed++;
                // kept for reading the differences: target/parity-replays/<scenario>.json
                Files.createDirectories(REPLAYS);
                JSON.writerWithDefaultPrettyPrinter().writeValue(REPLAYS.resolve(name + ".json").toFile(), timeline);
                problems = ParityRun.compare(recorded, timeline);
            } catch (Exception e) {
                problems = List.of("replay failed: " + e);
            }
            if (problems.isEmpty()) {
                passed++;
            } else {
                report.add("== " + name + "\n  " + String.join("\n  ", problems));
            }
        }
        report.forEach(System.out::println);
        System.out.println("transcript parity: " + passed + "/" + captures.size() + " scenarios");
        assertEquals(captures.size(), replayed, "every capture must be replayed");
        assertEquals(captures.size(), passed, "transcript parity: " + passed + "/" + captures.size());
    }

    private static Path stepsOf(Path dir, Path capture) {
        return dir.resolve("steps").resolve(capture.getFileName().toString().replace(".json", ".steps.json"));
    }

    private static List<Path> jsonFiles(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }
}
