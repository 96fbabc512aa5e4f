package io.switchboard.actors.flow;

import io.switchboard.actors.channel.ChannelAction;
import io.switchboard.actors.channel.ChannelEntity;
import io.switchboard.actors.channel.Outcome;
import io.switchboard.actors.gateway.EntityIds;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

/**
 * Another channel a flow deals with, such as the agent it dialled: enough to hang it up or learn when it
 * has gone. Its own flow, if it has one, runs elsewhere.
 */
public final class Leg {
    private static final Duration LONG = Duration.ofHours(12);

    private final ActorSystem<?> system;
    private final String channelId;
    private final EntityRef<ChannelEntity.Command> entity;

    Leg(ActorSystem<?> system, String asteriskId, String channelId) {
        this.system = system;
        this.channelId = channelId;
        this.entity = ClusterSharding.get(system).entityRefFor(ChannelEntity.TYPE_KEY,
                EntityIds.of(asteriskId, channelId));
    }

    public String channelId() {
        return channelId;
    }

    /** Completes when this leg has ended. */
    public CompletionStage<Void> ended() {
        return entity.<Outcome>ask(ChannelEntity.WhenEnded::new, LONG).thenApply(done -> null);
    }

    public CompletionStage<Void> hangup() {
        return entity.<Outcome>ask(replyTo -> new ChannelEntity.Perform(new ChannelAction.Hangup(null), replyTo),
                Duration.ofSeconds(30)).thenApply(outcome -> null);
    }

    @Override
    public String toString() {
        return "Leg[" + channelId + "]";
    }
}
