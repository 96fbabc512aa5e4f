package io.switchboard.simulator.channels;

import io.switchboard.ari.events.ApplicationMoveFailed;
import io.switchboard.ari.model.Channel;
import io.switchboard.simulator.state.AriError;
import io.switchboard.simulator.state.AsteriskState;
import io.switchboard.simulator.state.CallRecords;
import io.switchboard.simulator.state.HangupCause;
import io.switchboard.simulator.state.SimChannel;
import io.switchboard.simulator.state.StasisApp;
import java.time.Duration;
import java.util.List;

/** The per-channel operations of the channels resource that need a channel in Stasis. */
public final class ChannelOps {
    private final AsteriskState ast;
    private final ChannelEvents events;
    private final ChannelLifecycle lifecycle;
    private final Dialplan dialplan;
    private final TalkDetection talk;

    public ChannelOps(AsteriskState ast, ChannelEvents events, ChannelLifecycle lifecycle, Dialplan dialplan) {
        this.ast = ast;
        this.events = events;
        this.lifecycle = lifecycle;
        this.dialplan = dialplan;
        this.talk = new TalkDetection(ast);
    }

    /** TALK_DETECT on the channels. */
    public TalkDetection talk() {
        return talk;
    }

    /** The channel, which must be in Stasis (409 otherwise, 404 when unknown). */
    public SimChannel inStasis(String id) {
        SimChannel ch = ast.requireChannel(id);
        if (!ch.inStasis()) {
            throw AriError.conflict("Channel not in Stasis application");
        }
        return ch;
    }

    public void answer(String id) {
        SimChannel ch = inStasis(id);
        if (!"Up".equals(ch.state)) {
            events.state(ch, "Up");
            Runnable onAnswer = ch.onAnswer;
            ch.onAnswer = null;
            if (onAnswer != null) {
                onAnswer.run();
            }
        }
    }

    public void hangup(String id, String reason, String reasonCode) {
        SimChannel ch = ast.requireChannel(id);
        int cause = HangupCause.NORMAL;
        if (reasonCode != null) {
            try {
                cause = Integer.parseInt(reasonCode);
            } catch (NumberFormatException e) {
                throw AriError.badRequest("Invalid reason for hangup reason code provided");
            }
        } else if (reason != null) {
            Integer known = HangupCause.ofReason(reason);
            if (known == null) {
                throw AriError.badRequest("Invalid reason for hangup reason provided");
            }
            cause = known;
        }
        int destroyCause = cause;
        ast.callRecords.hangingUp(CallRecords.BY_APP, () -> lifecycle.hangup(ch, HangupCause.ARI_REQUEST, true, destroyCause));
    }

    public void continueInDialplan(String id, String context, String extension, Long priority, String label) {
        SimChannel ch = inStasis(id);
        if (label != null) {
            throw AriError.notFound("Requested label can not be found");
        }
        lifecycle.leaveStasis(ch);
        String ctx = context != null ? context : ch.context;
        String exten = extension != null ? extension : ch.exten;
        boolean explicitTarget = context != null || extension != null || priority != null;
        ast.clock.schedule(Duration.ZERO, () -> ast.callRecords.hangingUp(CallRecords.BY_DIALPLAN, () -> {
            if (ch.hungUp) {
                return;
            }
            if (explicitTarget) {
                dialplan.run(ch, ctx, exten, DialProgress.NONE);
            } else {
                // the next priority after Stasis() is Hangup() in every context the simulator knows
                events.dialplan(ch, "Hangup", "");
                lifecycle.finish(ch, HangupCause.NORMAL);
            }
        }));
    }

    public void move(String id, String app, List<String> args) {
        SimChannel ch = inStasis(id);
        if (app == null) {
            throw AriError.badRequest("Missing parameter app");
        }
        // res/res_stasis.c stasis_app_exec: the move fails unless the next app is registered and active
        if (!ast.apps.active(app)) {
            Channel model = ch.toModel();
            String ts = ast.timestamp();
            List<String> argsCopy = List.copyOf(args);
            ast.bus.toApp(ch.stasisApp, name -> new ApplicationMoveFailed(ast.asteriskId, name, ts, model, app, argsCopy));
            return;
        }
        String from = ch.stasisApp;
        Channel model = ch.toModel();
        String ts = ast.timestamp();
        ast.bus.toApp(from, name -> new io.switchboard.ari.events.StasisEnd(ast.asteriskId, name, ts, model));
        ch.stasisApp = null;
        ast.apps.find(from).ifPresent(a -> a.unfollow(ch.id, StasisApp.Follow.STASIS));
        // control_set_app is followed by cleanup(): the app left behind may be inactive and finished
        ast.apps.cleanup();
        ch.stasisApp = app;
        ast.apps.find(app).ifPresent(a -> a.follow(ch.id, StasisApp.Follow.STASIS));
        Channel moved = ch.toModel();
        ast.bus.toApp(app, name -> new io.switchboard.ari.events.StasisStart(ast.asteriskId, name, ts, List.copyOf(args),
                moved, null));
    }

    public void setVariable(String id, String variable, String value) {
        SimChannel ch = ast.requireChannel(id);
        if (variable == null || variable.isEmpty()) {
            throw AriError.badRequest("Variable name is required");
        }
        String v = value == null ? "" : value;
        if (talk.write(ch, variable, v)) {
            return;
        }
        switch (variable) {
            case "CALLERID(num)" -> {
                ch.callerNumber = v;
                events.callerId(ch);
            }
            case "CALLERID(name)" -> {
                ch.callerName = v;
                events.callerId(ch);
            }
            default -> {
                if (!variable.contains("(")) {
                    events.varset(ch, variable, v);
                }
            }
        }
    }

    public String getVariable(String id, String variable) {
        SimChannel ch = ast.requireChannel(id);
        if (variable == null || variable.isEmpty()) {
            throw AriError.badRequest("Variable name is required");
        }
        return switch (variable) {
            case "CALLERID(name)" -> ch.callerName;
            case "CALLERID(num)" -> ch.callerNumber;
            case "CHANNEL(state)" -> ch.state;
            case "CHANNEL(name)" -> ch.name;
            case "CHANNEL(pjsip,remote_addr)" -> "127.0.0.1:5070";
            default -> {
                String value = ch.variables.get(variable);
                if (value == null) {
                    throw AriError.notFound("Provided variable was not found");
                }
                yield value;
            }
        };
    }

    public void ring(String id, boolean on) {
        inStasis(id);
    }

    public void requireStasisFor(String id) {
        inStasis(id);
    }

    /** POST /channels/{id}/dtmf: checked, and heard by nobody the app can see. */
    public void sendDtmf(String id, String dtmf) {
        inStasis(id);
        if (dtmf == null || dtmf.isEmpty()) {
            throw AriError.badRequest("DTMF is required");
        }
    }

    public void redirect(String id, String endpoint) {
        SimChannel ch = inStasis(id);
        if (endpoint == null) {
            throw AriError.badRequest("Missing parameter endpoint");
        }
        lifecycle.leaveStasis(ch);
        ast.clock.schedule(Duration.ZERO, () -> lifecycle.finish(ch, HangupCause.NORMAL));
    }
}
