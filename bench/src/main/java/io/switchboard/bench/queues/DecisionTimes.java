package io.switchboard.bench.queues;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Times from an agent becoming available to the bridge command that gives it its next caller. */
final class DecisionTimes {
    private final Map<String, Long> availableSince = new ConcurrentHashMap<>();
    private long[] nanos = new long[1 << 16];
    private int count;
    private volatile boolean recording;

    void available(String agentId) {
        availableSince.put(agentId, System.nanoTime());
    }

    synchronized void bridged(String agentId) {
        Long since = availableSince.remove(agentId);
        if (since == null || !recording) {
            return;
        }
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = System.nanoTime() - since;
    }

    synchronized void start() {
        count = 0;
        recording = true;
    }

    synchronized long[] stop() {
        recording = false;
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        return sorted;
    }

    static double millisAt(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }
}
