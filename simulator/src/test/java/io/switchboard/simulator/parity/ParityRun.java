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
        List<JsonNode> replayed = new ArrayList<>(new StepReplayer(sim).run(steps));
        List<JsonNode> captured = new ArrayList<>();
        capture.get("timeline").forEach(captured::add);
        List<String> problems = new ArrayList<>();
        replayed.stream().filter(e -> "note".equals(e.path("kind").asText()) && e.path("text").asText().startsWith("TIMEOUT"))
                .forEach(e -> problems.add(e.get("text").asText()));
        problems.addAll(TimelineDigest.of(captured).diff(TimelineDigest.of(replayed)));
        return problems;
    }
}
