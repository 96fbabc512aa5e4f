package io.switchboard.simulator.channels;

import io.switchboard.ari.events.DeviceStateChanged;
import io.switchboard.ari.model.DeviceState;
import io.switchboard.simulator.state.AsteriskState;
import io.switchboard.simulator.state.SimChannel;
import java.util.List;

/**
 * Device states of channel technologies, as apps subscribed to all (or to {@code deviceState:<name>}) see
 * them: a Local device is {@code Local/<exten>@<context>}, a SIP device its endpoint ({@code PJSIP/agent1}).
 * Asterisk raises one change per channel that changes, even when the device's state stays the same.
 *
 * <p>A SIP device's state is worked out from its endpoint and every live channel on it, as chan_pjsip does:
 * UNAVAILABLE while the endpoint is offline and idle, else the most telling state of its channels (a
 * channel ringing at the phone is RINGING, one that is up or calling out is INUSE), RINGINUSE when one rings
 * while another is in use.
 */
public final class DeviceStates {
    /** Least to most telling; RINGINUSE is only reached by combining. */
    private static final List<String> RANK = List.of("NOT_INUSE", "RINGING", "INUSE", "BUSY");

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
            sipDeviceChanged(ch.endpoint);
        }
    }

    void destroyed(SimChannel ch) {
        if (ch.isLocal()) {
            raise(localDevice(ch), "NOT_INUSE");
        } else if (ch.kind == SimChannel.Kind.PJSIP) {
            sipDeviceChanged(ch.endpoint);
        }
    }

    /** Raises the current state of a SIP device (after its endpoint went on- or offline, or a channel changed). */
    public void sipDeviceChanged(String endpoint) {
        raise(endpoint, sipState(ast, endpoint));
    }

    /** The state of SIP device {@code endpoint} now. */
    public static String sipState(AsteriskState ast, String endpoint) {
        boolean ringing = false;
        boolean inUse = false;
        String worst = null;
        for (SimChannel ch : ast.channels.values()) {
            if (ch.hungUp || ch.kind != SimChannel.Kind.PJSIP || !endpoint.equals(ch.endpoint)) {
                continue;
            }
            String state = switch (ch.state) {
                case "Down" -> "NOT_INUSE";
                case "Ringing" -> "RINGING";
                case "Busy" -> "BUSY";
                default -> "INUSE";
            };
            ringing |= state.equals("RINGING");
            inUse |= state.equals("INUSE") || state.equals("BUSY");
            if (worst == null || RANK.indexOf(state) > RANK.indexOf(worst)) {
                worst = state;
            }
        }
        if (worst == null) {
            return "offline".equals(ast.endpointStates.get(endpoint)) ? "UNAVAILABLE" : "NOT_INUSE";
        }
        return ringing && inUse ? "RINGINUSE" : worst;
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
