package io.switchboard.conferencing.room;

import io.switchboard.actors.gateway.CommandResult;
import io.switchboard.ari.model.Bridge;
import io.switchboard.ari.rest.ResponseType;
import io.switchboard.conferencing.profile.RoomProfile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EffectBuilder;

/**
 * Members coming in and going out: the checks of a join (lock, count), the channel into the bridge, the member
 * journaled once in; a member out by hanging up, by the menu, kicked, or because the last marked member left a
 * room that ends then; the bridge destroyed when the last one is out. After a restart, the members are checked
 * against the bridge Asterisk still has, and watched and muted again.
 */
final class Joining {
    private final RoomContext room;
    private final RoomBridge bridge;
    private final MemberLines lines;
    private final RoomRecording recording;
    /** Joins whose channel is on its way into the bridge (until the member is journaled). */
    private final Map<String, RoomEntity.Join> entering = new LinkedHashMap<>();
    /** The members a look at the bridge after a restart checks (members who joined since are not); null: none. */
    private Set<String> lookingFor;
    private boolean lookAgain;

    Joining(RoomContext room, RoomBridge bridge, MemberLines lines, RoomRecording recording) {
        this.room = room;
        this.bridge = bridge;
        this.lines = lines;
        this.recording = recording;
    }

    Effect<RoomEntity.Event, RoomState> onJoin(RoomState state, RoomEntity.Join join) {
        String id = join.channelId();
        if (state.member(id).isPresent()) {
            join.replyTo().tell(new RoomEntity.Joined(room.name, state.size() - 1, room.waitingForMarked(state)));
            return room.effects.none();
        }
        if (entering.containsKey(id)) {
            entering.put(id, join);
            return room.effects.none();
        }
        RoomProfile profile = room.profile(state);
        if (!join.admin() && state.locked()) {
            join.replyTo().tell(new RoomEntity.Refused(RoomEntity.Refused.Refusal.LOCKED, "the room is locked"));
            return room.effects.none();
        }
        if (!join.admin() && profile.maxMembers() > 0 && state.size() + entering.size() >= profile.maxMembers()) {
            join.replyTo().tell(new RoomEntity.Refused(RoomEntity.Refused.Refusal.FULL,
                    "the room is full (" + profile.maxMembers() + " members)"));
            return room.effects.none();
        }
        entering.put(id, join);
        // followed from now, and renewed with the members' watches: what the caller does on the way in is not missed
        lines.watch(id);
        if (state.profile() == null) {
            return room.effects.persist(new RoomEntity.Opened(profile.name())).thenRun(s -> bridge.enter(id));
        }
        bridge.enter(id);
        return room.effects.none();
    }

    Effect<RoomEntity.Event, RoomState> onOpen(RoomState state, RoomEntity.Open open) {
        if (room.settings.profile(open.profile()).isEmpty()) {
            open.replyTo().tell(new RoomEntity.OpenRefused("no profile named " + open.profile()));
            return room.effects.none();
        }
        if (state.profile() != null) {
            if (state.profile().equals(open.profile())) {
                room.listed();
                open.replyTo().tell(new RoomEntity.OpenedRoom(lines.view(state)));
            } else {
                open.replyTo().tell(new RoomEntity.OpenRefused("the room is open with profile " + state.profile()));
            }
            return room.effects.none();
        }
        return room.effects.persist(new RoomEntity.Opened(open.profile())).thenRun(after -> {
            room.listed();
            open.replyTo().tell(new RoomEntity.OpenedRoom(lines.view(after)));
        });
    }

    Effect<RoomEntity.Event, RoomState> onAwaitLeaving(RoomState state, RoomEntity.AwaitLeaving await) {
        if (state.member(await.channelId()).isPresent() || entering.containsKey(await.channelId())) {
            lines.awaitLeaving(await.channelId(), await.replyTo());
        } else {
            await.replyTo().tell(new RoomEntity.Left(await.channelId(),
                    lines.leftLately(await.channelId()).orElse(RoomEntity.LeftReason.NOT_IN_ROOM)));
        }
        return room.effects.none();
    }

