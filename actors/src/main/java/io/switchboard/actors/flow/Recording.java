package io.switchboard.actors.flow;

import java.time.Duration;

/** A recording of the caller: stored under {@code name} in {@code format}. */
public record Recording(String name, String format, Duration maxDuration, Duration maxSilence, Boolean beep,
                        String terminateOn, String ifExists) {

    /** A wav recording with a beep, ended by '#', at most 2 minutes. */
    public static Recording named(String name) {
        return new Recording(name, "wav", Duration.ofMinutes(2), null, true, "#", "overwrite");
    }

    public Recording maxDuration(Duration maxDuration) {
        return new Recording(name, format, maxDuration, maxSilence, beep, terminateOn, ifExists);
    }

    public Recording maxSilence(Duration maxSilence) {
        return new Recording(name, format, maxDuration, maxSilence, beep, terminateOn, ifExists);
    }

    /** The DTMF that stops the recording: none, any, *, #. */
    public Recording terminateOn(String terminateOn) {
        return new Recording(name, format, maxDuration, maxSilence, beep, terminateOn, ifExists);
    }

    public Recording format(String format) {
        return new Recording(name, format, maxDuration, maxSilence, beep, terminateOn, ifExists);
    }
}
