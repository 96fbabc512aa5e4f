package io.switchboard.conferencing.room;

import io.switchboard.actors.channel.CallEvent;
import io.switchboard.actors.channel.Outcome;
import io.switchboard.ari.events.AriEvent;
import io.switchboard.ari.events.ChannelDtmfReceived;
import io.switchboard.ari.events.ChannelLeftBridge;
import io.switchboard.ari.events.ChannelTalkingFinished;
import io.switchboard.ari.events.ChannelTalkingStarted;
import io.switchboard.conferencing.profile.MenuAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EffectBuilder;

/**
 * What happens to members once in: muted and unmuted, kicked, the room locked, from the API and from the members'
 * own digits (the profile's menu); who is talking, from Asterisk's talk detection.
 */
final class Moderation {
    private final RoomContext room;
    private final Joining joining;
    private final MemberLines lines;

    Moderation(RoomContext room, Joining joining, MemberLines lines) {
        this.room = room;
        this.joining = joining;
        this.lines = lines;
    }

    Effect<RoomEntity.Event, RoomState> onCallEvent(RoomState state, CallEvent.Observed observed) {
        Optional<Member> member = state.member(observed.channelId());
        if (member.isEmpty()) {
            return room.effects.none();
        }
        AriEvent event = observed.event();
        if (event instanceof ChannelTalkingStarted || event instanceof ChannelTalkingFinished) {
            boolean now = event instanceof ChannelTalkingStarted;
            if (lines.talking(observed.channelId(), now)) {
                room.publish(RoomChange.Kind.TALKING, observed.channelId(), now);
            }
        } else if (event instanceof ChannelDtmfReceived dtmf) {
            return onDigit(state, member.get(), dtmf.digit());
        } else if (event instanceof ChannelLeftBridge left && left.bridge() != null
                && ("conf-" + room.name).equals(left.bridge().id())) {
            // taken out of the bridge by something other than the room (the room forgets a member before removing it)
            return joining.leave(state, List.of(observed.channelId()), RoomEntity.LeftReason.LEFT);
        }
        return room.effects.none();
    }

    private Effect<RoomEntity.Event, RoomState> onDigit(RoomState state, Member member, String digit) {
        MenuAction action = room.profile(state).menu().get(digit);
        if (action == null || (action.adminOnly() && !member.admin())) {
            return room.effects.none();
        }
        String id = member.channelId();
        return switch (action) {
            case TOGGLE_MUTE -> mute(state, List.of(id), !member.muted())
                    .thenRun(after -> lines.play(id, List.of(member.muted() ? Prompts.UNMUTED : Prompts.MUTED)));
            case COUNT -> {
                lines.play(id, Prompts.othersIn(state.size() - 1));
                yield room.effects.none();
            }
            case LEAVE -> joining.leave(state, List.of(id), RoomEntity.LeftReason.LEFT);
            case TOGGLE_LOCK -> room.effects.persist(new RoomEntity.LockChanged(!state.locked())).thenRun(after -> {
                room.publish(RoomChange.Kind.LOCKED, null, after.locked());
                lines.play(id, List.of(after.locked() ? Prompts.LOCKED_NOW : Prompts.UNLOCKED_NOW));
            });
            case TOGGLE_MUTE_ALL -> {
                boolean anyHeard = state.members().stream().anyMatch(m -> !m.admin() && !m.muted());
                yield mute(state, nonAdmins(state), anyHeard).thenRun(after -> lines.play(id,
                        List.of(anyHeard ? Prompts.PARTICIPANTS_MUTED : Prompts.PARTICIPANTS_UNMUTED)));
            }
            case KICK_LAST -> state.lastNonAdmin()
                    .map(last -> joining.leave(state, List.of(last.channelId()), RoomEntity.LeftReason.KICKED))
                    .orElseGet(room.effects::none);
        };
    }

    Effect<RoomEntity.Event, RoomState> onSetMute(RoomState state, RoomEntity.SetMute set) {
        if (state.member(set.channelId()).isEmpty()) {
            set.replyTo().tell(new RoomEntity.NoSuchMember(set.channelId()));
            return room.effects.none();
        }
        return mute(state, List.of(set.channelId()), set.muted())
                .thenRun(after -> set.replyTo().tell(new RoomEntity.Done(lines.view(after))));
    }

    Effect<RoomEntity.Event, RoomState> onMuteAll(RoomState state, RoomEntity.MuteAll all) {
        return mute(state, nonAdmins(state), all.muted())
                .thenRun(after -> all.replyTo().tell(new RoomEntity.Done(lines.view(after))));
    }

    Effect<RoomEntity.Event, RoomState> onKick(RoomState state, RoomEntity.Kick kick) {
        if (state.member(kick.channelId()).isEmpty()) {
            kick.replyTo().tell(new RoomEntity.NoSuchMember(kick.channelId()));
            return room.effects.none();
        }
        return joining.leave(state, List.of(kick.channelId()), RoomEntity.LeftReason.KICKED)
                .thenRun(after -> kick.replyTo().tell(new RoomEntity.Done(lines.view(after))));
    }

    Effect<RoomEntity.Event, RoomState> onSetLock(RoomState state, RoomEntity.SetLock lock) {
        if (state.locked() == lock.locked()) {
            lock.replyTo().tell(new RoomEntity.Done(lines.view(state)));
            return room.effects.none();
        }
        return room.effects.persist(new RoomEntity.LockChanged(lock.locked())).thenRun(after -> {
            room.publish(RoomChange.Kind.LOCKED, null, after.locked());
            lock.replyTo().tell(new RoomEntity.Done(lines.view(after)));
        });
    }

    Effect<RoomEntity.Event, RoomState> onMemberActionAnswered(RoomState state,
                                                               RoomEntity.MemberActionAnswered answered) {
        if (answered.outcome() instanceof Outcome.Failed && (answered.action().equals("mute")
                || answered.action().equals("unmute"))) {
            lines.muteFailed(answered.channelId());
        }
        if (answered.outcome() instanceof Outcome.Failed failed && state.member(answered.channelId()).isPresent()) {
            room.context.getLog().info("room {}: {} for {} failed: {}", room.entityId, answered.action(),
                    answered.channelId(), failed.message());
        }
        return room.effects.none();
    }

    /** Mutes (or unmutes) those of {@code channelIds} not so already, and tells Asterisk. */
    private EffectBuilder<RoomEntity.Event, RoomState> mute(RoomState state, List<String> channelIds, boolean muted) {
        List<RoomEntity.Event> changes = new ArrayList<>();
        for (String id : channelIds) {
            state.member(id).filter(m -> m.muted() != muted)
                    .ifPresent(m -> changes.add(new RoomEntity.MuteChanged(id, muted)));
        }
        if (changes.isEmpty()) {
            return room.effects.none();
        }
        return room.effects.persist(changes).thenRun(after -> {
            joining.syncMedia(after);
            for (RoomEntity.Event change : changes) {
                String id = ((RoomEntity.MuteChanged) change).channelId();
                room.publish(RoomChange.Kind.MUTED, id, muted);
                // Asterisk hears nothing of a muted member, so it would not say they stopped talking
                if (muted && lines.talking(id, false)) {
                    room.publish(RoomChange.Kind.TALKING, id, false);
                }
            }
        });
    }

    private static List<String> nonAdmins(RoomState state) {
        return state.members().stream().filter(m -> !m.admin()).map(Member::channelId).toList();
    }
}
