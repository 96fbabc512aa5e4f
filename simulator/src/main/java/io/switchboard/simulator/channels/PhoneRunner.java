package io.switchboard.simulator.channels;

import io.switchboard.simulator.phones.PhoneScript;
import io.switchboard.simulator.state.AsteriskState;
import io.switchboard.simulator.state.CallRecords;
import io.switchboard.simulator.state.HangupCause;
import io.switchboard.simulator.state.SimChannel;
import java.time.Duration;

/**
 * Plays a phone script on the Local half that stands for the phone: its dialplan apps (Ringing, Answer,
 * Busy, Wait), answer, and after answer the timed digits (heard by the other half) and hang-up.
 */
final class PhoneRunner {
    /** Asterisk's Answer() on a Local channel returns after about half a second; the next app shows then. */
    private static final Duration ANSWER_SETTLE = Duration.ofMillis(500);

    private final AsteriskState ast;
    private final ChannelEvents events;
    private final ChannelLifecycle lifecycle;
    private final DtmfInput dtmf;

    PhoneRunner(AsteriskState ast, ChannelEvents events, ChannelLifecycle lifecycle, DtmfInput dtmf) {
        this.ast = ast;
        this.events = events;
        this.lifecycle = lifecycle;
        this.dtmf = dtmf;
    }

    /**
     * The phone is being called: it refuses, rings and answers as scripted. Each dialplan app has the priority
     * it has in {@code [sim]}: Busy/Congestion 1; Ringing 1, Wait 2, Answer 3, {@code nextApp} 4; or Answer 1,
     * {@code nextApp} 2.
     */
    void call(SimChannel phone, PhoneScript script, DialProgress progress, String nextApp, String nextData) {
        if (script.refusal() != PhoneScript.Refusal.NONE) {
            boolean busy = script.refusal() == PhoneScript.Refusal.BUSY;
            step(phone, 1, busy ? "Busy" : "Congestion", "10");
            if (busy) {
                events.state(phone, "Busy");
            }
            progress.refused(script.refusal());
            after(phone, script.refusalHold(), () -> progress.refusalEnded(script.refusal()));
            return;
        }
        if (script.ringing()) {
            step(phone, 1, "Ringing", "");
            progress.ringing();
            if (script.answerAfter() == null) {
                step(phone, 2, "Wait", "120");
                return;
            }
            step(phone, 2, "Wait", String.valueOf(script.answerAfter().toSeconds()));
            after(phone, script.answerAfter(), () -> answer(phone, script, progress, 3, nextApp, nextData));
            return;
        }
        answer(phone, script, progress, 1, nextApp, nextData);
    }

    private void answer(SimChannel phone, PhoneScript script, DialProgress progress, int priority, String nextApp,
                        String nextData) {
        step(phone, priority, "Answer", "");
        events.state(phone, "Up");
        progress.answered();
        if (phone.hungUp) {
            return;
        }
        after(phone, ANSWER_SETTLE, () -> step(phone, priority + 1, nextApp, nextData));
        playSteps(phone, script);
    }

    /**
     * A phone half that is already up when its dialplan starts (the far end of an inbound caller, or the
     * channel of an originate into an extension): Answer() returns at once and shows no ChannelDialplan, the
     * Wait at priority 2 does.
     */
    void alreadyUp(SimChannel phone, PhoneScript script, String nextApp, String nextData) {
        phone.priority = 1;
        phone.appName = "Answer";
        phone.appData = "";
        step(phone, 2, nextApp, nextData);
        playSteps(phone, script);
    }

    /** The steps after answer, for a phone that is already up (the caller's phone of an inbound call). */
    void playSteps(SimChannel phone, PhoneScript script) {
        for (PhoneScript.Step step : script.afterAnswer()) {
            if (step.hangup()) {
                after(phone, step.at(), () -> hangUp(phone));
            } else {
                after(phone, step.at(), () -> {
                    SimChannel hearer = phone.localPeer;
                    if (hearer != null) {
                        dtmf.received(hearer, step.digit(), 100);
                    }
                });
            }
        }
    }

    private void hangUp(SimChannel phone) {
        step(phone, phone.priority + 1, "Hangup", "");
        ast.callRecords.hangingUp(CallRecords.BY_CALLER, () -> lifecycle.finish(phone, HangupCause.NORMAL));
    }

    private void step(SimChannel phone, long priority, String app, String data) {
        phone.priority = priority;
        events.dialplan(phone, app, data);
    }

    private void after(SimChannel ch, Duration delay, Runnable action) {
        ch.timers.add(ast.clock.schedule(delay, () -> {
            if (!ch.hungUp) {
                action.run();
            }
        }));
    }
}
