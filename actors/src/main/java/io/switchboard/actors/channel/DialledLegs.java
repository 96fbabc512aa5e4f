package io.switchboard.actors.channel;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * The legs a call is dialling now (several at once when a queue rings all its agents): each is forgotten when
 * its dial result is in, and hung up when the call no longer wants it.
 */
final class DialledLegs {
    /** Each leg's channel id and the endpoint it dials. */
    private Map<String, String> legs = Map.of();
    /** Hangs up a leg, given its channel id and the reason (null for a normal clearing). */
    private final BiConsumer<String, String> hangup;

    DialledLegs(BiConsumer<String, String> hangup) {
        this.hangup = hangup;
    }

    void dialling(String legId, String endpoint) {
        if (legs.isEmpty()) {
            // made when first needed: most calls dial nothing
            legs = new HashMap<>();
        }
        legs.put(legId, endpoint);
    }

    /** The leg's dial is over (its result is in, or it could not be created). */
    void done(String legId) {
        if (!legs.isEmpty()) {
            legs.remove(legId);
        }
    }

    /** Another leg answered: the others are hung up (their results still come in). */
    void hangUpAllExcept(String answeredLegId) {
        for (String leg : legs.keySet()) {
            if (!leg.equals(answeredLegId)) {
                hangup.accept(leg, "answered_elsewhere");
            }
        }
    }

    /** Whoever asked for the dials to an endpoint no longer wants them (their results still come in). */
    void hangUpDialsTo(String endpoint) {
        legs.forEach((leg, dialled) -> {
            if (Objects.equals(dialled, endpoint)) {
                hangup.accept(leg, null);
            }
        });
    }

    /** The caller went away while legs were still being dialled. */
    void hangUpAll() {
        legs.keySet().forEach(leg -> hangup.accept(leg, null));
        legs = Map.of();
    }
}
