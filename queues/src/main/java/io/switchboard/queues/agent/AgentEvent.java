package io.switchboard.queues.agent;

import io.switchboard.actors.serialization.CborSerializable;
import java.time.Instant;
import java.util.Map;

/** What happened to an agent, as journaled by {@link AgentEntity}; {@link AgentData#apply} folds them. */
public sealed interface AgentEvent extends CborSerializable {
    Instant at();

    record LoggedIn(String asteriskId, String endpoint, Map<String, Integer> queuePenalties,
                    Map<String, Integer> skills, Instant at) implements AgentEvent {
    }

    record LoggedOut(Instant at) implements AgentEvent {
    }

    record QueuesSet(Map<String, Integer> queuePenalties, Instant at) implements AgentEvent {
    }

    /** Paused now (from available, wrap-up or paused with another reason). */
    record Paused(String reason, Instant at) implements AgentEvent {
    }

    /** Asked to pause while busy with a caller: the pause applies when that caller is done with. */
    record PauseDeferred(String reason, Instant at) implements AgentEvent {
    }

    /** Back to available from paused, or a deferred pause dropped. */
    record Unpaused(Instant at) implements AgentEvent {
    }

    record Reserved(String queue, String callerId, Instant leaseUntil, Instant at) implements AgentEvent {
    }

    /** The reservation or the offer was withdrawn unused, or its lease ran out. */
    record Released(Instant at) implements AgentEvent {
    }

    record RingStarted(Instant at) implements AgentEvent {
    }

    record CallAnswered(Instant at) implements AgentEvent {
    }

    record OfferUnanswered(String reason, boolean autopause, Instant at) implements AgentEvent {
    }

    /** The call ended; wrap-up lasts until {@code wrapUpUntil} (equal to {@code at}: none). */
    record CallFinished(Instant wrapUpUntil, Instant at) implements AgentEvent {
    }

    record WrapUpEnded(Instant at) implements AgentEvent {
    }
}
