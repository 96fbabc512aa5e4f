package io.switchboard.conferencing.room;

import io.switchboard.actors.serialization.CborSerializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * What a room keeps across restarts: its members in the order they joined, whether it is locked, and the profile
 * it was opened with (null until opened). Never changed once made: {@link #apply} returns the next state, so a
 * state Pekko holds on to (the empty one across restarts, one being snapshotted) stays as it was.
 */
public final class RoomState {
    private String profile;
    private final LinkedHashMap<String, Member> members = new LinkedHashMap<>();
    private boolean locked;
    private String recording;

    public RoomState apply(RoomEntity.Event event) {
        RoomState next = new RoomState();
        next.profile = profile;
        next.members.putAll(members);
        next.locked = locked;
        next.recording = recording;
        return next.change(event);
    }

    private RoomState change(RoomEntity.Event event) {
        if (event instanceof RoomEntity.Opened opened) {
            profile = opened.profile();
        } else if (event instanceof RoomEntity.MemberJoined joined) {
            members.put(joined.member().channelId(), joined.member());
        } else if (event instanceof RoomEntity.MemberLeft left) {
            members.remove(left.channelId());
        } else if (event instanceof RoomEntity.MuteChanged mute) {
            members.computeIfPresent(mute.channelId(), (id, m) -> m.withMuted(mute.muted()));
        } else if (event instanceof RoomEntity.LockChanged lock) {
            locked = lock.locked();
        } else if (event instanceof RoomEntity.RecordingStarted started) {
            recording = started.name();
        } else if (event instanceof RoomEntity.RecordingStopped) {
            recording = null;
        } else if (event instanceof RoomEntity.Closed) {
            profile = null;
            locked = false;
            recording = null;
        }
        return this;
    }

    /** The profile's name; null before the room was opened. */
    public String profile() {
        return profile;
    }

    public boolean locked() {
        return locked;
    }

    /** The recording being made of the room, or null. */
    public String recording() {
        return recording;
    }

    public Optional<Member> member(String channelId) {
        return Optional.ofNullable(members.get(channelId));
    }

    /** In the order they joined. */
    public Collection<Member> members() {
        return members.values();
    }

    public int size() {
        return members.size();
    }

    public boolean isEmpty() {
        return members.isEmpty();
    }

    public boolean hasMarked() {
        return members.values().stream().anyMatch(Member::marked);
    }

    /** The member who joined last and is not an admin (ConfBridge's admin_kick_last), if any. */
    public Optional<Member> lastNonAdmin() {
        List<Member> inOrder = new ArrayList<>(members.values());
        for (int i = inOrder.size() - 1; i >= 0; i--) {
            if (!inOrder.get(i).admin()) {
                return Optional.of(inOrder.get(i));
            }
        }
        return Optional.empty();
    }

    /** What a snapshot stores. */
    public record Stored(String profile, List<Member> members, boolean locked, String recording)
            implements CborSerializable {
    }

    Stored toStored() {
        return new Stored(profile, List.copyOf(members.values()), locked, recording);
    }

    static RoomState fromStored(Stored stored) {
        RoomState state = new RoomState();
        state.profile = stored.profile();
        stored.members().forEach(m -> state.members.put(m.channelId(), m));
        state.locked = stored.locked();
        state.recording = stored.recording();
        return state;
    }
}
