package io.switchboard.queues.agent;

/** The states of an agent; {@link AgentEntity} is the single writer of each agent's. */
public enum AgentState {
    LOGGED_OUT,
    AVAILABLE,
    /** Held for one caller by one queue, for a short lease; nobody else may offer this agent a call. */
    RESERVED,
    RINGING,
    ON_CALL,
    WRAP_UP,
    PAUSED
}
