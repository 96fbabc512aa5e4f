package io.switchboard.conferencing.room;

import io.switchboard.actors.gateway.CommandResult;
import io.switchboard.conferencing.profile.RoomProfile;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.typed.javadsl.Effect;

/**
 * Recording the room: the bridge is recorded into {@code conference-<room>-<yyyyMMdd-HHmmss>} from a start (the
 * API's, or the first member's when the profile records every conference) to a stop, or to the room's close, when
 * Asterisk stores what it has. Whether the room is recording is journaled; one start or stop at a time.
 */
final class RoomRecording {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private final RoomContext room;
    private final RoomBridge bridge;
    private final MemberLines lines;
    /** Who waits for the start or stop under way (null: none, or one the profile began). */
    private ActorRef<RoomEntity.ModerationReply> waiting;
    private boolean busy;

    RoomRecording(RoomContext room, RoomBridge bridge, MemberLines lines) {
        this.room = room;
        this.bridge = bridge;
        this.lines = lines;
    }

    /** The room restarted: a start or stop under way is answered as not done (Asterisk's answer comes nowhere). */
    void recovered() {
        tell(waiting, new RoomEntity.NotNow("the room restarted: ask again"));
        waiting = null;
        busy = false;
    }

    static boolean answers(RoomEntity.BridgeAnswered answered) {
        return answered.step() == RoomBridge.Step.RECORD || answered.step() == RoomBridge.Step.STOP_RECORDING;
    }

    Effect<RoomEntity.Event, RoomState> onStart(RoomState state, RoomEntity.StartRecording start) {
        String refusal = busy ? "a start or stop of the recording is under way"
                : state.recording() != null ? "the room is recording already: " + state.recording()
                : state.isEmpty() ? "the room is empty" : null;
        if (refusal == null && !begin(state, start.replyTo())) {
            refusal = "the room's bridge is not up yet";
        }
        if (refusal != null) {
            start.replyTo().tell(new RoomEntity.NotNow(refusal));
        }
        return room.effects.none();
    }

    /** The profile records every conference: the first member's arrival starts it. */
    void startWithRoom(RoomState state) {
        if (!busy && state.recording() == null) {
            begin(state, null);
        }
    }

    private boolean begin(RoomState state, ActorRef<RoomEntity.ModerationReply> replyTo) {
        RoomProfile profile = room.profile(state);
        String name = "conference-" + room.name + "-" + STAMP.format(Instant.now(room.clock));
        if (!bridge.record(name, profile.recordingFormat())) {
            return false;
        }
        busy = true;
        waiting = replyTo;
        return true;
    }

    Effect<RoomEntity.Event, RoomState> onStop(RoomState state, RoomEntity.StopRecording stop) {
        if (busy || state.recording() == null) {
            stop.replyTo().tell(new RoomEntity.NotNow(busy ? "a start or stop of the recording is under way"
                    : "the room is not recording"));
            return room.effects.none();
        }
        busy = true;
        waiting = stop.replyTo();
        bridge.stopRecording(state.recording());
        return room.effects.none();
    }

    Effect<RoomEntity.Event, RoomState> onAnswered(RoomState state, RoomEntity.BridgeAnswered answered) {
        ActorRef<RoomEntity.ModerationReply> replyTo = waiting;
        busy = false;
        waiting = null;
        String name = answered.channelId();
        CommandResult result = answered.result();
        if (answered.step() == RoomBridge.Step.RECORD) {
            if (result instanceof CommandResult.Failed failed) {
                room.context.getLog().warn("room {}: recording {} refused: {}", room.entityId, name, failed.message());
                tell(replyTo, new RoomEntity.NotNow("Asterisk did not record the room: " + failed.message()));
                return room.effects.none();
            }
            if (state.isEmpty()) {
                // everyone left while Asterisk started it: it ended with the bridge
                tell(replyTo, new RoomEntity.NotNow("the room emptied"));
                return room.effects.none();
            }
            return persist(new RoomEntity.RecordingStarted(name, Instant.now(room.clock)), true, replyTo);
        }
        if (result instanceof CommandResult.Failed failed && failed.status() != 404) {
            tell(replyTo, new RoomEntity.NotNow("Asterisk did not stop the recording: " + failed.message()));
            return room.effects.none();
        }
        // stopped, or gone already (404): either way it is no longer being made
        if (state.recording() == null) {
            tell(replyTo, new RoomEntity.Done(lines.view(state)));
            return room.effects.none();
        }
        return persist(new RoomEntity.RecordingStopped(name, Instant.now(room.clock)), false, replyTo);
    }

    private Effect<RoomEntity.Event, RoomState> persist(RoomEntity.Event event, boolean recording,
                                                        ActorRef<RoomEntity.ModerationReply> replyTo) {
        return room.effects.persist(event).thenRun(after -> {
            room.publish(RoomChange.Kind.RECORDING, null, recording);
            tell(replyTo, new RoomEntity.Done(lines.view(after)));
        });
    }

    private static void tell(ActorRef<RoomEntity.ModerationReply> replyTo, RoomEntity.ModerationReply reply) {
        if (replyTo != null) {
            replyTo.tell(reply);
        }
    }
}
