package io.switchboard.conferencing.room;

import io.switchboard.actors.serialization.CborSerializable;
import java.time.Instant;

/**
 * A member of a room as the journal keeps it. {@code muted} is the member's own mute (by the menu, an admin or the
 * API); a member waiting for a marked member is also kept silent, which the room works out, not stored here.
 *
 * @param nameRecording the stored recording of the member's name, announced on join and leave; null for none
 */
public record Member(String channelId, String callerName, String callerNumber, boolean admin, boolean marked,
                     boolean muted, String nameRecording, Instant joinedAt) implements CborSerializable {

    public Member withMuted(boolean muted) {
        return new Member(channelId, callerName, callerNumber, admin, marked, muted, nameRecording, joinedAt);
    }
}
