package io.switchboard.platform.live;

import io.switchboard.actors.serialization.CborSerializable;
import io.switchboard.actors.serialization.LocalOnly;
import io.switchboard.queues.SwitchboardQueues;
import io.switchboard.queues.agent.AgentData;
import io.switchboard.queues.agent.AgentEvent;
import io.switchboard.queues.agent.AgentState;
import io.switchboard.queues.agent.AgentStatus;
import io.switchboard.queues.log.CheckpointStore;
import io.switchboard.queues.log.Checkpointing;
import io.switchboard.queues.log.JournalFeed;
import io.switchboard.queues.log.JournalFollower;
import io.switchboard.queues.log.QueueLog;
import io.switchboard.queues.log.QueueLogEntry;
import io.switchboard.queues.queue.QueueEntity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.persistence.query.EventEnvelope;

/**
 * What the wallboard shows besides the figures, for every agent and queue of the cluster: each logged-in agent's
 * state and since when, and each queue's waiting callers and since when they wait. It reads the journal's agent
 * and queue events from the start (the same events every node reads, so no agent is missed whichever node its
 * entity lives on), folds agents with the entity's own {@link AgentData#apply}, and tells its subscribers every
 * change. One per node; the live feeds of that node subscribe.
 *
 * <p>An agent shown IN_USE (available, but its phone busy with a call no queue placed) is never journaled: that
 * comes from the agents' announcements ({@link SwitchboardQueues#agentChanges}) and overlays an available agent.
 */
public final class LiveBoard extends AbstractBehavior<LiveBoard.Command> {

    public interface Command {
    }

    /** The subscriber gets every logged-in agent and every queue's waiting callers now, then each change. */
    public record Subscribe(ActorRef<Change> subscriber) implements Command, LocalOnly {
    }

    public record Unsubscribe(ActorRef<Change> subscriber) implements Command, LocalOnly {
    }

    public sealed interface Change extends LocalOnly {
    }

    /** An agent's status (state LOGGED_OUT once it left) and when it entered its state (or pause reason). */
    public record AgentShown(AgentStatus status, Instant since) implements Change {
    }

    /** A queue's callers holding a place now, longest waiting first. */
    public record CallersWaiting(String queue, List<Waiting> callers) implements Change {
    }

    public record Waiting(String callerId, Instant since) {
    }

    private record Followed(JournalFollower.Feed feed) implements Command, LocalOnly {
    }

    /**
     * The board's checkpoint ({@link CheckpointStore}): the logged-in agents as folded and since when they are in
     * their state, the queue log's reading and each queue's waiting callers. Phones in use are announced, not
     * journaled, and are not in it.
     */
    public record Checkpoint(Map<String, Long> offsets, Map<String, AgentData> agents, Map<String, Instant> agentSince,
                             QueueLog.Memo log, Map<String, Map<String, Instant>> waiting)
            implements CborSerializable {
    }

    /** Its name in the checkpoint store. */
    public static final String VIEW_ID = "live-board";

    private record Announced(AgentStatus status) implements Command, LocalOnly {
    }

    private static final JournalFollower.Recovery RECOVERY =
            JournalFollower.Recovery.every("live board's journal feed", Duration.ofSeconds(2));

    private final Clock clock;
    /** Agents whose phone is busy elsewhere, as last announced, and since when. */
    private final Map<String, Instant> phoneInUseSince = new HashMap<>();
    private final Map<String, AgentData> agents = new HashMap<>();
    private final Map<String, Instant> agentSince = new HashMap<>();
    private final QueueLog queueLog = new QueueLog();
    private final Map<String, Map<String, Instant>> waiting = new TreeMap<>();
    private final JournalFollower<Command, Change> follower;

