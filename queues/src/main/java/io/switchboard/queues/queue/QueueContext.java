package io.switchboard.queues.queue;

import io.switchboard.actors.channel.ChannelAction;
import io.switchboard.actors.channel.ChannelEntity;
import io.switchboard.queues.agent.AgentEntity;
import io.switchboard.queues.queue.QueueEntity.Command;
import io.switchboard.queues.queue.QueueEntity.Event;
import java.time.Clock;
import java.time.Duration;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.persistence.typed.javadsl.EffectFactories;

/**
 * What every part of a queue works with: the queue's name, its actor context (to ask and log), the clock every
 * timestamp is read from, the effects its command handlers return, and the sharded agent and channel entities
 * it talks to.
 */
final class QueueContext {
    final String name;
    final ActorContext<Command> context;
    final Clock clock;
    private final EffectFactories<Event, QueueState> effect;
    private final ClusterSharding sharding;
    /** Who waits on each waiting caller's outcome (in memory only). */
    final WaitingFlows flows = new WaitingFlows();
    /** The ends of callers' and agents' channels the queue waits for (in memory only). */
    final EndWatches watches;

    QueueContext(String name, ActorContext<Command> context, Clock clock,
                 EffectFactories<Event, QueueState> effect, Duration watchRenewal) {
        this.name = name;
        this.context = context;
        this.clock = clock;
        this.effect = effect;
        this.sharding = ClusterSharding.get(context.getSystem());
        this.watches = new EndWatches("queue:" + name, watchRenewal, (id, watch) -> channel(id).tell(watch),
                context.messageAdapter(ChannelEntity.CallEnded.class,
                        ended -> new QueueEntity.WatchedCallEnded(ended.entityId())));
    }

    /** The entity's {@code Effect()}: what a command handler returns (persist, none, reply). */
    EffectFactories<Event, QueueState> effect() {
        return effect;
    }

    EntityRef<AgentEntity.Command> agent(String agentId) {
        return sharding.entityRefFor(AgentEntity.TYPE_KEY, agentId);
    }

    EntityRef<ChannelEntity.Command> channel(String channelEntityId) {
        return sharding.entityRefFor(ChannelEntity.TYPE_KEY, channelEntityId);
    }

    /** Has a channel do something, without waiting for the outcome. */
    void perform(String channelEntityId, ChannelAction action) {
        channel(channelEntityId).tell(new ChannelEntity.Perform(action, context.getSystem().ignoreRef()));
    }

    /** Watches a waiting caller's channel: its end means the caller hung up ({@link QueueEntity.Abandon}). */
    void watchWaiting(WaitingCaller caller) {
        watches.watch(caller.channelEntityId(), new QueueEntity.Abandon(caller.callerId()), clock.instant());
    }

    void hangup(String channelEntityId) {
        perform(channelEntityId, new ChannelAction.Hangup(null));
    }
}
