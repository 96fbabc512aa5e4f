package io.switchboard.queues.queue;

import io.switchboard.actors.serialization.CborSerializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A caller in a queue, as journaled. Who waits on the caller's outcome is not part of it ({@link WaitingFlows}).
 *
 * @param callerId   {@code <asteriskId>/<channelId>}, the caller's channel entity
 * @param priority   higher goes first; equal priorities in order of joining
 * @param skills     skill → minimum proficiency an agent needs
 * @param joinedAt   when the caller joined (their waited time counts from here, across restarts)
 * @param sequence   order of joining, to keep the order stable
 * @param retryAt    not offered again before this (after an unanswered offer), or null
 */
public record WaitingCaller(String callerId, String asteriskId, String channelId, int priority,
                            Map<String, Integer> skills, Instant joinedAt, long sequence, Instant retryAt)
        implements CborSerializable {

    public WaitingCaller {
        skills = Map.copyOf(skills);
    }

    public WaitingCaller withPriority(int value) {
        return new WaitingCaller(callerId, asteriskId, channelId, value, skills, joinedAt, sequence, retryAt);
    }

    /** The caller's channel entity now (after a callback, the channel that called them back). */
    public String channelEntityId() {
        return asteriskId + "/" + channelId;
    }

    public WaitingCaller withChannel(String value) {
        return new WaitingCaller(callerId, asteriskId, value, priority, skills, joinedAt, sequence, retryAt);
    }

    /** Whole seconds the caller has waited by {@code now}. */
    long waitedSeconds(Instant now) {
        return Duration.between(joinedAt, now).toSeconds();
    }

    public WaitingCaller withRetryAt(Instant value) {
        return new WaitingCaller(callerId, asteriskId, channelId, priority, skills, joinedAt, sequence, value);
    }
}
