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

    /** The open rooms, as this node knows them now. */
    public record GetRooms(ActorRef<Rooms> replyTo) implements Command, LocalOnly {
    }

    /** Open rooms' entity ids ({@code <asteriskId>/<room>}), sorted. */
    public record Rooms(List<String> entityIds) implements LocalOnly {
    }

    private record Read(Replicator.GetResponse<ORSet<String>> response, ActorRef<Rooms> replyTo)
            implements Command, LocalOnly {
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

    private RoomDirectory(ActorContext<Command> context, ReplicatorMessageAdapter<Command, ORSet<String>> replicator) {
        super(context);
        this.replicator = replicator;
        this.node = DistributedData.get(context.getSystem()).selfUniqueAddress();
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Listed.class, listed -> update(listed.roomEntityId(), true))
                .onMessage(Unlisted.class, unlisted -> update(unlisted.roomEntityId(), false))
                .onMessage(GetRooms.class, this::onGetRooms)
                .onMessage(Read.class, this::onRead)
                .onMessage(Updated.class, updated -> this)
                .build();
    }

    /** Written to this node's replica at once (read back by the next GetRooms); the others hear of it by gossip. */
    private Behavior<Command> update(String roomEntityId, boolean open) {
        replicator.askUpdate(replyTo -> new Replicator.Update<>(ROOMS, ORSet.empty(), Replicator.writeLocal(), replyTo,
                set -> open ? set.add(node, roomEntityId) : set.remove(node, roomEntityId)), Updated::new);
        return this;
    }

    private Behavior<Command> onGetRooms(GetRooms get) {
        replicator.askGet(replyTo -> new Replicator.Get<>(ROOMS, Replicator.readLocal(), replyTo),
                response -> new Read(response, get.replyTo()));
        return this;
    }

    private Behavior<Command> onRead(Read read) {
        Set<String> rooms = read.response() instanceof Replicator.GetSuccess<ORSet<String>> found
                ? new TreeSet<>(found.get(ROOMS).getElements()) : Set.of();
        read.replyTo().tell(new Rooms(List.copyOf(rooms)));
        return this;
    }
}
