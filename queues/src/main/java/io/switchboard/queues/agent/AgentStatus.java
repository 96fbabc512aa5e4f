package io.switchboard.queues.agent;

import io.switchboard.actors.serialization.CborSerializable;
import java.time.Instant;
import java.util.Map;

/**
 * What queues need to know of an agent to choose one: its state, where to ring it, its memberships and
 * skills, and the figures the strategies compare.
 *
 * @param agentId          e.g. {@code agent1}
 * @param state            where the agent is in its state machine
 * @param asteriskId       the Asterisk its phone is on
 * @param endpoint         its phone, e.g. {@code PJSIP/agent1}
 * @param queuePenalties   the queues it serves, each with its penalty (0 = first choice)
 * @param skills           skill name → proficiency (1..100)
 * @param callsTaken       calls answered since login
 * @param talkSeconds      total talk time since login
 * @param lastCallEnded    when its last call ended (null if none)
 * @param availableSince   when it last became available (null unless available)
 * @param pauseReason      reason code while paused
 * @param busyWith         the caller it is reserved for, ringing for or talking to (null otherwise)
 * @param busyInQueue      the queue of that caller
 */
public record AgentStatus(String agentId, AgentState state, String asteriskId, String endpoint,
                          Map<String, Integer> queuePenalties, Map<String, Integer> skills, long callsTaken,
                          long talkSeconds, Instant lastCallEnded, Instant availableSince, String pauseReason,
                          String busyWith, String busyInQueue) implements CborSerializable {

    public AgentStatus {
        queuePenalties = Map.copyOf(queuePenalties);
        skills = Map.copyOf(skills);
    }

    public boolean available() {
        return state == AgentState.AVAILABLE;
    }

    public int penaltyIn(String queue) {
        return queuePenalties.getOrDefault(queue, Integer.MAX_VALUE);
    }
}
