package io.switchboard.simulator.channels;

import io.switchboard.simulator.phones.PhoneBehaviour;
import io.switchboard.simulator.phones.PhoneScript;
import io.switchboard.simulator.state.AsteriskState;
import io.switchboard.simulator.state.CallRecords;
import io.switchboard.simulator.state.HangupCause;
import io.switchboard.simulator.state.SimChannel;
import java.util.List;

/**
 * The dialplan of the transcripts: {@code [sim]} phone behaviours, {@code [inbound]} ->
 * {@code Stasis(callcenter,${EXTEN})}, {@code [broadcast]} -> {@code StasisBroadcast} (see {@link Broadcasts}),
 * {@code [from-sip]} -> {@code Stasis(callcenter)}. Anything else has
 * no such extension and hangs up.
 */
public final class Dialplan {
    public static final String CALL_CENTER_APP = "callcenter";

    private final AsteriskState ast;
    private final ChannelEvents events;
    private final ChannelLifecycle lifecycle;
    private final PhoneRunner phones;
    private final Broadcasts broadcasts;

    Dialplan(AsteriskState ast, ChannelEvents events, ChannelLifecycle lifecycle, PhoneRunner phones,
             Broadcasts broadcasts) {
        this.broadcasts = broadcasts;
        this.ast = ast;
        this.events = events;
        this.lifecycle = lifecycle;
        this.phones = phones;
    }

    /** Runs {@code ch} at exten@context; {@code progress} hears ringing/answer of a channel being dialled. */
    public void run(SimChannel ch, String context, String exten, DialProgress progress) {
        ch.dialplanAfterStasis = true;
        switch (context) {
            case "sim" -> runPhone(ch, exten, progress);
            case "inbound" -> {
                ch.dialplan("inbound", exten, 1, "", "");
                ch.onAnswer = progress::answered;
                stasisOrHangup(ch, ch.stasisTarget != null ? ch.stasisTarget : CALL_CENTER_APP,
                        ch.stasisArgs != null ? ch.stasisArgs : List.of(exten));
            }
            case "broadcast" -> {
                ch.onAnswer = progress::answered;
                broadcasts.broadcast(ch, exten);
            }
            case "from-sip" -> {
                ch.dialplan("from-sip", exten, 2, "", "");
                stasisOrHangup(ch, CALL_CENTER_APP, List.of());
            }
            default -> ast.callRecords.hangingUp(CallRecords.BY_DIALPLAN, () -> lifecycle.finish(ch, HangupCause.UNKNOWN));
        }
    }

    private void runPhone(SimChannel ch, String exten, DialProgress progress) {
        PhoneBehaviour behaviour = PhoneBehaviour.ofExtension(exten).orElse(null);
        PhoneScript script = behaviour == null ? null : behaviour.script();
        if (script == null) {
            lifecycle.finish(ch, HangupCause.UNKNOWN);
            return;
        }
        ch.dialplan("sim", exten, 1, "", "");
        if ("Up".equals(ch.state)) {
            phones.alreadyUp(ch, script, behaviour.appAfterAnswer(), behaviour.appDataAfterAnswer());
        } else {
            phones.call(ch, script, progress, behaviour.appAfterAnswer(), behaviour.appDataAfterAnswer());
        }
    }

    private void stasisOrHangup(SimChannel ch, String app, List<String> args) {
        if (!lifecycle.enterStasis(ch, app, args, true)) {
            // Stasis() fails without a registered app; the dialplan goes on to Hangup()
            ast.callRecords.stasisFailed(ch.id);
            events.dialplan(ch, "Hangup", "");
            ast.callRecords.hangingUp(CallRecords.BY_DIALPLAN, () -> lifecycle.finish(ch, HangupCause.NORMAL));
        }
    }

    AsteriskState state() {
        return ast;
    }
}
