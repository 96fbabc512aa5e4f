package io.switchboard.actors.flow;

import java.time.Duration;

/** How to collect digits: at most {@code maxDigits}, ended early by a terminator digit or a timeout. */
public record Gather(int maxDigits, String terminators, Duration firstDigitTimeout, Duration interDigitTimeout) {

    public Gather {
        if (maxDigits < 1) {
            throw new IllegalArgumentException("maxDigits must be at least 1");
        }
    }

    /** Up to {@code maxDigits}, no terminator, 5 s for the first digit and 3 s between digits. */
    public static Gather digits(int maxDigits) {
        return new Gather(maxDigits, "", Duration.ofSeconds(5), Duration.ofSeconds(3));
    }

    /** Digits that end the gathering early; they are not part of the result. */
    public Gather terminator(String terminators) {
        return new Gather(maxDigits, terminators, firstDigitTimeout, interDigitTimeout);
    }

    public Gather timeouts(Duration firstDigit, Duration betweenDigits) {
        return new Gather(maxDigits, terminators, firstDigit, betweenDigits);
    }
}
