package io.switchboard.simulator.parity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.simulator.SimConfig;
import io.switchboard.simulator.SimulatedAsterisk;
import io.switchboard.simulator.clock.SimClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every capture of a folder ({@code NN-name.json}) replayed from its script ({@code steps/NN-name.steps.json}).
 * A folder without captures, a capture without a script or a script without a capture is refused.
 */
public final class ParitySuite {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the replay of a folder gave: how many captures, how many were replayed and matched, the differences. */
    public record Result(int captures, int replayed, int passed, List<String> report) {
        public String summary() {
            return "transcript parity: " + passed + "/" + captures + " scenarios";
        }
    }

    private ParitySuite() {
    }

    /** Replays every capture of {@code dir}; each replay is also written to {@code replays} (null for none). */
    public static Result run(Path dir, Path replays) throws IOException {
        List<Path> captures = jsonFiles(dir);
        List<Path> scripts = jsonFiles(dir.resolve("steps"));
        if (captures.isEmpty()) {
            throw new IllegalStateException("no captures in " + dir);
        }
        List<String> unpaired = new ArrayList<>();
        captures.stream().filter(c -> !Files.isRegularFile(stepsOf(dir, c))).forEach(c -> unpaired.add("no script for " + c.getFileName()));
        scripts.stream().filter(s -> captures.stream().noneMatch(c -> stepsOf(dir, c).equals(s)))
                .forEach(s -> unpaired.add("no capture for " + s.getFileName()));
        if (!unpaired.isEmpty()) {
            throw new IllegalStateException(String.join("; ", unpaired));
        }
        int passed = 0;
        int replayed = 0;
        List<String> report = new ArrayList<>();
        for (Path capture : captures) {
            String name = capture.getFileName().toString().replace(".json", "");
            List<String> problems;
            try (SimulatedAsterisk sim = SimulatedAsterisk.start(SimConfig.defaults().withClock(SimClock.manual()))) {
                List<JsonNode> timeline = ParityRun.replay(sim, JSON.readTree(stepsOf(dir, capture).toFile()));
                replayed++;
                if (replays != null) {
                    Files.createDirectories(replays);
                    JSON.writerWithDefaultPrettyPrinter().writeValue(replays.resolve(name + ".json").toFile(), timeline);
                }
                problems = ParityRun.compare(JSON.readTree(capture.toFile()), timeline);
            } catch (Exception e) {
                problems = List.of("replay failed: " + e);
            }
            if (problems.isEmpty()) {
                passed++;
            } else {
                report.add("== " + name + "\n  " + String.join("\n  ", problems));
            }
        }
        return new Result(captures.size(), replayed, passed, report);
    }

    private static Path stepsOf(Path dir, Path capture) {
        return dir.resolve("steps").resolve(capture.getFileName().toString().replace(".json", ".steps.json"));
    }

    private static List<Path> jsonFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }
}
