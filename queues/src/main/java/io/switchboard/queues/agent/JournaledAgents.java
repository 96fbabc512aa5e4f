package io.switchboard.queues.agent;

import io.switchboard.actors.serialization.CborSerializable;
import io.switchboard.queues.log.CheckpointStore;
import io.switchboard.queues.log.JournalFeed;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.Sequence;
import org.apache.pekko.stream.javadsl.Sink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agents logged in as the journal has them now: every agent event journaled so far (tag
 * {@link AgentEntity#TAG}) folded with {@link AgentData#apply}, the entity's own fold. The fold is kept as a
 * checkpoint ({@link CheckpointStore}) with the offset it reached, so that the next reading starts there instead of
 * at the journal's first event; it relies on agent events never being deleted, as the queue log does.
 */
final class JournaledAgents {
    private static final Logger log = LoggerFactory.getLogger(JournaledAgents.class);
    static final String VIEW_ID = "agent-presence";

    /** Every agent as folded up to the journal ordering {@code offset} (0: none). */
    record Checkpoint(long offset, Map<String, AgentData> agents) implements CborSerializable {
    }

    private JournaledAgents() {
    }

    /** Agent id → status, for the agents logged in at the end of the journal as it is when this is called. */
    static CompletionStage<Map<String, AgentStatus>> loggedIn(ActorSystem<?> system, CheckpointStore store) {
        return store.load(VIEW_ID)
                .exceptionally(failure -> {
                    log.warn("checkpoint of {} not read ({}): reading the agent events from the start", VIEW_ID,
                            failure.toString());
                    return Optional.empty();
                })
                .thenCompose(stored -> {
                    Checkpoint from = stored.map(CheckpointStore.Stored::checkpoint)
                            .filter(Checkpoint.class::isInstance).map(Checkpoint.class::cast)
                            .orElse(new Checkpoint(0, Map.of()));
                    long revision = stored.map(CheckpointStore.Stored::revision).orElse(0L);
                    return readAfter(system, from).thenApply(reached -> {
                        if (reached.offset() > from.offset()) {
                            store.save(VIEW_ID, revision + 1, reached).whenComplete((done, failure) -> {
                                if (failure != null) {
                                    log.warn("checkpoint of {} not written: {}", VIEW_ID, failure.toString());
                                }
                            });
                        }
                        return loggedInOnly(reached.agents());
                    });
                });
    }

    private static CompletionStage<Checkpoint> readAfter(ActorSystem<?> system, Checkpoint from) {
        JdbcReadJournal journal = PersistenceQuery.get(system)
                .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
        Offset offset = from.offset() > 0 ? Offset.sequence(from.offset()) : Offset.noOffset();
        return journal.currentEventsByTag(AgentEntity.TAG, offset)
                .runWith(Sink.fold(from, JournaledAgents::fold), system);
    }

    private static Checkpoint fold(Checkpoint folded, EventEnvelope envelope) {
        Map<String, AgentData> agents = folded.agents() instanceof HashMap<String, AgentData> mutable ? mutable
                : new HashMap<>(folded.agents());
        if (envelope.event() instanceof AgentEvent event) {
            String agentId = JournalFeed.entityIdOf(envelope.persistenceId());
            agents.put(agentId, agents.getOrDefault(agentId, AgentData.loggedOut(agentId)).apply(event));
        }
        long offset = envelope.offset() instanceof Sequence sequence ? sequence.value() : folded.offset();
        return new Checkpoint(offset, agents);
    }

    private static Map<String, AgentStatus> loggedInOnly(Map<String, AgentData> agents) {
        Map<String, AgentStatus> loggedIn = new HashMap<>();
        agents.forEach((agentId, agent) -> {
            if (agent.loggedIn()) {
                loggedIn.put(agentId, agent.status());
            }
        });
        return loggedIn;
    }
}
