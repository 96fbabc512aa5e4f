package io.switchboard.queues.log;

import io.switchboard.queues.agent.AgentEntity;
import io.switchboard.queues.queue.QueueEntity;
import java.util.List;
import java.util.Map;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The journal's queue and agent events, live, each stream from its own offset (exclusive): what the queue
 * statistics and other read-side views (the platform's live board) follow.
 */
public final class JournalFeed {
    /** The tags the queue log reads. */
    public static final List<String> TAGS = List.of(QueueEntity.TAG, AgentEntity.TAG);

    /** An event and the tag whose stream delivered it (offsets are kept per tag). */
    public record Tagged(String tag, EventEnvelope envelope) {
        /** The id of the entity that journaled the event: the queue's name or the agent's id. */
        public String entityId() {
            return entityIdOf(envelope.persistenceId());
        }
    }

    private JournalFeed() {
    }

    /** Follows every tag from {@code offsets} (a tag not in it from the start), never completing. */
    public static Source<Tagged, NotUsed> follow(ActorSystem<?> system, Map<String, Offset> offsets) {
        JdbcReadJournal journal = PersistenceQuery.get(system)
                .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
        Source<Tagged, NotUsed> merged = Source.empty();
        for (String tag : TAGS) {
            merged = merged.merge(journal.eventsByTag(tag, offsets.getOrDefault(tag, Offset.noOffset()))
                    .map(envelope -> new Tagged(tag, envelope)));
        }
        return merged;
    }

    /** The entity id in a persistence id ({@code Queue|<name>}, {@code Agent|<id>}). */
    public static String entityIdOf(String persistenceId) {
        int separator = persistenceId.indexOf(PersistenceId.DefaultSeparator());
        return separator < 0 ? persistenceId : persistenceId.substring(separator + 1);
    }
}
