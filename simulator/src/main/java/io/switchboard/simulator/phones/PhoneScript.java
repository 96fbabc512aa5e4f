package io.switchboard.simulator.phones;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a simulated far end does when called: refuse (busy/congestion), ring, answer after a while (or
 * never), then play out timed steps relative to the answer: send DTMF digits, hang up.
 *
 * @param ringing     whether it signals ringing before answering
 * @param answerAfter delay before answering; null = never answers
 * @param refusal     NONE, BUSY or CONGESTION (refused at once, the far end lingers {@code refusalHold})
 * @param afterAnswer steps, each at an offset from the moment of answer
 */
public record PhoneScript(boolean ringing, Duration answerAfter, Refusal refusal, Duration refusalHold,
                          List<Step> afterAnswer) {

    public enum Refusal { NONE, BUSY, CONGESTION }

    /** One timed action after answer: a DTMF digit or (digit null) hanging up. */
    public record Step(Duration at, String digit) {
        public boolean hangup() {
            return digit == null;
        }
    }

    public static PhoneScript answer() {
        return new PhoneScript(false, Duration.ZERO, Refusal.NONE, Duration.ZERO, List.of());
    }

    public static PhoneScript answerAfter(Duration ring) {
        return new PhoneScript(true, ring, Refusal.NONE, Duration.ZERO, List.of());
    }

    /** Rings until the dial gives up, or until answered by hand ({@code CallControl.answerPhone}). */
    public static PhoneScript neverAnswer() {
        return new PhoneScript(true, null, Refusal.NONE, Duration.ZERO, List.of());
    }

    public static PhoneScript busy() {
        return new PhoneScript(false, null, Refusal.BUSY, Duration.ofSeconds(10), List.of());
    }

    public static PhoneScript congestion() {
        return new PhoneScript(false, null, Refusal.CONGESTION, Duration.ofSeconds(10), List.of());
    }

    /** The same phone, hanging up {@code after} the answer. */
    public PhoneScript thenHangupAfter(Duration after) {
        List<Step> steps = new ArrayList<>(afterAnswer);
        steps.add(new Step(after, null));
        return new PhoneScript(ringing, answerAfter, refusal, refusalHold, List.copyOf(steps));
    }

    /** The same phone, sending {@code digits} from {@code start} after answer, {@code gap} apart. */
    public PhoneScript thenDigits(Duration start, Duration gap, String digits) {
        List<Step> steps = new ArrayList<>(afterAnswer);
        for (int i = 0; i < digits.length(); i++) {
            steps.add(new Step(start.plus(gap.multipliedBy(i)), String.valueOf(digits.charAt(i))));
        }
        return new PhoneScript(ringing, answerAfter, refusal, refusalHold, List.copyOf(steps));
    }
}
