package io.switchboard.conferencing.room;

import io.switchboard.actors.channel.ChannelEntity;
import io.switchboard.actors.gateway.EntityIds;
import io.switchboard.conferencing.directory.RoomDirectory;
import io.switchboard.conferencing.profile.ConferenceSettings;
import io.switchboard.conferencing.profile.RoomProfile;
import java.time.Clock;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.persistence.typed.javadsl.EffectFactories;

/** What every part of a room shares: who it is, its settings, its clock, its actor and how to tell the world. */
public final class RoomContext {
    final String entityId;
    final String asteriskId;
    final String name;
    final ConferenceSettings settings;
    final Clock clock;
    final ActorContext<RoomEntity.Command> context;
    final EffectFactories<RoomEntity.Event, RoomState> effects;
    private final Outside outside;
    private boolean passivating;

    /**
     * Who a room tells outside itself: {@code changes} (the node's topic of room changes), {@code directory} (the
     * node's list of open rooms), and {@code shard} (which passivates it once empty, so that no message sent
     * meanwhile is lost; null outside sharding).
     */
    public record Outside(ActorRef<Topic.Command<RoomChange>> changes, ActorRef<RoomDirectory.Command> directory,
                          ActorRef<ClusterSharding.ShardCommand> shard) {
    }

    RoomContext(String entityId, ConferenceSettings settings, Clock clock, ActorContext<RoomEntity.Command> context,
                EffectFactories<RoomEntity.Event, RoomState> effects, Outside outside) {
        this.entityId = entityId;
        this.asteriskId = EntityIds.asteriskId(entityId);
        this.name = EntityIds.ariId(entityId);
        this.settings = settings;
        this.clock = clock;
        this.context = context;
        this.effects = effects;
        this.outside = outside;
    }

    /**
     * The room is empty and its bridge gone: its shard stops it, keeping any message that comes meanwhile for a
     * fresh one (an entity that stopped itself would drop those).
     */
    void passivate() {
        outside.directory().tell(new RoomDirectory.Unlisted(entityId));
        if (outside.shard() != null) {
            passivating = true;
            outside.shard().tell(new ClusterSharding.Passivate<>(context.getSelf()));
        }
    }

    boolean passivating() {
        return passivating;
    }

    /** Sends {@code command} to this room through sharding: to its next incarnation when this one is stopping. */
    void forward(RoomEntity.Command command) {
        ClusterSharding.get(context.getSystem()).entityRefFor(RoomEntity.TYPE_KEY, entityId).tell(command);
    }

    /** The room is open: listed on every node. */
    void listed() {
        outside.directory().tell(new RoomDirectory.Listed(entityId));
    }

    /** The room's profile: the one it was opened with, else the one it would open with now. */
    RoomProfile profile(RoomState state) {
        if (state.profile() != null) {
            return settings.profile(state.profile()).orElseGet(() -> settings.profileOfRoom(name));
        }
        return settings.profileOfRoom(name);
    }

    /** Whether members wait (hear music, are not heard) for a marked member. */
    boolean waitingForMarked(RoomState state) {
        return profile(state).waitForMarked() && !state.hasMarked();
    }

    EntityRef<ChannelEntity.Command> channel(String channelId) {
        return ClusterSharding.get(context.getSystem()).entityRefFor(ChannelEntity.TYPE_KEY,
                EntityIds.of(asteriskId, channelId));
    }

    void publish(RoomChange.Kind kind, String channelId, boolean on) {
        outside.changes().tell(Topic.publish(new RoomChange(asteriskId, name, kind, channelId, on)));
    }
}
