package io.switchboard.queues.queue;

import io.switchboard.queues.agent.AgentState;
import io.switchboard.queues.agent.AgentStatus;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The latest status of each agent that serves (or served) a queue, as the agents report it; not persisted, but
 * rebuilt from the agents after a restart.
 */
final class QueueAgents {
    private final Map<String, AgentStatus> statuses = new LinkedHashMap<>();

    void update(AgentStatus status) {
        statuses.put(status.agentId(), status);
    }

    void remove(String agentId) {
        statuses.remove(agentId);
    }

    AgentStatus get(String agentId) {
        return statuses.get(agentId);
    }

    /** In the order they were first heard of. */
    Collection<AgentStatus> all() {
        return statuses.values();
    }

    List<AgentStatus> copy() {
        return List.copyOf(statuses.values());
    }

    long loggedIn() {
        return statuses.values().stream().filter(a -> a.state() != AgentState.LOGGED_OUT).count();
    }

    /** Logged in and not paused. */
    int staffing() {
        return (int) statuses.values().stream().filter(a -> a.state() != AgentState.LOGGED_OUT
                && a.state() != AgentState.PAUSED).count();
    }

    int idle() {
        return (int) statuses.values().stream().filter(AgentStatus::available).count();
    }
}
