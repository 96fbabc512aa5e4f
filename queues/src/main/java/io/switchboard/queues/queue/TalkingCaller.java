package io.switchboard.queues.queue;

import io.switchboard.actors.gateway.EntityIds;
import io.switchboard.actors.serialization.CborSerializable;
import java.time.Duration;
import java.time.Instant;

/**
 * A caller talking to an agent of the queue, kept in the queue's state until the conversation ends or the caller
 * is transferred, so that a restarted queue watches both parties again.
 *
 * @param callerId       {@code <asteriskId>/<channelId>} of the caller as they joined
 * @param callerChannel  the caller's channel entity now (after a callback, the channel that called them back)
 * @param agentChannelId the agent's leg, on the caller's Asterisk
 * @param connectedAt    when they were bridged
 * @param waitedSeconds  how long the caller waited before
 */
public record TalkingCaller(String callerId, String callerChannel, String agentId, String agentChannelId,
                            String bridgeId, Instant connectedAt, long waitedSeconds) implements CborSerializable {

    /** The agent's leg as a channel entity id. */
    public String agentChannel() {
        return EntityIds.of(EntityIds.asteriskId(callerId), agentChannelId);
    }

    /** What the caller's flow learns of the conversation, as when the caller was connected. */
    QueueEntity.Connected connected() {
        return new QueueEntity.Connected(agentId, agentChannelId, bridgeId, waitedSeconds);
    }

    long talkSeconds(Instant now) {
        return Duration.between(connectedAt, now).toSeconds();
    }
}
