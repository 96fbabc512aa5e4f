package io.switchboard.queues.log;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The counts of one local day: the first entry of a later day starts afresh, an entry of an earlier day (read
 * late) is left out, and read on another day than the one held the counts are zero.
 */
final class DayCounts implements WindowCounts {
    private final ZoneId zone;
    private final CallCounts counts = new CallCounts();
    private LocalDate day;

    DayCounts(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public void add(QueueLogEntry entry, MetricsThresholds thresholds) {
        LocalDate of = LocalDate.ofInstant(entry.time(), zone);
        if (day == null || of.isAfter(day)) {
            counts.clear();
            day = of;
        }
        if (of.equals(day)) {
            counts.add(entry, thresholds);
        }
    }

    @Override
    public Memo memo() {
        return new Memo(counts.memo(), day, null, null);
    }

    @Override
    public void restore(Memo memo) {
        counts.restore(memo.counts());
        day = memo.day();
    }

    @Override
    public CallCounts at(Instant now) {
        CallCounts copy = new CallCounts();
        // a day ahead of now can only come from another node's clock running ahead: it is today there
        if (day != null && !day.isBefore(LocalDate.ofInstant(now, zone))) {
            copy.add(counts);
        }
        return copy;
    }
}
