package io.switchboard.queues.log;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The {@link CallCounts} of one {@link FiguresWindow}, fed entries in journal order and read at any "now". */
interface WindowCounts {
    void add(QueueLogEntry entry, MetricsThresholds thresholds);

    /** The counts within the window ending {@code now} (a copy). */
    CallCounts at(Instant now);

    /** What it holds, for a checkpoint (nothing it goes on changing). */
    Memo memo();

    /** Takes back what a checkpoint of a window of the same kind and length held. */
    void restore(Memo memo);

    /**
     * A window's counts in a checkpoint: all time has {@code counts}; a day also {@code day}; a rolling window one
     * bucket of counts per minute, and the minute each holds.
     */
    record Memo(Map<String, Long> counts, LocalDate day, List<Map<String, Long>> buckets, List<Long> minutes) {
    }

    static WindowCounts of(FiguresWindow window) {
        if (window instanceof FiguresWindow.Today today) {
            return new DayCounts(today.zone());
        }
        if (window instanceof FiguresWindow.Last last) {
            return new RollingCounts(last.length());
        }
        return new AllTimeCounts();
    }

    final class AllTimeCounts implements WindowCounts {
        private final CallCounts counts = new CallCounts();

        @Override
        public void add(QueueLogEntry entry, MetricsThresholds thresholds) {
            counts.add(entry, thresholds);
        }

        @Override
        public CallCounts at(Instant now) {
            CallCounts copy = new CallCounts();
            copy.add(counts);
            return copy;
        }

        @Override
        public Memo memo() {
            return new Memo(counts.memo(), null, null, null);
        }

        @Override
        public void restore(Memo memo) {
            counts.restore(memo.counts());
        }
    }
}