    Effect<RoomEntity.Event, RoomState> onBridgeAnswered(RoomState state, RoomEntity.BridgeAnswered answered) {
        CommandResult result = answered.result();
        switch (answered.step()) {
            case CREATE -> {
                for (String refused : bridge.created(result)) {
                    refuse(refused, result);
                }
                if (result instanceof CommandResult.Failed) {
                    return room.effects.none();
                }
                syncMedia(state);
                return room.effects.none();
            }
            case ADD -> {
                return added(state, answered.channelId(), result);
            }
            case DESTROY -> {
                if (bridge.destroyed() && state.isEmpty() && entering.isEmpty()) {
                    room.passivate();
                }
                return room.effects.none();
            }
            case LOOK -> {
                return found(state, result);
            }
            default -> {
                if (result instanceof CommandResult.Failed failed
                        && !(answered.step() == RoomBridge.Step.MUSIC_OFF && failed.status() == 409)) {
                    room.context.getLog().info("room {}: {} failed: {}", room.entityId, answered.step(),
                            failed.message());
                }
                return room.effects.none();
            }
        }
    }

    private Effect<RoomEntity.Event, RoomState> added(RoomState state, String channelId, CommandResult result) {
        RoomEntity.Join join = entering.get(channelId);
        if (join == null) {
            return room.effects.none();
        }
        if (result instanceof CommandResult.Failed) {
            entering.remove(channelId);
            refuse(join, result);
            if (state.isEmpty() && entering.isEmpty()) {
                bridge.close();
            }
            return room.effects.none();
        }
        Member member = new Member(channelId, join.callerName(), join.callerNumber(), join.admin(), join.marked(),
                false, join.nameRecording(), Instant.now(room.clock));
        return room.effects.persist(new RoomEntity.MemberJoined(member)).thenRun(after -> {
            // kept entering until journaled: a journal failure restarts the room, which refuses it
            RoomEntity.Join answered = entering.remove(channelId);
            RoomProfile profile = room.profile(after);
            lines.joined(channelId);
            lines.detectTalking(channelId, profile.talkDetection());
            syncMedia(after);
            if (profile.announceJoinLeave() && member.nameRecording() != null && after.size() > 1) {
                bridge.announce(List.of("recording:" + member.nameRecording(), Prompts.HAS_JOINED));
            }
            if (after.size() == 1) {
                room.listed();
                if (profile.record()) {
                    recording.startWithRoom(after);
                }
            }
            room.publish(RoomChange.Kind.JOINED, channelId, true);
            (answered != null ? answered : join).replyTo().tell(new RoomEntity.Joined(room.name, after.size() - 1,
                    room.waitingForMarked(after)));
        });
    }

    private void refuse(String channelId, CommandResult result) {
        RoomEntity.Join join = entering.remove(channelId);
        if (join != null) {
            refuse(join, result);
        }
    }

    private void refuse(RoomEntity.Join join, CommandResult result) {
        String why = result instanceof CommandResult.Failed failed ? failed.message() : "refused";
        join.replyTo().tell(new RoomEntity.Refused(RoomEntity.Refused.Refusal.FAILED,
                "Asterisk did not put the call in the room: " + why));
    }

    Effect<RoomEntity.Event, RoomState> onCallEnded(RoomState state, String channelId) {
        if (state.member(channelId).isEmpty()) {
            return room.effects.none();
        }
        return leave(state, List.of(channelId), RoomEntity.LeftReason.HUNG_UP);
    }

