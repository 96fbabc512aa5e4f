package io.switchboard.actors.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/** The common pool keeps at least two threads (or whatever was configured), so async steps share threads. */
class CommonPoolTest {

    @Test
    void anUnsetParallelismBecomesTwoOnSmallMachinesAndAConfiguredOneIsKept() {
        String configured = System.getProperty(CommonPool.PARALLELISM);
        int parallelism = CommonPool.ensureParallel();
        assertEquals(ForkJoinPool.getCommonPoolParallelism(), parallelism);
        if (configured != null) {
            assertEquals(configured, System.getProperty(CommonPool.PARALLELISM), "a configured value is kept");
        } else if (Runtime.getRuntime().availableProcessors() <= 2) {
            assertEquals("2", System.getProperty(CommonPool.PARALLELISM));
        }
        assertTrue(parallelism >= 1);
    }
}
