package io.switchboard.conferencing.directory;

import io.switchboard.actors.serialization.LocalOnly;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.ddata.Key;
import org.apache.pekko.cluster.ddata.ORSet;
import org.apache.pekko.cluster.ddata.ORSetKey;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;
import org.apache.pekko.cluster.ddata.typed.javadsl.ReplicatorMessageAdapter;

/**
 * Which rooms are open, on every node: a replicated set (Pekko Distributed Data) of room entity ids that each room
 * adds itself to when it opens or gets its first member, and leaves when it closes empty. A room that was on a lost
 * node stays listed, and its entity (started again by its members' flows) is where its state is.
 */
public final class RoomDirectory extends AbstractBehavior<RoomDirectory.Command> {
    private static final Key<ORSet<String>> ROOMS = ORSetKey.create("switchboard-conference-rooms");

    public interface Command {
    }

    /** A room is open: {@code <asteriskId>/<room>}. */
    public record Listed(String roomEntityId) implements Command, LocalOnly {
    }

    /** A room closed (it is empty). */
    public record Unlisted(String roomEntityId) implements Command, LocalOnly {
    }

    /** The open rooms' entity ids, sorted, as this node knows them now. */
    public record GetRooms(ActorRef<List<String>> replyTo) implements Command, LocalOnly {
    }

    private record Changed(Replicator.SubscribeResponse<ORSet<String>> response) implements Command, LocalOnly {
    }

    private record Updated(Replicator.UpdateResponse<ORSet<String>> response) implements Command, LocalOnly {
    }

    public static Behavior<Command> create() {
        return Behaviors.setup(context -> DistributedData.withReplicatorMessageAdapter(
                (ReplicatorMessageAdapter<Command, ORSet<String>> replicator) ->
                        new RoomDirectory(context, replicator)));
    }

    private final ReplicatorMessageAdapter<Command, ORSet<String>> replicator;
    private final SelfUniqueAddress node;
    private Set<String> rooms = new TreeSet<>();

    private RoomDirectory(ActorContext<Command> context, ReplicatorMessageAdapter<Command, ORSet<String>> replicator) {
        super(context);
        this.replicator = replicator;
        this.node = DistributedData.get(context.getSystem()).selfUniqueAddress();
        replicator.subscribe(ROOMS, Changed::new);
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Listed.class, listed -> update(listed.roomEntityId(), true))
                .onMessage(Unlisted.class, unlisted -> update(unlisted.roomEntityId(), false))
                .onMessage(GetRooms.class, this::onGetRooms)
                .onMessage(Changed.class, this::onChanged)
                .onMessage(Updated.class, updated -> this)
                .build();
    }

    private Behavior<Command> update(String roomEntityId, boolean open) {
        // known here at once; the other nodes hear of it by gossip
        if (open) {
            rooms.add(roomEntityId);
        } else {
            rooms.remove(roomEntityId);
        }
        replicator.askUpdate(replyTo -> new Replicator.Update<>(ROOMS, ORSet.empty(), Replicator.writeLocal(), replyTo,
                set -> open ? set.add(node, roomEntityId) : set.remove(node, roomEntityId)), Updated::new);
        return this;
    }

    private Behavior<Command> onGetRooms(GetRooms get) {
        get.replyTo().tell(List.copyOf(rooms));
        return this;
    }

    private Behavior<Command> onChanged(Changed changed) {
        if (changed.response() instanceof Replicator.Changed<ORSet<String>> now) {
            rooms = new TreeSet<>(now.get(ROOMS).getElements());
        }
        return this;
    }
}
