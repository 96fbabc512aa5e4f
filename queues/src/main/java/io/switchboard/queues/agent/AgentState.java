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
    PAUSED,
    /**
     * Logged in and free for the queues, but its phone is busy with a call no queue placed (a personal call, a
     * call from another system), as Asterisk's device state says: not offered calls until the phone is free
     * (app_queue's "In use" with ringinuse off). Shown only, never journaled: Asterisk holds the truth.
     */
    IN_USE
}
