package io.switchboard.testkit.channels;

import io.switchboard.ari.events.DeviceStateChanged;
import io.switchboard.ari.model.DeviceState;
import io.switchboard.testkit.state.AsteriskState;
import io.switchboard.testkit.state.SimChannel;

/**
 * Device states of channel technologies, as apps subscribed to all (or to {@code deviceState:<name>}) see
 * them: a Local device is {@code Local/<exten>@<context>}, a SIP device its endpoint ({@code PJSIP/agent1}).
 * Asterisk raises one change per channel that changes, even when the device's state stays the same.
 */
final class DeviceStates {
    private final AsteriskState ast;

    DeviceStates(AsteriskState ast) {
        this.ast = ast;
    }

    void stateChanged(SimChannel ch) {
        if (ch.isLocal()) {
            if ("Up".equals(ch.state)) {
                raise(localDevice(ch), localInUse(ch) ? "INUSE" : "NOT_INUSE");
            }
        } else if (ch.kind == SimChannel.Kind.PJSIP) {
            raise(ch.endpoint, switch (ch.state) {
                case "Ringing", "Ring" -> "RINGING";
                case "Busy" -> "BUSY";
                case "Down" -> "NOT_INUSE";
                default -> "INUSE";
            });
        }
    }

    void destroyed(SimChannel ch) {
        if (ch.isLocal()) {
            raise(localDevice(ch), "NOT_INUSE");
        } else if (ch.kind == SimChannel.Kind.PJSIP) {
            raise(ch.endpoint, "NOT_INUSE");
        }
    }

    /**
     * A Local pair counts as in use once its ;1 side is up, or at once when the pair was originated into an
     * app (the captures show NOT_INUSE first only for a pair originated into the dialplan).
     */
    private static boolean localInUse(SimChannel ch) {
        SimChannel one = ch.kind == SimChannel.Kind.LOCAL_1 ? ch : ch.localPeer;
        return one == null || one.originatedIntoApp || "Up".equals(one.state);
    }

    /** {@code Local/answer@sim-0000004c;1} to {@code Local/answer@sim}. */
    static String localDevice(SimChannel ch) {
        int dash = ch.name.lastIndexOf('-');
        return dash > 0 ? ch.name.substring(0, dash) : ch.name;
    }

    private void raise(String device, String state) {
        if (device == null) {
            return;
        }
        DeviceState model = new DeviceState(device, state);
        String ts = ast.timestamp();
        ast.bus.toDevice(device, app -> new DeviceStateChanged(ast.asteriskId, app, ts, model));
    }
}
