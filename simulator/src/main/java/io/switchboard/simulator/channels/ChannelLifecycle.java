package io.switchboard.simulator.channels;

import io.switchboard.ari.events.StasisEnd;
import io.switchboard.ari.events.StasisStart;
import io.switchboard.ari.model.Channel;
import io.switchboard.simulator.state.AsteriskState;
import io.switchboard.simulator.state.HangupCause;
import io.switchboard.simulator.state.SimChannel;
import io.switchboard.simulator.state.StasisApp;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Creating channels, moving them in and out of Stasis, and tearing them down as Asterisk does. */
public final class ChannelLifecycle {
    private final AsteriskState ast;
    private final ChannelEvents events;
    /** Run before a channel leaves Stasis on hang-up: bridges let it go, playbacks and recordings stop. */
    private final List<Consumer<SimChannel>> hangupHooks = new ArrayList<>();

    public ChannelLifecycle(AsteriskState ast, ChannelEvents events) {
        this.ast = ast;
        this.events = events;
    }

    public void onHangup(Consumer<SimChannel> hook) {
        hangupHooks.add(hook);
    }

    public SimChannel register(SimChannel ch) {
        ast.channels.put(ch.id, ch);
        events.created(ch);
        return ch;
    }

    /**
     * Puts a channel into an app. Returns false when the app has no socket: Stasis() then fails and the
     * caller decides what the channel does next. An inactive app fails as an unknown one does
     * (res/res_stasis.c stasis_app_exec: "not active").
     */
    public boolean enterStasis(SimChannel ch, String appName, List<String> args, boolean dialplanEvent) {
        StasisApp app = ast.apps.find(appName).orElse(null);
        if (app == null || !app.active()) {
            return false;
        }
        List<String> data = new ArrayList<>();
        data.add(appName);
        data.addAll(args);
        ch.appName = "Stasis";
        ch.appData = String.join(",", data);
        if (dialplanEvent) {
            events.dialplan(ch, "Stasis", ch.appData);
        }
        events.varset(ch, "STASISSTATUS", "");
        ch.stasisApp = appName;
        ast.callRecords.enteredStasis(ch.id, appName);
        app.follow(ch.id, StasisApp.Follow.STASIS);
        Channel model = ch.toModel();
        String ts = ast.timestamp();
        List<String> argsCopy = List.copyOf(args);
        ast.bus.toApp(appName, name -> new StasisStart(ast.asteriskId, name, ts, argsCopy, model, null));
        return true;
    }

    public void leaveStasis(SimChannel ch) {
        String appName = ch.stasisApp;
        if (appName == null) {
            return;
        }
        Channel model = ch.toModel();
        String ts = ast.timestamp();
        ast.bus.toApp(appName, name -> new StasisEnd(ast.asteriskId, name, ts, model));
        ch.stasisApp = null;
        ast.apps.find(appName).ifPresent(app -> app.unfollow(ch.id, StasisApp.Follow.STASIS));
        // stasis_app_exec ends with cleanup(): an inactive app may have just lost its last channel
        ast.apps.cleanup();
        // the variable is set while the channel still shows Stasis(...) as its dialplan app
        events.varset(ch, "STASISSTATUS", "SUCCESS");
        if (ch.appAfterStasis != null) {
            ch.appName = ch.appAfterStasis[0];
            ch.appData = ch.appAfterStasis[1];
        }
    }

    /**
     * Hangs a channel up: the request, leaving its bridge, StasisEnd, and ChannelDestroyed; then the other
     * half of a Local pair follows. {@code requestCause} null means a request without a cause (SIP BYE).
     */
    public void hangup(SimChannel ch, Integer requestCause, boolean soft, int destroyCause) {
        if (ch.hungUp) {
            return;
        }
        ch.hungUp = true;
        ch.cancelTimers();
        events.hangupRequest(ch, requestCause, soft);
        finish(ch, destroyCause);
    }

    /** Tear-down after the hang-up request has been raised. */
    public void finish(SimChannel ch, int destroyCause) {
        ch.hungUp = true;
        ch.cancelTimers();
        hangupHooks.forEach(h -> h.accept(ch));
        if (ch.inStasis()) {
            leaveStasis(ch);
        }
        if (ch.dialplanAfterStasis) {
            events.hangupRequest(ch, HangupCause.NORMAL, true);
        }
        destroy(ch, destroyCause);
        SimChannel peer = ch.localPeer;
        if (peer != null && !peer.hungUp) {
            hangup(peer, HangupCause.NORMAL, false, HangupCause.NORMAL);
        }
    }

    /** Raises ChannelDestroyed and forgets the channel. */
    public void destroy(SimChannel ch, int cause) {
        ch.hungUp = true;
        ch.cancelTimers();
        events.destroyed(ch, cause);
        ast.channels.remove(ch.id);
        ast.callRecords.destroyed(ch.id);
        for (StasisApp app : ast.apps.all()) {
            app.forgetChannel(ch.id);
        }
    }
}
