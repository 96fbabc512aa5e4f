package io.switchboard.platform.cluster;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * How fast a lost node is noticed and removed, read from {@code switchboard.cluster.failure-detection}. A node
 * that stops answering heartbeats is unreachable after about {@code acceptablePause} plus one heartbeat; the
 * split brain resolver downs it once the membership has been stable for {@code stableAfter}; its shards and
 * singletons start elsewhere a further {@code stableAfter} later (Pekko's down-removal margin, which keeps two
 * sides of a network partition from both running them). Pekko's defaults (3 s and 20 s) take most of a minute;
 * a call center wants seconds, at the price of downing a node that stalls longer than the pause (a long GC).
 */
public record FailureDetection(Duration heartbeatInterval, Duration acceptablePause, Duration stableAfter) {

    public FailureDetection {
        for (Duration d : new Duration[] {heartbeatInterval, acceptablePause, stableAfter}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("switchboard.cluster.failure-detection: durations must be "
                        + "positive, got " + d);
            }
        }
        if (acceptablePause.compareTo(heartbeatInterval) < 0) {
            throw new IllegalArgumentException("switchboard.cluster.failure-detection.acceptable-heartbeat-pause ("
                    + acceptablePause + ") must be at least the heartbeat-interval (" + heartbeatInterval + ")");
        }
    }

    static FailureDetection fromConfig(Config cluster) {
        Config c = cluster.getConfig("failure-detection");
        return new FailureDetection(c.getDuration("heartbeat-interval"), c.getDuration("acceptable-heartbeat-pause"),
                c.getDuration("stable-after"));
    }

    /** Roughly how long after a node dies its calls' entities run elsewhere. */
    public Duration expectedTakeover() {
        return heartbeatInterval.plus(acceptablePause).plus(stableAfter.multipliedBy(2));
    }
}
