package io.switchboard.simulator.channels;

import io.switchboard.simulator.phones.PhoneScript;
import io.switchboard.simulator.state.AsteriskState;
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

    /** The phone is being called: it refuses, rings and answers as scripted. */
    void call(SimChannel phone, PhoneScript script, DialProgress progress) {
        if (script.refusal() != PhoneScript.Refusal.NONE) {
            boolean busy = script.refusal() == PhoneScript.Refusal.BUSY;
            events.dialplan(phone, busy ? "Busy" : "Congestion", "10");
            if (busy) {
                events.state(phone, "Busy");
            }
            progress.refused(script.refusal());
            after(phone, script.refusalHold(), () -> progress.refusalEnded(script.refusal()));
            return;
        }
        if (script.ringing()) {
            events.dialplan(phone, "Ringing", "");
            progress.ringing();
            if (script.answerAfter() == null) {
                events.dialplan(phone, "Wait", "120");
                return;
            }
            events.dialplan(phone, "Wait", String.valueOf(script.answerAfter().toSeconds()));
            after(phone, script.answerAfter(), () -> answer(phone, script, progress));
            return;
        }
        answer(phone, script, progress);
    }

    private void answer(SimChannel phone, PhoneScript script, DialProgress progress) {
        events.dialplan(phone, "Answer", "");
        events.state(phone, "Up");
        progress.answered();
        if (phone.hungUp) {
            return;
        }
        after(phone, ANSWER_SETTLE, () -> events.dialplan(phone, "Wait", "120"));
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
        events.dialplan(phone, "Hangup", "");
        lifecycle.finish(phone, HangupCause.NORMAL);
    }

    private void after(SimChannel ch, Duration delay, Runnable action) {
        ch.timers.add(ast.clock.schedule(delay, () -> {
            if (!ch.hungUp) {
                action.run();
            }
        }));
    }
}
