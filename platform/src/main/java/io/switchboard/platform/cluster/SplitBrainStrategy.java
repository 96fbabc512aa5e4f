package io.switchboard.platform.cluster;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What Pekko's split brain resolver does when nodes stop seeing each other. */
public enum SplitBrainStrategy {
    /** The side with more than half of the nodes stays; on a tie, the side with the lowest address. */
    KEEP_MAJORITY("keep-majority"),
    /** The majority side also takes a Kubernetes lease, so at most one side survives even on a tie. */
    LEASE_MAJORITY("lease-majority"),
    /** The side with the oldest node stays (where the singletons run). */
    KEEP_OLDEST("keep-oldest"),
    /** Every node goes down: an operator restarts them. */
    DOWN_ALL("down-all");

    private final String key;

    SplitBrainStrategy(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static SplitBrainStrategy parse(String value) {
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.key.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("switchboard.cluster.split-brain-strategy must be "
                        + Arrays.stream(values()).map(SplitBrainStrategy::key).collect(Collectors.joining(", "))
                        + " (env SWITCHBOARD_SPLIT_BRAIN_STRATEGY), got " + value));
    }
}
