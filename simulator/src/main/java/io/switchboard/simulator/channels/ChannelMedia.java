package io.switchboard.simulator.channels;

import io.switchboard.ari.events.ChannelHold;
import io.switchboard.ari.events.ChannelUnhold;
import io.switchboard.ari.model.Channel;
import io.switchboard.simulator.state.AsteriskState;
import io.switchboard.simulator.state.SimChannel;

/**
 * What a channel hears and signals besides playbacks: hold (ChannelHold/ChannelUnhold), music on hold,
 * silence, mute and ringing. MOH, silence, mute and ring raise no ARI event; tests read them with
 * {@code SimulatedAsterisk.media(channelId)}.
 */
public final class ChannelMedia {
    private final AsteriskState ast;
    private final ChannelOps ops;

    public ChannelMedia(AsteriskState ast, ChannelOps ops) {
        this.ast = ast;
        this.ops = ops;
    }

    /** A snapshot for tests; {@code mohClass} null when no music plays, {@code muted} in, out, both or null. */
    public record State(boolean held, String mohClass, boolean silence, String muted, boolean ringing) {
    }

    public static State of(SimChannel ch) {
        return new State(ch.held, ch.mohClass, ch.silence, ch.muted, ch.ringing);
    }

    public void hold(String id, boolean on) {
        SimChannel ch = ops.inStasis(id);
        if (ch.held == on) {
            return;
        }
        ch.held = on;
        Channel model = ch.toModel();
        String ts = ast.timestamp();
        if (on) {
            ast.bus.toChannel(ch, app -> new ChannelHold(ast.asteriskId, app, ts, model, null));
        } else {
            ast.bus.toChannel(ch, app -> new ChannelUnhold(ast.asteriskId, app, ts, model));
        }
    }

    public void moh(String id, String mohClass, boolean on) {
        SimChannel ch = ops.inStasis(id);
        ch.mohClass = on ? (mohClass == null || mohClass.isEmpty() ? "default" : mohClass) : null;
    }

    public void silence(String id, boolean on) {
        ops.inStasis(id).silence = on;
    }

    public void ring(String id, boolean on) {
        ops.inStasis(id).ringing = on;
    }

    /**
     * POST/DELETE /channels/{id}/mute as res/ari/resource_channels.c checks it: in Stasis (404, 409), answered (412
     * while Down or ringing), and a direction is required (400: the spec's default of "both" is not applied).
     * Muting adds to what is muted, unmuting takes away; neither raises an event.
     */
    public void mute(String id, String direction, boolean on) {
        SimChannel ch = ops.inStasis(id);
        if ("Down".equals(ch.state) || "Reserved".equals(ch.state) || "Ringing".equals(ch.state)) {
            throw io.switchboard.simulator.state.AriError.of(412, "Channel in invalid state");
        }
        if (direction == null || direction.isEmpty()) {
            throw io.switchboard.simulator.state.AriError.badRequest("Direction is required");
        }
        if (!direction.equals("in") && !direction.equals("out") && !direction.equals("both")) {
            throw io.switchboard.simulator.state.AriError.badRequest("Invalid direction specified");
        }
        boolean in = "in".equals(ch.muted) || "both".equals(ch.muted);
        boolean out = "out".equals(ch.muted) || "both".equals(ch.muted);
        boolean touchesIn = !direction.equals("out");
        boolean touchesOut = !direction.equals("in");
        in = touchesIn ? on : in;
        out = touchesOut ? on : out;
        ch.muted = in && out ? "both" : in ? "in" : out ? "out" : null;
        ops.talk().muteChanged(ch);
    }
}
