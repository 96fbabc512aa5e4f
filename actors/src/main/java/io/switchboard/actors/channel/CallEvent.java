package io.switchboard.actors.channel;

import io.switchboard.actors.serialization.CborSerializable;
import io.switchboard.ari.events.AriEvent;

/** What a channel entity tells its subscribers (flows' helpers, test probes, dashboards). */
public sealed interface CallEvent extends CborSerializable {

    String channelId();

    /** An ARI event about this channel, as Asterisk sent it. */
    record Observed(String channelId, AriEvent event) implements CallEvent {
    }

    /** The call is over for this application: hung up, left Stasis, or found gone after a reconnect. */
    record Ended(String channelId, String reason, Integer cause) implements CallEvent {
    }
}
