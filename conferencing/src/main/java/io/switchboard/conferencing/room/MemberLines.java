package io.switchboard.conferencing.room;

import io.switchboard.actors.channel.CallEvent;
import io.switchboard.actors.channel.ChannelAction;
import io.switchboard.actors.channel.ChannelEntity;
import io.switchboard.actors.channel.Outcome;
import io.switchboard.conferencing.profile.RoomProfile;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What a room knows of its members only in memory, and its lines to their channel entities: whose flow to tell
 * when a member is out, who is talking, the mute last told to Asterisk; the watch on each member's call (its end,
 * digits and talking), and the actions the room asks of a member's channel.
 */
final class MemberLines {
    private static final Duration ACTION_TIMEOUT = Duration.ofSeconds(30);

    private final RoomContext room;
    private final String watcherName;
    private final ActorRef<CallEvent> events;
    private final ActorRef<ChannelEntity.CallEnded> ends;
    private final Map<String, ActorRef<RoomEntity.Left>> flows = new HashMap<>();
    private final Set<String> talking = new HashSet<>();
    /**
     * Why members left lately, for a flow that asks after its member is out (it was put out while its flow was
     * between asks): the oldest are forgotten past {@link #RECENT_LEAVERS}.
     */
    private final LinkedHashMap<String, RoomEntity.LeftReason> recentlyLeft = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RoomEntity.LeftReason> eldest) {
            return size() > RECENT_LEAVERS;
        }
    };
    private static final int RECENT_LEAVERS = 256;
    /** Whether each member's audio into the room was last muted (absent: not known, as after a restart). */
    private final Map<String, Boolean> mutedInAsterisk = new HashMap<>();

    MemberLines(RoomContext room) {
        this.room = room;
        this.watcherName = "conference:" + room.entityId;
        this.events = room.context.messageAdapter(CallEvent.class, RoomEntity.MemberCallEvent::new);
        this.ends = room.context.messageAdapter(ChannelEntity.CallEnded.class,
                ended -> new RoomEntity.MemberCallEnded(ended.entityId()));
    }

    /** Follows the member's call: told again every watch renewal, as a channel entity lost with its node forgets. */
    void watch(String channelId) {
        var channel = room.channel(channelId);
        channel.tell(new ChannelEntity.WatchEnd(watcherName, ends));
        channel.tell(new ChannelEntity.Subscribe(events));
    }

    void detectTalking(String channelId, RoomProfile.TalkDetection detection) {
        if (detection.enabled()) {
            perform(channelId, "talk detection",
                    new ChannelAction.SetVariable("TALK_DETECT(set)", detection.value()));
        }
    }

    /** Mutes or unmutes what the member says into the room, unless Asterisk already has it so. */
    void mute(String channelId, boolean muted) {
        if (Objects.equals(mutedInAsterisk.get(channelId), muted)) {
            return;
        }
        mutedInAsterisk.put(channelId, muted);
        perform(channelId, muted ? "mute" : "unmute",
                muted ? new ChannelAction.Mute("in") : new ChannelAction.Unmute("in"));
    }

    /** A mute or unmute Asterisk did not do: the next sync tells it again. */
    void muteFailed(String channelId) {
        mutedInAsterisk.remove(channelId);
    }

    /** After a restart nothing is known of what Asterisk has: every member's mute is told again. */
    void forgetAsterisk() {
        mutedInAsterisk.clear();
        talking.clear();
    }

    /** Plays {@code media} to one member (the others do not hear it). */
    void play(String channelId, List<String> media) {
        room.context.ask(Outcome.class, room.channel(channelId), ACTION_TIMEOUT,
                replyTo -> new ChannelEntity.Play(media, "", null, replyTo),
                (outcome, failure) -> new RoomEntity.MemberActionAnswered(channelId, "prompt " + media,
                        outcome != null ? outcome : new Outcome.Failed(Outcome.Failed.Reason.COMMAND_FAILED, null,
                                String.valueOf(failure))));
    }

    private void perform(String channelId, String what, ChannelAction action) {
        room.context.ask(Outcome.class, room.channel(channelId), ACTION_TIMEOUT,
                replyTo -> new ChannelEntity.Perform(action, replyTo),
                (outcome, failure) -> new RoomEntity.MemberActionAnswered(channelId, what,
                        outcome != null ? outcome : new Outcome.Failed(Outcome.Failed.Reason.COMMAND_FAILED, null,
                                String.valueOf(failure))));
    }

    /** The flow to tell when the member is out; the latest one asking wins. */
    void awaitLeaving(String channelId, ActorRef<RoomEntity.Left> flow) {
        flows.put(channelId, flow);
    }

    /**
     * The member is out: its flow hears why, and what was kept of it goes. A call that goes on (put out, not hung
     * up) is heard again, so that what its flow does next is not done muted.
     */
    void left(String channelId, RoomEntity.LeftReason reason) {
        recentlyLeft.put(channelId, reason);
        if (reason != RoomEntity.LeftReason.HUNG_UP && !Boolean.FALSE.equals(mutedInAsterisk.get(channelId))) {
            perform(channelId, "unmute on leaving", new ChannelAction.Unmute("in"));
        }
        ActorRef<RoomEntity.Left> flow = flows.remove(channelId);
        if (flow != null) {
            flow.tell(new RoomEntity.Left(channelId, reason));
        }
        talking.remove(channelId);
        mutedInAsterisk.remove(channelId);
    }

    /** Why {@code channelId} left, if it did lately. */
    Optional<RoomEntity.LeftReason> leftLately(String channelId) {
        return Optional.ofNullable(recentlyLeft.get(channelId));
    }

    /**
     * A member joins. A new call is heard as it comes in: nothing needs telling Asterisk unless the member must be
     * muted. One that was in before (and may have been muted then) has its mute told again.
     */
    void joined(String channelId) {
        if (recentlyLeft.remove(channelId) == null) {
            mutedInAsterisk.put(channelId, false);
        }
    }

    /** True when this changes what is known. */
    boolean talking(String channelId, boolean now) {
        return now ? talking.add(channelId) : talking.remove(channelId);
    }

    /** The room as it is now: its journaled state, and who is talking as this incarnation has heard. */
    RoomEntity.RoomView view(RoomState state) {
        return new RoomEntity.RoomView(room.asteriskId, room.name, state.profile(), state.locked(), state.recording(),
                state.members().stream().map(m -> new RoomEntity.MemberView(m.channelId(), m.callerName(),
                        m.callerNumber(), m.admin(), m.marked(), m.muted(), talking.contains(m.channelId()),
                        m.joinedAt())).toList());
    }
}
