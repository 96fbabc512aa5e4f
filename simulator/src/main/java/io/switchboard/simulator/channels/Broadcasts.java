package io.switchboard.simulator.channels;

import io.switchboard.ari.events.CallBroadcast;
import io.switchboard.ari.events.CallClaimed;
import io.switchboard.ari.model.Channel;
import io.switchboard.simulator.clock.SimTimer;
import io.switchboard.simulator.state.AriError;
import io.switchboard.simulator.state.AsteriskState;
import io.switchboard.simulator.state.HangupCause;
import io.switchboard.simulator.state.SimChannel;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code [broadcast]}: {@code StasisBroadcast(3000,,${EXTEN},yes)} offers the channel to every app
 * (CallBroadcast); the first {@code POST /events/claim} wins (CallClaimed to all, then StasisStart in the
 * winner); unclaimed after 3 s the dialplan goes on to {@code Stasis(callcenter,unclaimed)}.
 */
public final class Broadcasts {
    static final Duration CLAIM_TIMEOUT = Duration.ofMillis(3000);

    private record Offer(SimChannel channel, String exten, SimTimer timeout) {
    }

    private final AsteriskState ast;
    private final ChannelEvents events;
    private final ChannelLifecycle lifecycle;
    private final Map<String, Offer> offers = new HashMap<>();

    Broadcasts(AsteriskState ast, ChannelEvents events, ChannelLifecycle lifecycle) {
        this.ast = ast;
        this.events = events;
        this.lifecycle = lifecycle;
        lifecycle.onHangup(ch -> {
            Offer offer = offers.remove(ch.id);
            if (offer != null) {
                offer.timeout().cancel();
            }
        });
    }

    void broadcast(SimChannel ch, String exten) {
        ch.dialplan("broadcast", exten, 1, "", "");
        events.dialplan(ch, "StasisBroadcast", CLAIM_TIMEOUT.toMillis() + ",," + exten + ",yes");
        SimTimer timeout = ast.clock.schedule(CLAIM_TIMEOUT, () -> unclaimed(ch));
        offers.put(ch.id, new Offer(ch, exten, timeout));
        Channel model = ch.toModel();
        String ts = ast.timestamp();
        ast.bus.toAllApps(app -> new CallBroadcast(ast.asteriskId, app, ts, model, ch.callerNumber, exten));
    }

    /** POST /events/claim. */
    public void claim(String channelId, String application) {
        if (channelId == null || application == null) {
            throw AriError.badRequest("channelId and application are required");
        }
        SimChannel ch = ast.channel(channelId).orElseThrow(
                () -> AriError.notFound("Channel not found or not in broadcast state"));
        Offer offer = offers.get(ch.id);
        if (offer == null) {
            if (ch.claimedBy != null) {
                throw AriError.conflict("Channel has already been claimed by another application");
            }
            throw AriError.notFound("Channel not found or not in broadcast state");
        }
        if (!ast.apps.registered(application)) {
            throw AriError.notFound("Application not found");
        }
        offers.remove(ch.id);
        offer.timeout().cancel();
        ch.claimedBy = application;
        Channel model = ch.toModel();
        String ts = ast.timestamp();
        ast.bus.toAllApps(app -> new CallClaimed(ast.asteriskId, app, ts, model, application));
        ast.clock.schedule(Duration.ZERO, () -> enter(ch, application, List.of(offer.exten())));
    }

    private void unclaimed(SimChannel ch) {
        if (offers.remove(ch.id) == null || ch.hungUp) {
            return;
        }
        events.varset(ch, "STASISSTATUS", "TIMEOUT");
        enter(ch, Dialplan.CALL_CENTER_APP, List.of("unclaimed"));
    }

    private void enter(SimChannel ch, String app, List<String> args) {
        if (!ch.hungUp && !lifecycle.enterStasis(ch, app, args, true)) {
            events.dialplan(ch, "Hangup", "");
            lifecycle.finish(ch, HangupCause.NORMAL);
        }
    }

    public int pending() {
        return offers.size();
    }
}
