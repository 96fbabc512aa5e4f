package io.switchboard.queues;

import io.switchboard.actors.flow.FlowRegistry;
import io.switchboard.actors.time.Timekeeper;
import io.switchboard.queues.agent.AgentEntity;
import io.switchboard.queues.agent.AgentPresence;
import io.switchboard.queues.agent.AgentSettings;
import io.switchboard.queues.agent.AgentStatus;
import io.switchboard.queues.flow.CallbackFlow;
import io.switchboard.queues.flow.QueueCallFlow;
import io.switchboard.queues.log.JournalFeed;
import io.switchboard.queues.log.QueueStatistics;
import io.switchboard.queues.log.Checkpointing;
import io.switchboard.queues.log.StatisticsSettings;
import io.switchboard.queues.persistence.CheckpointTable;
import io.switchboard.queues.queue.QueueEntity;
import io.switchboard.queues.settings.QueuesSettings;
import java.time.Duration;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.SingletonActor;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

/**
 * The queue layer of one node: starts the sharded queue and agent entities and gives the flow that puts
 * callers into queues.
 *
 * <pre>{@code
 * SwitchboardQueues queues = SwitchboardQueues.get(system).start(Timekeeper.system(system));
 * SwitchboardActors.get(system).start(queues.addFlows(new FlowRegistry(), "callcenter"));
 * }</pre>
 */
public final class SwitchboardQueues implements Extension {
    private static final String AGENT_CHANGES = "switchboard-agent-changes";
    private final ActorSystem<?> system;
    private final QueuesSettings settings;
    /** The queues each agent served at its last change, to tell the queues it leaves. */
    private final Map<String, Set<String>> memberships = new ConcurrentHashMap<>();
    private volatile ActorRef<QueueStatistics.Command> statistics;
    private volatile ActorRef<AgentPresence.Command> presence;
    private volatile ActorRef<Topic.Command<AgentStatus>> agentChanges;

    private SwitchboardQueues(ActorSystem<?> system) {
        this.system = system;
        this.settings = QueuesSettings.fromConfig(system.settings().config());
    }

    public static SwitchboardQueues get(ActorSystem<?> system) {
        return Id.INSTANCE.apply(system);
    }

    /**
     * Starts queues and agents on this node, and this node's {@link QueueStatistics} (every node computes the
     * same figures from the journal); {@code timekeeper} dates waits and agent states and runs every timer of
     * queues and agents ({@link Timekeeper#system} on a node).
     */
    public SwitchboardQueues start(Timekeeper timekeeper) {
        agentChanges = system.systemActorOf(Topic.create(AgentStatus.class, AGENT_CHANGES), "agent-changes",
                Props.empty());
        QueueEntity.init(system, settings::configOf, timekeeper, settings.tick(), settings.reattachGrace(),
                settings.watchRenewal());
        AgentEntity.init(system, AgentSettings.fromConfig(system.settings().config(), timekeeper), this::tellQueues);
        JournalFeed.findTheEnd(system);
        statistics = system.systemActorOf(QueueStatistics.create(timekeeper.clock(),
                StatisticsSettings.fromConfig(system.settings().config()), CheckpointTable.of(system),
                Checkpointing.Settings.fromConfig(system.settings().config())), "queue-statistics", Props.empty());
        Duration presenceCheck = system.settings().config().getDuration("switchboard.agents.presence-check");
        if (!presenceCheck.isZero()) {
            presence = ClusterSingleton.get(system).init(SingletonActor.of(
                    AgentPresence.create(timekeeper, presenceCheck), "agent-presence"));
        }
        return this;
    }

    /**
     * Every agent change as its entity announces it, on every node (after {@link #start}): subscribe with
     * {@code Topic.subscribe}. Unlike the journal it also carries what is never journaled, an agent shown
     * {@link io.switchboard.queues.agent.AgentState#IN_USE} while its phone is busy elsewhere.
     */
    public ActorRef<Topic.Command<AgentStatus>> agentChanges() {
        if (agentChanges == null) {
            throw new IllegalStateException("queues not started on this node");
        }
        return agentChanges;
    }

    /** This node's live queue figures (after {@link #start}). */
    public ActorRef<QueueStatistics.Command> statistics() {
        if (statistics == null) {
            throw new IllegalStateException("queues not started on this node");
        }
        return statistics;
    }

    /**
     * Every call entering {@code app} goes to the queue named by its first Stasis argument; calls back to
     * callers who kept their place take that place.
     */
    public FlowRegistry addFlows(FlowRegistry flows, String app) {
        QueueCallFlow queueFlow = new QueueCallFlow(system, settings);
        return flows.register(app, QueueEntity.CALLBACK_ARG, new CallbackFlow(system, queueFlow))
                .register(app, queueFlow);
    }

    public QueuesSettings settings() {
        return settings;
    }

    public EntityRef<QueueEntity.Command> queue(String name) {
        return ClusterSharding.get(system).entityRefFor(QueueEntity.TYPE_KEY, name);
    }

    /**
     * Takes a caller who is talking to an agent of {@code fromQueue} into {@code toQueue}, a configured queue: the
     * agent's leg is hung up (the agent wraps up), the caller waits in {@code toQueue} with its music.
     * {@code caller}: {@code <asteriskId>/<channelId>} or the caller's channel id.
     */
    public CompletionStage<QueueEntity.TransferReply> transferCaller(String fromQueue, String caller, String toQueue,
                                                                     Duration timeout) {
        if (toQueue == null || toQueue.isBlank()) {
            return CompletableFuture.completedFuture(new QueueEntity.TransferRefused(
                    QueueEntity.TransferRefused.Refusal.UNKNOWN_QUEUE, "toQueue: the queue to transfer to is missing"));
        }
        if (settings.queue(toQueue).isEmpty()) {
            return CompletableFuture.completedFuture(new QueueEntity.TransferRefused(
                    QueueEntity.TransferRefused.Refusal.UNKNOWN_QUEUE, "toQueue: no queue named " + toQueue));
        }
        return queue(fromQueue).ask(replyTo -> new QueueEntity.TransferCaller(caller, toQueue, replyTo), timeout);
    }

    public EntityRef<AgentEntity.Command> agent(String agentId) {
        return ClusterSharding.get(system).entityRefFor(AgentEntity.TYPE_KEY, agentId);
    }

    /** An agent's change goes to every queue it serves, and to those it has just left. */
    private void tellQueues(AgentStatus status) {
        Set<String> now = status.queuePenalties().keySet();
        Set<String> before = memberships.put(status.agentId(), Set.copyOf(now));
        Set<String> told = new HashSet<>(now);
        if (before != null) {
            told.addAll(before);
        }
        told.forEach(q -> queue(q).tell(new QueueEntity.AgentChanged(status)));
        if (presence != null) {
            presence.tell(new AgentPresence.AgentChanged(status));
        }
        agentChanges.tell(Topic.publish(status));
    }

    static final class Id extends ExtensionId<SwitchboardQueues> {
        static final Id INSTANCE = new Id();

        @Override
        public SwitchboardQueues createExtension(ActorSystem<?> system) {
            return new SwitchboardQueues(system);
        }
    }
}