    /**
     * Members out of the room for {@code reason}; when that takes the last marked member out of a room that ends
     * then, everyone else is out too (ENDED).
     */
    EffectBuilder<RoomEntity.Event, RoomState> leave(RoomState state, List<String> channelIds,
                                               RoomEntity.LeftReason reason) {
        Set<String> going = new HashSet<>(channelIds);
        going.removeIf(id -> state.member(id).isEmpty());
        if (going.isEmpty()) {
            return room.effects.none();
        }
        Instant now = Instant.now(room.clock);
        List<RoomEntity.Event> events = new ArrayList<>();
        Map<String, RoomEntity.LeftReason> reasons = new LinkedHashMap<>();
        for (String id : going) {
            events.add(new RoomEntity.MemberLeft(id, reason, now));
            reasons.put(id, reason);
        }
        boolean markedLeft = state.members().stream().anyMatch(m -> m.marked() && going.contains(m.channelId()));
        boolean markedStay = state.members().stream().anyMatch(m -> m.marked() && !going.contains(m.channelId()));
        if (room.profile(state).endWhenMarkedLeaves() && markedLeft && !markedStay) {
            for (Member other : state.members()) {
                if (!going.contains(other.channelId())) {
                    events.add(new RoomEntity.MemberLeft(other.channelId(), RoomEntity.LeftReason.ENDED, now));
                    reasons.put(other.channelId(), RoomEntity.LeftReason.ENDED);
                }
            }
        }
        if (reasons.size() == state.size()) {
            if (state.recording() != null) {
                // the bridge goes with the last member, and Asterisk stores its recording then
                events.add(new RoomEntity.RecordingStopped(state.recording(), now));
            }
            events.add(new RoomEntity.Closed(now));
        }
        List<Member> leaving = state.members().stream().filter(m -> reasons.containsKey(m.channelId())).toList();
        return room.effects.persist(events).thenRun(after -> {
            for (Member member : leaving) {
                RoomEntity.LeftReason why = reasons.get(member.channelId());
                if (why != RoomEntity.LeftReason.HUNG_UP) {
                    bridge.leave(member.channelId());
                }
                lines.left(member.channelId(), why);
                room.publish(RoomChange.Kind.LEFT, member.channelId(), false);
                if (room.profile(after).announceJoinLeave() && member.nameRecording() != null && !after.isEmpty()) {
                    bridge.announce(List.of("recording:" + member.nameRecording(), Prompts.HAS_LEFT));
                }
            }
            if (after.isEmpty() && entering.isEmpty()) {
                bridge.close();
            } else {
                syncMedia(after);
            }
        });
    }

    /** Every member's mute and the room's music as the room's state wants them. */
    void syncMedia(RoomState state) {
        boolean waiting = room.waitingForMarked(state);
        for (Member member : state.members()) {
            lines.mute(member.channelId(), member.muted() || (waiting && !member.marked()));
        }
        RoomProfile profile = room.profile(state);
        boolean music = !state.isEmpty() && (waiting || (profile.musicWhenAlone() && state.size() == 1));
        bridge.music(music, profile.musicClass());
    }

    /**
     * Recovered (a start, or a restart after a journal failure, which keeps this object): joins under way are
     * refused (their flows hear so at once), nothing is assumed of Asterisk, and the members are checked against
     * the bridge Asterisk has.
     */
    void recovered(RoomState state) {
        for (RoomEntity.Join join : entering.values()) {
            join.replyTo().tell(new RoomEntity.Refused(RoomEntity.Refused.Refusal.FAILED,
                    "the room restarted while the call was on its way in"));
        }
        entering.clear();
        bridge.reset();
        lines.forgetAsterisk();
        if (!state.isEmpty()) {
            room.listed();
            look(state);
            renewWatches(state);
        }
    }

    private void look(RoomState state) {
        lookingFor = new HashSet<>();
        state.members().forEach(m -> lookingFor.add(m.channelId()));
        lookAgain = false;
        bridge.look();
    }

    private Effect<RoomEntity.Event, RoomState> found(RoomState state, CommandResult result) {
        Set<String> inBridge;
        if (result instanceof CommandResult.Succeeded succeeded) {
            Bridge found = succeeded.decode(ResponseType.of(Bridge.class));
            inBridge = found.channels() == null ? Set.of() : new HashSet<>(found.channels());
            bridge.found();
        } else if (result instanceof CommandResult.Failed failed && failed.status() == 404) {
            inBridge = Set.of();
        } else {
            room.context.getLog().warn("room {}: could not look at its bridge (again at the next watch renewal): {}",
                    room.entityId, result);
            lookAgain = true;
            return room.effects.none();
        }
        Set<String> checked = lookingFor == null ? Set.of() : lookingFor;
        lookingFor = null;
        List<String> gone = state.members().stream().map(Member::channelId)
                .filter(id -> checked.contains(id) && !inBridge.contains(id)).toList();
        room.context.getLog().info("room {} recovered: {} members, {} no longer in its bridge", room.entityId,
                state.size(), gone.size());
        if (gone.isEmpty()) {
            syncMedia(state);
            return room.effects.none();
        }
        return leave(state, gone, RoomEntity.LeftReason.HUNG_UP);
    }

    /** Every watch renewal: the watches told again, a failed look tried again, mute and music made right. */
    void renewWatches(RoomState state) {
        state.members().forEach(m -> lines.watch(m.channelId()));
        if (lookAgain && !state.isEmpty()) {
            look(state);
        } else if (!state.isEmpty() && lookingFor == null) {
            syncMedia(state);
        }
    }
}
