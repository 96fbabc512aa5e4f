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

    public void mute(String id, String direction, boolean on) {
        SimChannel ch = ops.inStasis(id);
        String dir = direction == null ? "both" : direction;
        if (!dir.equals("in") && !dir.equals("out") && !dir.equals("both")) {
            throw io.switchboard.simulator.state.AriError.badRequest("Invalid direction specified");
        }
        ch.muted = on ? dir : null;
    }
}
