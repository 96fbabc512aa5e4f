package io.switchboard.conferencing.room;

import io.switchboard.actors.serialization.CborSerializable;

/**
 * What a room announces to every node as it happens (members joining and leaving, talking, mute, lock), for live
 * views: subscribe to {@code SwitchboardConferences.changes()}.
 *
 * @param channelId the member concerned; null for a change of the room itself
 * @param on        talking, muted, locked or recording now; for JOINED and LEFT always true and false
 */
public record RoomChange(String asteriskId, String room, Kind kind, String channelId, boolean on)
        implements CborSerializable {
    public enum Kind { JOINED, LEFT, TALKING, MUTED, LOCKED, RECORDING }
}
