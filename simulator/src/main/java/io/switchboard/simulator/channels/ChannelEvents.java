package io.switchboard.simulator.channels;

import io.switchboard.ari.events.ChannelCallerId;
import io.switchboard.ari.events.ChannelConnectedLine;
import io.switchboard.ari.events.ChannelCreated;
import io.switchboard.ari.events.ChannelDestroyed;
import io.switchboard.ari.events.ChannelDialplan;
import io.switchboard.ari.events.ChannelDtmfReceived;
import io.switchboard.ari.events.ChannelHangupRequest;
import io.switchboard.ari.events.ChannelStateChange;
import io.switchboard.ari.events.ChannelVarset;
import io.switchboard.ari.events.Dial;
import io.switchboard.ari.model.Channel;
import io.switchboard.simulator.state.AsteriskState;
import io.switchboard.simulator.state.HangupCause;
import io.switchboard.simulator.state.SimChannel;

/** Raises the channel events; each one is built from the channel as it is at that moment. */
public final class ChannelEvents {
    private final AsteriskState ast;
    private final DeviceStates devices;

    public ChannelEvents(AsteriskState ast) {
        this.ast = ast;
        this.devices = new DeviceStates(ast);
    }

    /** Device states derived from channels (and SIP endpoints). */
    public DeviceStates devices() {
        return devices;
    }

    public void created(SimChannel ch) {
        Channel model = ch.toModel();
        String ts = ast.timestamp();
        ast.bus.toChannel(ch, app -> new ChannelCreated(ast.asteriskId, app, ts, model));
    }

    public void state(SimChannel ch, String state) {
        if (state.equals(ch.state)) {
            return;
        }
        ch.state = state;
        if ("Up".equals(state)) {
            ast.callRecords.answered(ch.id);
        }
        Channel model = ch.toModel();
        String ts = ast.timestamp();
        ast.bus.toChannel(ch, app -> new ChannelStateChange(ast.asteriskId, app, ts, model));
        devices.stateChanged(ch);
    }

    public void dialplan(SimChannel ch, String appName, String appData) {
        ch.appName = appName;
        ch.appData = appData;
        Channel model = ch.toModel();
        String ts = ast.timestamp();
        ast.bus.toChannel(ch, app -> new ChannelDialplan(ast.asteriskId, app, ts, model, appName, appData));
    }

    public void varset(SimChannel ch, String variable, String value) {
        ch.variables.put(variable, value);
        Channel model = ch.toModel();
        String ts = ast.timestamp();
        ast.bus.toChannel(ch, app -> new ChannelVarset(ast.asteriskId, app, ts, variable, value, model));
    }

    public void callerId(SimChannel ch) {
        Channel model = ch.toModel();
        String ts = ast.timestamp();
        ast.bus.toChannel(ch, app -> new ChannelCallerId(ast.asteriskId, app, ts, 0,
                "Presentation Allowed, Not Screened", model));
    }

    public void connectedLine(SimChannel ch) {
        Channel model = ch.toModel();
        String ts = ast.timestamp();
        ast.bus.toChannel(ch, app -> new ChannelConnectedLine(ast.asteriskId, app, ts, model));
    }

    /** Sets the connected line and raises ChannelConnectedLine only when it changed. */
    public void connectTo(SimChannel ch, String name, String number) {
        if (name.equals(ch.connectedName) && number.equals(ch.connectedNumber)) {
            return;
        }
        ch.connectedName = name;
        ch.connectedNumber = number;
        connectedLine(ch);
    }

    public void dial(SimChannel peer, String status, String dialstring) {
        Channel model = peer.toModel();
        String ts = ast.timestamp();
        ast.bus.toChannel(peer, app -> new Dial(ast.asteriskId, app, ts, null, model, "", null, dialstring, status));
    }

    public void dtmf(SimChannel ch, String digit, int durationMs) {
        Channel model = ch.toModel();
        String ts = ast.timestamp();
        ast.bus.toChannel(ch, app -> new ChannelDtmfReceived(ast.asteriskId, app, ts, digit, durationMs, model));
    }

    /** {@code cause} null for a SIP BYE, which carries none. */
    public void hangupRequest(SimChannel ch, Integer cause, boolean soft) {
        Channel model = ch.toModel();
        String ts = ast.timestamp();
        Boolean softFlag = soft ? Boolean.TRUE : null;
        ast.bus.toChannel(ch, app -> new ChannelHangupRequest(ast.asteriskId, app, ts, cause, null, softFlag, model));
    }

    public void destroyed(SimChannel ch, int cause) {
        // a destroyed channel runs no app any more; the channel of an originate shows its dial app again
        ch.appName = ch.appAfterStasis != null ? ch.appAfterStasis[0] : "";
        ch.appData = ch.appAfterStasis != null ? ch.appAfterStasis[1] : "";
        Channel model = ch.toModel();
        String ts = ast.timestamp();
        ast.bus.toChannel(ch, app -> new ChannelDestroyed(ast.asteriskId, app, ts, cause, HangupCause.text(cause),
                null, model));
        devices.destroyed(ch);
    }
}
