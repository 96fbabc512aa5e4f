package io.switchboard.ari.config;

import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a secret setting given either inline ({@code password = ...}, usually from the environment) or as a
 * file ({@code password-file = /run/secrets/ari}, as Kubernetes and Docker mount secrets). Errors name the
 * setting and the file, never the secret.
 */
public final class Secrets {
    private Secrets() {
    }

    /**
     * The value of {@code key} in {@code config}, or the content of the file named by {@code key-file} with its
     * trailing line break removed. Setting both is an error, so that an operator never wonders which one wins.
     *
     * @param where how the setting is named in messages, e.g. {@code switchboard.asterisk.servers[pbx1]}
     * @return the secret, or an empty string when neither is set
     */
    public static String read(Config config, String key, String where) {
        String fileKey = key + "-file";
        String inline = config.hasPath(key) ? config.getString(key) : "";
        String file = config.hasPath(fileKey) ? config.getString(fileKey).trim() : "";
        if (!file.isEmpty() && !inline.isEmpty()) {
            throw new IllegalArgumentException(where + ": set " + key + " or " + fileKey + ", not both");
        }
        if (file.isEmpty()) {
            return inline;
        }
        try {
            return stripLineBreak(Files.readString(Path.of(file), StandardCharsets.UTF_8));
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException(where + ": cannot read " + fileKey + " " + file + " ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static String stripLineBreak(String content) {
        int end = content.length();
        while (end > 0 && (content.charAt(end - 1) == '\n' || content.charAt(end - 1) == '\r')) {
            end--;
        }
        return content.substring(0, end);
    }
}
