package io.switchboard.simulator.phones;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * The {@code [sim]} dialplan extensions of the transcripts, as scripts. Timings follow the captures: DTMF
 * about 350 ms apart, the first digit ~1.2 s after answer (dtmf-1234) or after tt-weasels (talk-dtmf-1234).
 */
public enum PhoneBehaviour {
    ANSWER("answer", PhoneScript.answer(), "Wait", "120"),
    ANSWER_AFTER_2("answer-after-2", PhoneScript.answerAfter(Duration.ofSeconds(2)), "Wait", "120"),
    ANSWER_AFTER_2_HANGUP_AFTER_3("answer-after-2-hangup-after-3",
            PhoneScript.answerAfter(Duration.ofSeconds(2)).thenHangupAfter(Duration.ofSeconds(3)), "Wait", "3"),
    NOANSWER("noanswer", PhoneScript.neverAnswer(), "Wait", "120"),
    BUSY("busy", PhoneScript.busy(), "", ""),
    CONGESTION("congestion", PhoneScript.congestion(), "", ""),
    DTMF_1234("dtmf-1234", PhoneScript.answer().thenDigits(Duration.ofMillis(1200), Duration.ofMillis(350), "1234#"), "Wait", "1"),
    TALK("talk", PhoneScript.answer(), "Playback", "tt-monkeys"),
    TALK_THEN_SILENCE("talk-then-silence", PhoneScript.answer(), "Playback", "tt-weasels"),
    TALK_DTMF_1234("talk-dtmf-1234",
            PhoneScript.answer().thenDigits(Duration.ofMillis(3150), Duration.ofMillis(350), "1234#"), "Playback", "tt-weasels"),
    HANGUP_AFTER_3("hangup-after-3", PhoneScript.answer().thenHangupAfter(Duration.ofSeconds(3)), "Wait", "3"),
    HANGUP_AFTER_10("hangup-after-10", PhoneScript.answer().thenHangupAfter(Duration.ofSeconds(10)), "Wait", "10");

    private final String extension;
    private final PhoneScript script;
    private final String appAfterAnswer;
    private final String appDataAfterAnswer;

    PhoneBehaviour(String extension, PhoneScript script, String appAfterAnswer, String appDataAfterAnswer) {
        this.extension = extension;
        this.script = script;
        this.appAfterAnswer = appAfterAnswer;
        this.appDataAfterAnswer = appDataAfterAnswer;
    }

    /** The dialplan app that follows Answer() in the extension (priority 2 after Answer, 4 after Ringing/Wait/Answer). */
    public String appAfterAnswer() {
        return appAfterAnswer;
    }

    public String appDataAfterAnswer() {
        return appDataAfterAnswer;
    }

    public String extension() {
        return extension;
    }

    public PhoneScript script() {
        return script;
    }

    public static Optional<PhoneBehaviour> ofExtension(String extension) {
        return Arrays.stream(values()).filter(b -> b.extension.equals(extension)).findFirst();
    }
}
