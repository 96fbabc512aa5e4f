package io.switchboard.conferencing;

import io.switchboard.actors.flow.Call;
import io.switchboard.actors.flow.FlowRegistry;
import io.switchboard.actors.time.Timekeeper;
import io.switchboard.conferencing.flow.ConferenceCallFlow;
import io.switchboard.conferencing.flow.ConferenceExit;
import io.switchboard.conferencing.flow.ConferenceJoin;
import io.switchboard.conferencing.flow.JoinOptions;
import io.switchboard.conferencing.directory.RoomDirectory;
import io.switchboard.conferencing.profile.ConferenceSettings;
import io.switchboard.conferencing.room.RoomChange;
import io.switchboard.conferencing.room.RoomEntity;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

/**
 * The conference layer of one node: starts the sharded rooms and lets flows put calls in them.
 *
 * <pre>{@code
 * SwitchboardConferences conferences = SwitchboardConferences.get(system).start(Timekeeper.system(system));
 * flows.register("callcenter", "meeting", call -> call.answer()
 *         .thenCompose(x -> conferences.join(call, "sales", JoinOptions.byPin())));
 * }</pre>
 */
public final class SwitchboardConferences implements Extension {
    private static final String CHANGES_TOPIC = "switchboard-conference-changes";

    private final ActorSystem<?> system;
    private final ConferenceSettings settings;
    private final ConferenceJoin joins;
    private volatile ActorRef<Topic.Command<RoomChange>> changes;
    private volatile ActorRef<RoomDirectory.Command> directory;

    private SwitchboardConferences(ActorSystem<?> system) {
        this.system = system;
        this.settings = ConferenceSettings.fromConfig(system.settings().config());
        this.joins = new ConferenceJoin(system, settings);
    }

    public static SwitchboardConferences get(ActorSystem<?> system) {
        return Id.INSTANCE.apply(system);
    }

    /** Starts rooms on this node; {@code timekeeper} runs their timers and dates their members. */
    public synchronized SwitchboardConferences start(Timekeeper timekeeper) {
        if (changes == null) {
            changes = system.systemActorOf(Topic.create(RoomChange.class, CHANGES_TOPIC), "conference-changes",
                    Props.empty());
            directory = system.systemActorOf(RoomDirectory.create(), "conference-rooms", Props.empty());
            RoomEntity.init(system, settings, timekeeper, changes, directory);
        }
        return this;
    }

    /** Whether rooms run on this node ({@link #start} was called). */
    public boolean started() {
        return changes != null;
    }

    /** Calls entering {@code app} with {@code Stasis(app, <stasis-arg>, <room>)} join that room. */
    public FlowRegistry addFlows(FlowRegistry flows, String app) {
        return flows.register(app, settings.stasisArg(), new ConferenceCallFlow(this));
    }

    /**
     * Puts {@code call} (answered) in {@code room} on its Asterisk; the stage completes when its time there is
     * over, with why. The call goes on afterwards: the flow decides what comes next.
     */
    public CompletionStage<ConferenceExit> join(Call call, String room, JoinOptions options) {
        return joins.join(call, room, options);
    }

    public EntityRef<RoomEntity.Command> room(String asteriskId, String room) {
        return ClusterSharding.get(system).entityRefFor(RoomEntity.TYPE_KEY, RoomEntity.entityId(asteriskId, room));
    }

    /** Every room's changes as they happen, on this node (after {@link #start}): subscribe with Topic.subscribe. */
    public ActorRef<Topic.Command<RoomChange>> changes() {
        if (changes == null) {
            throw new IllegalStateException("conferences not started on this node");
        }
        return changes;
    }

    /** The open rooms' entity ids ({@code <asteriskId>/<room>}) as this node knows them (after {@link #start}). */
    public ActorRef<RoomDirectory.Command> directory() {
        if (directory == null) {
            throw new IllegalStateException("conferences not started on this node");
        }
        return directory;
    }

    public ConferenceSettings settings() {
        return settings;
    }

    static final class Id extends ExtensionId<SwitchboardConferences> {
        static final Id INSTANCE = new Id();

        @Override
        public SwitchboardConferences createExtension(ActorSystem<?> system) {
            return new SwitchboardConferences(system);
        }
    }
}
