package io.switchboard.queues.agent;

/**
 * Told every state change of an agent (and its state after recovery), on the agent entity's thread: it
 * must not block. The queues wiring forwards it to the queues the agent is or was a member of.
 */
@FunctionalInterface
public interface AgentNotifier {
    void changed(AgentStatus status);

    AgentNotifier NONE = status -> { };
}
