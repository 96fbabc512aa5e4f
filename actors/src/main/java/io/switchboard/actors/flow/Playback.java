package io.switchboard.actors.flow;

import java.util.List;

/**
 * What to play: media URIs in order ({@code sound:}, {@code recording:}, {@code digits:}, {@code number:},
 * {@code characters:}, {@code tone:}) and the digits that may interrupt it.
 */
public record Playback(List<String> media, String stopDigits, String language) {

    public static Playback of(String... media) {
        return new Playback(List.of(media), "", null);
    }

    /** Any of these digits stops the playback; the stage completes with the digit. */
    public Playback interruptibleBy(String digits) {
        return new Playback(media, digits, language);
    }

    public Playback inLanguage(String language) {
        return new Playback(media, stopDigits, language);
    }
}
