package io.switchboard.actors.gateway;

import java.util.Arrays;

/**
 * How long the gateway's commands take, from the request to the answer handed back (retries included): totals
 * since start for rates and means, and percentiles of the most recent commands for what is happening now.
 * Recorded from the gateway and from the threads that complete its commands, hence synchronized.
 */
final class CommandLatency {
    /** The recent window: enough for a stable p99, small enough to sort at every scrape. */
    static final int RECENT = 1024;

    private final long[] recentMicros = new long[RECENT];
    private int recentCount;
    private int next;
    private long answered;
    private long failed;
    private long totalMicros;

    synchronized void record(long micros, boolean succeeded) {
        answered++;
        if (!succeeded) {
            failed++;
        }
        totalMicros += micros;
        recentMicros[next] = micros;
        next = (next + 1) % RECENT;
        recentCount = Math.min(recentCount + 1, RECENT);
    }

    synchronized CommandStats stats() {
        long[] recent = Arrays.copyOf(recentMicros, recentCount);
        Arrays.sort(recent);
        return new CommandStats(answered, failed, totalMicros / 1e6, percentile(recent, 0.50),
                percentile(recent, 0.99));
    }

    /** Nearest-rank percentile in seconds; 0 before the first command. */
    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }
}
