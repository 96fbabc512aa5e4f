package io.switchboard.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.simulator.parity.ParitySuite;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Replays every capture script against the simulator and compares with the real Asterisk capture. */
class TranscriptParityTest {

    @Test
    void everyScenarioMatchesItsCapture() throws Exception {
        // each replay is kept for reading the differences: target/parity-replays/<scenario>.json
        ParitySuite.Result result = ParitySuite.run(TranscriptFiles.dir(), Path.of("target/parity-replays"));
        result.report().forEach(System.out::println);
        System.out.println(result.summary());
        assertEquals(result.captures(), result.replayed(), "every capture must be replayed");
        assertEquals(result.captures(), result.passed(), result.summary());
    }
}
