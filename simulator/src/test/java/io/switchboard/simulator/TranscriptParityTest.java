package io.switchboard.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.simulator.clock.SimClock;
import io.switchboard.simulator.parity.ParityRun;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Replays every capture script against the simulator and compares with the real Asterisk capture. */
class TranscriptParityTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyScenarioMatchesItsCapture() throws Exception {
        Path dir = TranscriptFiles.dir();
        List<Path> captures;
        try (Stream<Path> files = Files.list(dir)) {
            captures = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        int passed = 0;
        List<String> report = new ArrayList<>();
        for (Path capture : captures) {
            String name = capture.getFileName().toString().replace(".json", "");
            JsonNode steps = JSON.readTree(new File(dir.toFile(), "steps/" + name + ".steps.json"));
            JsonNode recorded = JSON.readTree(capture.toFile());
            List<String> problems;
            try (SimulatedAsterisk sim = SimulatedAsterisk.start(SimConfig.defaults().withClock(SimClock.manual()))) {
                problems = ParityRun.compare(sim, steps, recorded);
            }
            if (problems.isEmpty()) {
                passed++;
            } else {
                report.add("== " + name + "\n  " + String.join("\n  ", problems));
            }
        }
        report.forEach(System.out::println);
        System.out.println("transcript parity: " + passed + "/" + captures.size() + " scenarios");
        assertEquals(captures.size(), passed, "transcript parity: " + passed + "/" + captures.size());
    }
}
