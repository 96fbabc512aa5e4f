package io.switchboard.ari.rest;

import java.security.SecureRandom;

/**
 * Client-assigned ids for channels, bridges, playbacks and snoops. They are all the same length, so one can
 * never be a prefix of another (Asterisk rejects a new channel id that an existing id starts with).
 */
public final class ClientIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuv".toCharArray();
    private static final int LENGTH = 20;

    private ClientIds() {
    }

    /** A new id such as {@code sb-k3v0q7c1m9a2d5e8f4g6}: "sb-" and 20 base-32 characters (100 random bits). */
    public static String next() {
        byte[] bytes = new byte[LENGTH];
        RANDOM.nextBytes(bytes);
        char[] out = new char[LENGTH + 3];
        out[0] = 's';
        out[1] = 'b';
        out[2] = '-';
        for (int i = 0; i < LENGTH; i++) {
            out[i + 3] = ALPHABET[bytes[i] & 31];
        }
        return new String(out);
    }
}
