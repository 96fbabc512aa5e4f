package io.switchboard.queues.log;

import io.switchboard.queues.agent.AgentEntity;
import io.switchboard.queues.agent.AgentEvent;
import io.switchboard.queues.queue.QueueEntity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.pekko.persistence.query.EventEnvelope;

/**
 * The queue log, read from the journal: app_queue's lines ({@link QueueEventType}) for every queue event
 * (tag {@link QueueEntity#TAG}) and agent event (tag {@link AgentEntity#TAG}).
 *
 * <p>There is no separate log table: the journaled events ARE the persisted queue log, and these lines are a
 * reading of them, the same on every node and after every restart. That holds as long as queue and agent
 * events are never deleted (their snapshots keep the events; do not turn on delete-events-on-snapshot).
 * Fed events in journal order; not thread-safe.
 */
public final class QueueLog {
    private final QueueEventLog queues = new QueueEventLog();
    private final AgentEventLog agents = new AgentEventLog();

    /** What the reading holds between events, in a checkpoint. */
    public record Memo(QueueEventLog.Memo queues, Map<String, AgentEventLog.Replayed> agents) {
    }

    public Memo memo() {
        return new Memo(queues.memo(), agents.memo());
    }

    /** Throws, changing nothing, on a memo missing a part. */
    public void restore(Memo memo) {
        java.util.Objects.requireNonNull(memo.queues(), "queues");
        java.util.Objects.requireNonNull(memo.agents(), "agents");
        java.util.Objects.requireNonNull(memo.queues().waiting(), "waiting");
        java.util.Objects.requireNonNull(memo.queues().talking(), "talking");
        queues.restore(memo.queues());
        agents.restore(memo.agents());
    }

    /** The lines one journaled event makes (none for events the log has no word for). */
    public List<QueueLogEntry> entriesFor(EventEnvelope envelope) {
        return entriesFor(envelope.persistenceId(), envelope.event(), Instant.ofEpochMilli(envelope.timestamp()));
    }

    /**
     * @param persistenceId  {@code Queue|<name>} or {@code Agent|<id>}
     * @param stored         when the journal stored it (dates events without a time of their own)
     */
    public List<QueueLogEntry> entriesFor(String persistenceId, Object event, Instant stored) {
        String entityId = JournalFeed.entityIdOf(persistenceId);
        if (event instanceof QueueEntity.Event queueEvent) {
            return queues.entriesFor(entityId, queueEvent, stored);
        }
        if (event instanceof AgentEvent agentEvent) {
            return agents.entriesFor(entityId, agentEvent);
        }
        return List.of();
    }
}
