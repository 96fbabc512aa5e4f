package io.switchboard.platform.cluster;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * How fast a lost node is noticed and removed, read from {@code switchboard.cluster.failure-detection}. A node
 * that stops answering heartbeats is unreachable after about {@code acceptablePause} plus one heartbeat; the
 * split brain resolver downs it once the membership has been stable for {@code stableAfter}; its shards and
 * singletons start elsewhere {@code removalMargin} after its removal (Pekko's down-removal margin, which gives
 * the other side of a network partition time to down itself before they run twice; it defaults to
 * {@code stableAfter}, the time that side takes). Pekko's defaults take most of a minute; a call center wants
 * a few seconds, at the price of downing a node that stalls longer than the pause (a long GC, a starved host).
 */
public record FailureDetection(Duration heartbeatInterval, Duration acceptablePause, Duration stableAfter,
                               Duration removalMargin) {

    public FailureDetection {
        for (Duration d : new Duration[] {heartbeatInterval, acceptablePause, stableAfter, removalMargin}) {
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
                c.getDuration("stable-after"), c.getDuration("removal-margin"));
    }

    /** Roughly how long after a node dies its calls' entities run elsewhere (the resolver decides on a 1 s tick). */
    public Duration expectedTakeover() {
        return heartbeatInterval.plus(acceptablePause).plus(stableAfter).plus(removalMargin).plus(Duration.ofSeconds(1));
    }
}
