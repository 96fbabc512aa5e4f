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
import org.apache.pekko.stream.javadsl.Sink;
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
        JdbcReadJournal journal = journal(system);
        Source<Tagged, NotUsed> merged = Source.empty();
        for (String tag : TAGS) {
            merged = merged.merge(journal.eventsByTag(tag, offsets.getOrDefault(tag, Offset.noOffset()))
                    .map(envelope -> new Tagged(tag, envelope)));
        }
        return merged;
    }

    /**
     * Has the read journal start finding the journal's end now. No view reads past its checkpoint before the read
     * journal knows where the journal ends, which it finds by reading every ordering number from the first (a few
     * seconds for a million events), or assumes after {@code journal-sequence-retrieval} query-delay × max-tries.
     * Pekko starts that on the first query, after the views' checkpoints are loaded; started as the node starts,
     * it runs while they load. This query asks for nothing past the end, and completes once the end is known.
     */
    public static void findTheEnd(ActorSystem<?> system) {
        journal(system).currentEventsByTag(TAGS.get(0), Offset.sequence(Long.MAX_VALUE))
                .runWith(Sink.ignore(), system)
                .whenComplete((done, failure) -> {
                    if (failure != null) {
                        // the views' own queries start it then, as Pekko would have
                        system.log().warn("the read journal could not look for the journal's end early: {}",
                                failure.toString());
                    }
                });
    }

    private static JdbcReadJournal journal(ActorSystem<?> system) {
        return PersistenceQuery.get(system).getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
    }

    /** The entity id in a persistence id ({@code Queue|<name>}, {@code Agent|<id>}). */
    public static String entityIdOf(String persistenceId) {
        int separator = persistenceId.indexOf(PersistenceId.DefaultSeparator());
        return separator < 0 ? persistenceId : persistenceId.substring(separator + 1);
    }
}
