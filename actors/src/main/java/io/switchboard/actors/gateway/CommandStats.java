package io.switchboard.actors.gateway;

import io.switchboard.actors.serialization.CborSerializable;

/**
 * How the gateway's commands fared, from the request to the answer handed back (retries included).
 *
 * @param answered      commands answered since the gateway started (failures included)
 * @param failed        of those, the ones that failed after their retries
 * @param totalSeconds  their latencies added up (with {@code answered}, a mean and a Prometheus rate)
 * @param recentP50     median latency of the most recent commands (up to 1024), in seconds
 * @param recentP99     99th percentile of the same
 */
public record CommandStats(long answered, long failed, double totalSeconds, double recentP50, double recentP99)
        implements CborSerializable {
    public static final CommandStats NONE = new CommandStats(0, 0, 0, 0, 0);
}
