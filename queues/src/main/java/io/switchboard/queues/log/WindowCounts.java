package io.switchboard.queues.log;

import java.time.Instant;

/** The {@link CallCounts} of one {@link FiguresWindow}, fed entries in journal order and read at any "now". */
interface WindowCounts {
    void add(QueueLogEntry entry, MetricsThresholds thresholds);

    /** The counts within the window ending {@code now} (a copy). */
    CallCounts at(Instant now);

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
    }
}
