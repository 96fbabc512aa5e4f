package io.switchboard.queues.log;

import io.switchboard.queues.agent.AgentData;
import io.switchboard.queues.agent.AgentEvent;
import io.switchboard.queues.agent.AgentState;
import io.switchboard.queues.agent.AgentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Reads an agent's journaled events as queue log lines: PAUSE and UNPAUSE in every queue the agent serves
 * (detail = the reason code), and WRAPUPEND in the queue of the call the wrap-up followed. It replays each
 * agent's state with {@link AgentData#apply}, the entity's own fold, so it sees the same transitions the
 * entity made (a deferred pause, an autopause, a wrap-up cut short by a pause).
 */
final class AgentEventLog {
    /** An agent as replayed, and the call its wrap-up (if any) follows. */
    record Replayed(AgentData data, String lastQueue, String lastCaller, Instant wrapUpFrom) {
    }

    /** What it holds, in a checkpoint: each agent as replayed (immutable records). */
    Map<String, Replayed> memo() {
        return new HashMap<>(agents);
    }

    void restore(Map<String, Replayed> memo) {
        agents.clear();
        agents.putAll(memo);
    }

    private final Map<String, Replayed> agents = new HashMap<>();

    List<QueueLogEntry> entriesFor(String agentId, AgentEvent event) {
        Replayed before = agents.getOrDefault(agentId, new Replayed(AgentData.loggedOut(agentId), null, null, null));
        AgentData after = before.data().apply(event);
        AgentStatus was = before.data().status();
        AgentStatus is = after.status();
        String lastQueue = was.busyInQueue() != null ? was.busyInQueue() : before.lastQueue();
        String lastCaller = was.busyWith() != null ? was.busyWith() : before.lastCaller();
        Instant wrapUpFrom = is.state() == AgentState.WRAP_UP
                ? (was.state() == AgentState.WRAP_UP ? before.wrapUpFrom() : event.at()) : null;
        agents.put(agentId, new Replayed(after, lastQueue, lastCaller, wrapUpFrom));

        List<QueueLogEntry> entries = new ArrayList<>();
        if (was.state() == AgentState.WRAP_UP && is.state() != AgentState.WRAP_UP && lastQueue != null) {
            long seconds = Math.max(0, Duration.between(before.wrapUpFrom(), event.at()).toSeconds());
            entries.add(QueueLogEntry.wrapUpEnded(event.at(), lastQueue, lastCaller, agentId, seconds));
        }
        boolean pausedNow = is.state() == AgentState.PAUSED
                && (was.state() != AgentState.PAUSED || !Objects.equals(was.pauseReason(), is.pauseReason()));
        boolean unpausedNow = was.state() == AgentState.PAUSED && is.state() != AgentState.PAUSED
                && is.state() != AgentState.LOGGED_OUT;
        if (pausedNow || unpausedNow) {
            QueueEventType what = pausedNow ? QueueEventType.PAUSE : QueueEventType.UNPAUSE;
            for (String queue : new TreeSet<>(is.queuePenalties().keySet())) {
                entries.add(QueueLogEntry.member(event.at(), queue, null, agentId, what,
                        pausedNow ? is.pauseReason() : null));
            }
        }
        return entries;
    }
}
