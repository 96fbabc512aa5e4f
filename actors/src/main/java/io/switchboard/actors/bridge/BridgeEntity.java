package io.switchboard.actors.bridge;

import io.switchboard.actors.channel.Outcome;
import io.switchboard.actors.gateway.AriCommand;
import io.switchboard.actors.gateway.CommandResult;
import io.switchboard.actors.gateway.EntityIds;
import io.switchboard.actors.gateway.GatewayCommands;
import io.switchboard.actors.serialization.CborSerializable;
import io.switchboard.actors.serialization.LocalOnly;
import io.switchboard.actors.settings.ActorsSettings;
import io.switchboard.actors.settings.ShardedEntities;
import io.switchboard.ari.events.AriEvent;
import io.switchboard.ari.events.BridgeDestroyed;
import io.switchboard.ari.events.ChannelEnteredBridge;
import io.switchboard.ari.events.ChannelLeftBridge;
import io.switchboard.ari.model.Bridge;
import io.switchboard.ari.rest.BridgesApi;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * One Asterisk bridge as a cluster-sharded actor, id {@code <asteriskId>/<bridgeId>}. It keeps the bridge's
 * snapshot and members, creates bridges for flows and destroys a bridge it created once its last member has
 * left, so no empty bridge is left behind.
 */
public final class BridgeEntity {

    public static final EntityTypeKey<Command> TYPE_KEY = EntityTypeKey.create(Command.class, "Bridge");

    public static void init(ActorSystem<?> system, ActorsSettings settings) {
        ShardedEntities.init(system, settings, TYPE_KEY, BridgeEntity::create);
    }

    public interface Command extends CborSerializable {
    }

    public record EventReceived(AriEvent event) implements Command {
    }

    /** Reconciliation found the bridge gone. */
    public record Gone(String reason) implements Command {
    }

    /** Creates this bridge ({@code mixing}, {@code holding}...) and adds the channels; replies once all are in. */
    public record Join(String type, List<String> channelIds, ActorRef<Outcome> replyTo) implements Command {
    }

    /**
     * Puts a channel in this bridge used as a waiting room: a holding bridge with music on hold of
     * {@code mohClass}, created by the first caller and kept while empty. Replies once the channel is in.
     */
    public record Hold(String channelId, String mohClass, ActorRef<Outcome> replyTo) implements Command {
    }

    public record GetSnapshot(ActorRef<Snapshot> replyTo) implements Command {
    }

    public record Snapshot(String entityId, Bridge bridge, List<String> members, boolean destroyed)
            implements CborSerializable {
    }

    private record CommandAnswered(Step step, String channelId, CommandResult result) implements Command, LocalOnly {
    }

    private enum Step { CREATED, ADDED, DESTROYED, ROOM_CREATED, HELD, MUSIC }

    public static Behavior<Command> create(String entityId) {
        return Behaviors.<Command>supervise(Behaviors.setup(context -> new BridgeEntity(context, entityId).behavior()))
                .onFailure(SupervisorStrategy.restartWithBackoff(Duration.ofMillis(100), Duration.ofSeconds(5), 0.2));
    }

    private final ActorContext<Command> context;
    private final String entityId;
    private final String asteriskId;
    private final String bridgeId;
    private final BridgesApi bridges = new BridgesApi(null);
    private final Set<String> members = new LinkedHashSet<>();
    private Bridge snapshot;
    private Join joining;
    private boolean createdByUs;
    private boolean hadMembers;
    /** Channels on their way into the waiting room, and who learns when each is in. */
    private final Map<String, ActorRef<Outcome>> holds = new HashMap<>();
    private boolean waitingRoom;
    private boolean creatingRoom;
    private String roomMusic;

    private BridgeEntity(ActorContext<Command> context, String entityId) {
        this.context = context;
        this.entityId = entityId;
        this.asteriskId = EntityIds.asteriskId(entityId);
        this.bridgeId = EntityIds.ariId(entityId);
    }

    private Behavior<Command> behavior() {
        return Behaviors.receive(Command.class)
                .onMessage(EventReceived.class, this::onEvent)
                .onMessage(Join.class, this::onJoin)
                .onMessage(Hold.class, this::onHold)
                .onMessage(Gone.class, gone -> {
                    failJoin("the bridge is gone: " + gone.reason());
                    return Behaviors.stopped();
                })
                .onMessage(GetSnapshot.class, get -> {
                    get.replyTo().tell(new Snapshot(entityId, snapshot, List.copyOf(members), false));
                    return Behaviors.same();
                })
                .onMessage(CommandAnswered.class, this::onCommandAnswered)
                .build();
    }

    private Behavior<Command> onEvent(EventReceived received) {
        AriEvent event = received.event();
        if (event instanceof ChannelEnteredBridge entered) {
            snapshot = entered.bridge();
            members.add(entered.channel().id());
            hadMembers = true;
            ActorRef<Outcome> held = holds.remove(entered.channel().id());
            if (held != null) {
                held.tell(new Outcome.Bridged(bridgeId));
            }
            if (joining != null && members.containsAll(joining.channelIds())) {
                joining.replyTo().tell(new Outcome.Bridged(bridgeId));
                joining = null;
            }
        } else if (event instanceof ChannelLeftBridge left) {
            snapshot = left.bridge();
            members.remove(left.channel().id());
            if (createdByUs && hadMembers && members.isEmpty() && !waitingRoom) {
                execute(AriCommand.of(bridges.destroy(bridgeId)), Step.DESTROYED);
            }
        } else if (event instanceof BridgeDestroyed destroyed) {
            snapshot = destroyed.bridge();
            failJoin("the bridge was destroyed");
            return Behaviors.stopped();
        }
        return Behaviors.same();
    }

