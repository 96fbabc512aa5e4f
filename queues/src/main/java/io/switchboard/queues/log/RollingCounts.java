package io.switchboard.queues.log;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The counts of the last {@code length}, kept in one bucket per clock minute, in a ring of length-in-minutes + 1
 * buckets. Memory is then fixed per queue and window however many calls come (keeping each entry until it
 * ages out would grow with the call rate), at the price of minute precision: an entry counts for as long as it
 * is younger than the window, and drops out within the minute after.
 */
final class RollingCounts implements WindowCounts {
    private final CallCounts[] buckets;
    /** The epoch minute each bucket holds. */
    private final long[] minutes;

    RollingCounts(Duration length) {
        int size = (int) length.toMinutes() + 1;
        buckets = new CallCounts[size];
        minutes = new long[size];
        for (int i = 0; i < size; i++) {
            buckets[i] = new CallCounts();
            minutes[i] = Long.MIN_VALUE;
        }
    }

    @Override
    public void add(QueueLogEntry entry, MetricsThresholds thresholds) {
        long minute = epochMinute(entry.time());
        int i = (int) Math.floorMod(minute, (long) buckets.length);
        if (minutes[i] < minute) {
            buckets[i].clear();
            minutes[i] = minute;
        }
        if (minutes[i] == minute) {
            buckets[i].add(entry, thresholds);
        }
        // else the bucket holds a later minute already: this entry is older than the window
    }

    @Override
    public CallCounts at(Instant now) {
        long oldest = epochMinute(now) - (buckets.length - 1);
        CallCounts sum = new CallCounts();
        for (int i = 0; i < buckets.length; i++) {
            if (minutes[i] >= oldest) {
                sum.add(buckets[i]);
            }
        }
        return sum;
    }

    @Override
    public Memo memo() {
        List<Map<String, Long>> counts = new ArrayList<>();
        List<Long> held = new ArrayList<>();
        for (int i = 0; i < buckets.length; i++) {
            counts.add(buckets[i].memo());
            held.add(minutes[i]);
        }
        return new Memo(null, null, counts, held);
    }

    /** A checkpoint of a window of another length is left out: the window starts empty. */
    @Override
    public void restore(Memo memo) {
        if (memo.buckets() == null || memo.buckets().size() != buckets.length) {
            return;
        }
        for (int i = 0; i < buckets.length; i++) {
            buckets[i].restore(memo.buckets().get(i));
            minutes[i] = memo.minutes().get(i);
        }
    }

    private static long epochMinute(Instant time) {
        return Math.floorDiv(time.getEpochSecond(), 60L);
    }
}
