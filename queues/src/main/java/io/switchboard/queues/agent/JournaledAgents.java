package io.switchboard.queues.agent;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * The agents logged in as the journal has them now: every agent event journaled so far (tag
 * {@link AgentEntity#TAG}) folded with {@link AgentData#apply}, the entity's own fold. It relies on agent events
 * never being deleted, as the queue log does.
 */
final class JournaledAgents {
    private JournaledAgents() {
    }

    /** Agent id → status, for the agents logged in at the end of the journal as it is when this is called. */
    static CompletionStage<Map<String, AgentStatus>> loggedIn(ActorSystem<?> system) {
        JdbcReadJournal journal = PersistenceQuery.get(system)
                .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
        return journal.currentEventsByTag(AgentEntity.TAG, Offset.noOffset())
                .runWith(Sink.fold(new HashMap<String, AgentData>(), JournaledAgents::fold), system)
                .thenApply(JournaledAgents::loggedInOnly);
    }

    private static HashMap<String, AgentData> fold(HashMap<String, AgentData> agents, EventEnvelope envelope) {
        if (envelope.event() instanceof AgentEvent event) {
            String agentId = entityIdOf(envelope.persistenceId());
            agents.put(agentId, agents.getOrDefault(agentId, AgentData.loggedOut(agentId)).apply(event));
        }
        return agents;
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

    private static String entityIdOf(String persistenceId) {
        int separator = persistenceId.indexOf(PersistenceId.DefaultSeparator());
        return separator < 0 ? persistenceId : persistenceId.substring(separator + 1);
    }
}