    private Behavior<Command> onJoin(Join join) {
        if (joining != null) {
            join.replyTo().tell(new Outcome.Failed(Outcome.Failed.Reason.BUSY, null, "a join is already under way"));
            return Behaviors.same();
        }
        joining = join;
        if (snapshot == null && !createdByUs) {
            createdByUs = true;
            execute(AriCommand.of(bridges.createWithId(bridgeId).type(join.type())), Step.CREATED);
        } else {
            execute(AriCommand.of(bridges.addChannel(bridgeId, join.channelIds().toArray(new String[0]))), Step.ADDED);
        }
        return Behaviors.same();
    }

    private Behavior<Command> onHold(Hold hold) {
        waitingRoom = true;
        holds.put(hold.channelId(), hold.replyTo());
        if (snapshot == null && !createdByUs) {
            createdByUs = true;
            creatingRoom = true;
            roomMusic = hold.mohClass();
            execute(AriCommand.of(bridges.createWithId(bridgeId).type("holding")), Step.ROOM_CREATED, null);
        } else if (!creatingRoom) {
            execute(AriCommand.of(bridges.addChannel(bridgeId, hold.channelId())), Step.HELD, hold.channelId());
        }
        return Behaviors.same();
    }

    private Behavior<Command> onRoomAnswered(CommandAnswered answered) {
        if (answered.step() == Step.MUSIC) {
            return Behaviors.same();
        }
        if (answered.step() == Step.ROOM_CREATED && answered.result() instanceof CommandResult.Failed failed
                && failed.status() == 409) {
            // the room outlived its entity (a node was lost): use it as it is
            creatingRoom = false;
            holds.keySet().forEach(channel -> execute(AriCommand.of(bridges.addChannel(bridgeId, channel)),
                    Step.HELD, channel));
            return Behaviors.same();
        }
        if (answered.result() instanceof CommandResult.Failed failed) {
            Outcome failure = new Outcome.Failed(Outcome.Failed.Reason.COMMAND_FAILED, failed,
                    failed.toException().getMessage());
            if (answered.step() == Step.HELD) {
                ActorRef<Outcome> held = holds.remove(answered.channelId());
                if (held != null) {
                    held.tell(failure);
                }
                return Behaviors.same();
            }
            holds.values().forEach(h -> h.tell(failure));
            return Behaviors.stopped();
        }
        if (answered.step() == Step.HELD) {
            // accepted: a channel already in the room (after a failover) gets no new ChannelEnteredBridge
            ActorRef<Outcome> held = holds.remove(answered.channelId());
            if (held != null) {
                held.tell(new Outcome.Bridged(bridgeId));
            }
            return Behaviors.same();
        }
        if (answered.step() == Step.ROOM_CREATED) {
            creatingRoom = false;
            snapshot = ((CommandResult.Succeeded) answered.result()).decode(
                    io.switchboard.ari.rest.ResponseType.of(Bridge.class));
            execute(AriCommand.of(bridges.startMoh(bridgeId).mohClass(roomMusic)), Step.MUSIC, null);
            for (String channel : List.copyOf(holds.keySet())) {
                execute(AriCommand.of(bridges.addChannel(bridgeId, channel)), Step.HELD, channel);
            }
        }
        return Behaviors.same();
    }

    private Behavior<Command> onCommandAnswered(CommandAnswered answered) {
        if (answered.step() == Step.ROOM_CREATED || answered.step() == Step.HELD || answered.step() == Step.MUSIC) {
            return onRoomAnswered(answered);
        }
        if (answered.result() instanceof CommandResult.Failed failed) {
            if (answered.step() != Step.DESTROYED && joining != null) {
                joining.replyTo().tell(new Outcome.Failed(Outcome.Failed.Reason.COMMAND_FAILED, failed,
                        failed.toException().getMessage()));
                joining = null;
            }
            if (answered.step() == Step.CREATED) {
                return Behaviors.stopped();
            }
            return Behaviors.same();
        }
        if (answered.step() == Step.CREATED && joining != null) {
            snapshot = ((CommandResult.Succeeded) answered.result()).decode(
                    io.switchboard.ari.rest.ResponseType.of(Bridge.class));
            execute(AriCommand.of(bridges.addChannel(bridgeId, joining.channelIds().toArray(new String[0]))),
                    Step.ADDED);
        } else if (answered.step() == Step.DESTROYED) {
            return Behaviors.stopped();
        }
        return Behaviors.same();
    }

    private void failJoin(String why) {
        if (joining != null) {
            joining.replyTo().tell(new Outcome.Failed(Outcome.Failed.Reason.CALL_ENDED, null, why));
            joining = null;
        }
    }

    private void execute(AriCommand command, Step step) {
        execute(command, step, null);
    }

    private void execute(AriCommand command, Step step, String channelId) {
        GatewayCommands.execute(context, asteriskId, command, result -> new CommandAnswered(step, channelId, result));
    }
}
