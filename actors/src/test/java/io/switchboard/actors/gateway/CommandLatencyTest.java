package io.switchboard.actors.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CommandLatencyTest {

    @Test
    void nothingRecordedIsAllZero() {
        assertEquals(CommandStats.NONE, new CommandLatency().stats());
    }

    @Test
    void totalsCountEveryCommandAndPercentilesTheRecentOnes() {
        CommandLatency latency = new CommandLatency();
        for (int ms = 1; ms <= 100; ms++) {
            latency.record(ms * 1_000L, ms % 10 != 0);
        }
        CommandStats stats = latency.stats();
        assertEquals(100, stats.answered());
        assertEquals(10, stats.failed());
        assertEquals(5.050, stats.totalSeconds(), 1e-9);
        assertEquals(0.050, stats.recentP50(), 1e-9);
        assertEquals(0.099, stats.recentP99(), 1e-9);
    }

    @Test
    void percentilesForgetWhatFellOutOfTheRecentWindow() {
        CommandLatency latency = new CommandLatency();
        for (int i = 0; i < CommandLatency.RECENT; i++) {
            latency.record(1_000_000, true);
        }
        for (int i = 0; i < CommandLatency.RECENT; i++) {
            latency.record(2_000, true);
        }
        CommandStats stats = latency.stats();
        assertEquals(0.002, stats.recentP99(), 1e-9);
        assertEquals(2L * CommandLatency.RECENT, stats.answered());
        assertEquals(CommandLatency.RECENT * (1.0 + 0.002), stats.totalSeconds(), 1e-6);
    }
}
