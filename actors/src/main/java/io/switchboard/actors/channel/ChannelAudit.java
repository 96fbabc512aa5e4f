package io.switchboard.actors.channel;

import io.switchboard.actors.gateway.AriCommand;
import io.switchboard.actors.gateway.CommandResult;
import io.switchboard.actors.gateway.EntityIds;
import io.switchboard.actors.gateway.GatewayCommands;
import io.switchboard.actors.serialization.LocalOnly;
import io.switchboard.actors.settings.ActorsSettings;
import io.switchboard.actors.settings.AsteriskServer;
import io.switchboard.actors.time.Timekeeper;
import io.switchboard.ari.model.Channel;
import io.switchboard.ari.rest.ChannelsApi;
import io.switchboard.ari.rest.ResponseType;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.ShardRegion.CurrentShardRegionState;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * Each node's check that the channel entities it runs still have a channel in Asterisk. An entity can miss the
 * end of its call: the events said so on a socket that died with its node, or while no socket was open. So
 * every {@code sweep-interval} the node notes the channel entities it runs, then lists Asterisk's channels, and
 * asks each entity whose channel is not listed to look it up ({@link ChannelEntity.Verify}): gone, it ends its
 * call and tells whoever waits on it. Entities started after the note are left alone.
 */
public final class ChannelAudit {

    public interface Command {
    }

    private enum Due implements Command, LocalOnly { INSTANCE }

    private record RunningNoted(CurrentShardRegionState state) implements Command, LocalOnly {
    }

    private record Listed(String asteriskId, Set<String> running, CommandResult result) implements Command, LocalOnly {
    }

    public static Behavior<Command> create(ActorsSettings settings, Timekeeper timekeeper) {
        return Behaviors.setup(context -> timekeeper.<Command>withTimers(timers -> {
            timers.startTimerWithFixedDelay(Due.INSTANCE, settings.sweepInterval());
            return new ChannelAudit(context, settings).behavior();
        }));
    }

    private final ActorContext<Command> context;
    private final ActorsSettings settings;
    private final ClusterSharding sharding;

    private ChannelAudit(ActorContext<Command> context, ActorsSettings settings) {
        this.context = context;
        this.settings = settings;
        this.sharding = ClusterSharding.get(context.getSystem());
    }

    private Behavior<Command> behavior() {
        return Behaviors.receive(Command.class)
                .onMessageEquals(Due.INSTANCE, this::onDue)
                .onMessage(RunningNoted.class, this::onRunningNoted)
                .onMessage(Listed.class, this::onListed)
                .build();
    }

    private Behavior<Command> onDue() {
        sharding.shardState().tell(new GetShardRegionState(ChannelEntity.TYPE_KEY,
                context.messageAdapter(CurrentShardRegionState.class, RunningNoted::new)));
        return Behaviors.same();
    }

    private Behavior<Command> onRunningNoted(RunningNoted noted) {
        for (AsteriskServer server : settings.servers()) {
            Set<String> running = new HashSet<>();
            noted.state().getShards().forEach(shard -> shard.getEntityIds().forEach(id -> {
                if (EntityIds.asteriskId(id).equals(server.id())) {
                    running.add(EntityIds.ariId(id));
                }
            }));
            if (!running.isEmpty()) {
                GatewayCommands.execute(context, server.id(), AriCommand.of(new ChannelsApi(null).list()),
                        result -> new Listed(server.id(), running, result));
            }
        }
        return Behaviors.same();
    }

    private Behavior<Command> onListed(Listed listed) {
        if (!(listed.result() instanceof CommandResult.Succeeded found)) {
            context.getLog().debug("channel audit of {} skipped: {}", listed.asteriskId(), listed.result());
            return Behaviors.same();
        }
        Set<String> inAsterisk = new HashSet<>();
        List<Channel> channels = found.decode(ResponseType.listOf(Channel.class));
        channels.forEach(c -> inAsterisk.add(c.id()));
        int asked = 0;
        for (String id : listed.running()) {
            if (!inAsterisk.contains(id)) {
                sharding.entityRefFor(ChannelEntity.TYPE_KEY, EntityIds.of(listed.asteriskId(), id))
                        .tell(new ChannelEntity.Verify());
                asked++;
            }
        }
        if (asked > 0) {
            context.getLog().info("channel audit of {}: {} of the {} channel entities here have no channel listed in "
                    + "Asterisk; asked them to look", listed.asteriskId(), asked, listed.running().size());
        }
        return Behaviors.same();
    }
}