    /**
     * Starts from the board's checkpoint in {@code store}, if any, and keeps one there.
     *
     * @param clock dates what the journal does not: since when an agent's phone is in use
     */
    public static Behavior<Command> create(Clock clock, CheckpointStore store, Checkpointing.Settings checkpoints) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers ->
                new LiveBoard(context, timers, clock, store, checkpoints)));
    }

    private LiveBoard(ActorContext<Command> context, TimerScheduler<Command> timers, Clock clock,
                      CheckpointStore store, Checkpointing.Settings checkpoints) {
        super(context);
        this.clock = clock;
        SwitchboardQueues.get(context.getSystem()).agentChanges()
                .tell(Topic.subscribe(context.messageAdapter(AgentStatus.class, Announced::new)));
        follower = JournalFollower.start(context, timers, Followed::new, RECOVERY, this::apply,
                new Checkpointing<>(VIEW_ID, store, checkpoints, this::checkpoint, this::restore));
    }

    private Checkpoint checkpoint(Map<String, Long> offsets) {
        Map<String, Map<String, Instant>> callers = new HashMap<>();
        waiting.forEach((queue, inQueue) -> callers.put(queue, new HashMap<>(inQueue)));
        return new Checkpoint(offsets, new HashMap<>(agents), new HashMap<>(agentSince), queueLog.memo(), callers);
    }

    private Map<String, Long> restore(Object stored) {
        Checkpoint checkpoint = (Checkpoint) stored;
        java.util.Objects.requireNonNull(checkpoint.offsets(), "offsets");
        java.util.Objects.requireNonNull(checkpoint.agents(), "agents");
        java.util.Objects.requireNonNull(checkpoint.agentSince(), "agentSince");
        java.util.Objects.requireNonNull(checkpoint.waiting(), "waiting");
        queueLog.restore(checkpoint.log());
        agents.clear();
        agents.putAll(checkpoint.agents());
        agentSince.clear();
        agentSince.putAll(checkpoint.agentSince());
        waiting.clear();
        checkpoint.waiting().forEach((queue, inQueue) -> waiting.put(queue, new HashMap<>(inQueue)));
        // whoever subscribed while the checkpoint was read has seen nothing yet
        agents.values().forEach(agent -> follower.publish(shown(agent.status())));
        waiting.keySet().forEach(queue -> follower.publish(callersOf(queue)));
        return checkpoint.offsets();
    }

    @Override
    public Receive<Command> createReceive() {
        return follower.addHandlers(newReceiveBuilder(), Followed.class, Followed::feed)
                .onMessage(Subscribe.class, this::onSubscribe)
                .onMessage(Unsubscribe.class, unsubscribe -> follower.unsubscribe(unsubscribe.subscriber()))
                .onMessage(Announced.class, this::onAnnounced)
                .build();
    }

    private Behavior<Command> onSubscribe(Subscribe subscribe) {
        follower.subscribe(subscribe.subscriber());
        agents.values().stream().map(AgentData::status).sorted(Comparator.comparing(AgentStatus::agentId))
                .forEach(status -> subscribe.subscriber().tell(shown(status)));
        waiting.keySet().forEach(queue -> subscribe.subscriber().tell(callersOf(queue)));
        return this;
    }

    private void apply(List<JournalFeed.Tagged> events) {
        List<Change> changes = new ArrayList<>();
        Set<String> queuesMoved = new LinkedHashSet<>();
        for (JournalFeed.Tagged tagged : events) {
            EventEnvelope envelope = tagged.envelope();
            if (envelope.event() instanceof AgentEvent event) {
                agentChanged(tagged.entityId(), event).ifPresent(changes::add);
            } else if (envelope.event() instanceof QueueEntity.Event) {
                for (QueueLogEntry entry : queueLog.entriesFor(envelope)) {
                    if (callerMoved(entry)) {
                        queuesMoved.add(entry.queue());
                    }
                }
            }
        }
        queuesMoved.forEach(queue -> changes.add(callersOf(queue)));
        changes.forEach(follower::publish);
    }

    private Behavior<Command> onAnnounced(Announced announced) {
        String agentId = announced.status().agentId();
        boolean inUse = announced.status().state() == AgentState.IN_USE;
        boolean changed = inUse ? phoneInUseSince.putIfAbsent(agentId, clock.instant()) == null
                : phoneInUseSince.remove(agentId) != null;
        AgentData journaled = agents.get(agentId);
        if (changed && journaled != null && journaled.state() == AgentState.AVAILABLE) {
            if (!inUse) {
                agentSince.put(agentId, clock.instant());
            }
            follower.publish(shown(journaled.status()));
        }
        return this;
    }

    private Optional<Change> agentChanged(String agentId, AgentEvent event) {
        AgentData before = agents.getOrDefault(agentId, AgentData.loggedOut(agentId));
        AgentData after = before.apply(event);
        AgentStatus was = before.status();
        AgentStatus is = after.status();
        if (was.state() != is.state() || !Objects.equals(was.pauseReason(), is.pauseReason())) {
            agentSince.put(agentId, event.at());
        }
        if (is.state() == AgentState.LOGGED_OUT) {
            phoneInUseSince.remove(agentId);
            agents.remove(agentId);
            agentSince.remove(agentId);
            return was.state() == AgentState.LOGGED_OUT ? Optional.empty()
                    : Optional.of(new AgentShown(is, event.at()));
        }
        agents.put(agentId, after);
        return Optional.of(shown(is));
    }

    /** Who holds a place, as the queue figures count it: a callback keeps the caller's place. */
    private boolean callerMoved(QueueLogEntry entry) {
        Map<String, Instant> callers = waiting.computeIfAbsent(entry.queue(), q -> new HashMap<>());
        return switch (entry.event()) {
            case ENTERQUEUE -> {
                callers.put(entry.callerId(), entry.time());
                yield true;
            }
            case CONNECT, ABANDON, EXITWITHTIMEOUT, EXITWITHKEY, EXITEMPTY, CALLBACKFAILED ->
                    callers.remove(entry.callerId()) != null;
            default -> false;
        };
    }

    private AgentShown shown(AgentStatus status) {
        Instant inUseSince = phoneInUseSince.get(status.agentId());
        if (inUseSince == null || status.state() != AgentState.AVAILABLE) {
            return new AgentShown(status, agentSince.get(status.agentId()));
        }
        return new AgentShown(new AgentStatus(status.agentId(), AgentState.IN_USE, status.asteriskId(),
                status.endpoint(), status.queuePenalties(), status.skills(), status.callsTaken(),
                status.talkSeconds(), status.lastCallEnded(), null, null, null, null), inUseSince);
    }

    private CallersWaiting callersOf(String queue) {
        List<Waiting> callers = waiting.getOrDefault(queue, Map.of()).entrySet().stream()
                .map(e -> new Waiting(e.getKey(), e.getValue()))
                .sorted(Comparator.comparing(Waiting::since).thenComparing(Waiting::callerId)).toList();
        return new CallersWaiting(queue, callers);
    }
}
