package io.switchboard.simulator.parity;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.simulator.SimulatedAsterisk;
import java.util.ArrayList;
import java.util.List;

/** One scenario: replay its steps, digest both timelines, list the differences. */
public final class ParityRun {
    private ParityRun() {
    }

    public static List<String> compare(SimulatedAsterisk sim, JsonNode steps, JsonNode capture) throws Exception {
        return compare(capture, replay(sim, steps));
    }

    /** The timeline the simulator produces for a capture script, in the capture's format. */
    public static List<JsonNode> replay(SimulatedAsterisk sim, JsonNode steps) throws Exception {
        return new ArrayList<>(new StepReplayer(sim).run(steps));
    }

    /** Differences between a capture and a replay: failed awaits, absent events that came, and digest differences. */
    public static List<String> compare(JsonNode capture, List<JsonNode> replayed) {
        List<JsonNode> captured = new ArrayList<>();
        capture.get("timeline").forEach(captured::add);
        List<String> problems = new ArrayList<>();
        replayed.stream().filter(e -> "note".equals(e.path("kind").asText()))
                .map(e -> e.path("text").asText())
                .filter(text -> text.startsWith("TIMEOUT") || text.startsWith("UNEXPECTED"))
                .forEach(problems::add);
        problems.addAll(TimelineDigest.of(captured).diff(TimelineDigest.of(replayed)));
        return problems;
    }
}
