package io.switchboard.ari.json;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Asterisk's timestamps, as its events and snapshots carry them: {@code 2026-12-07T15:05:31.957+0000}
 * (milliseconds, an offset without a colon).
 */
public final class AriTimestamps {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx");
    /** Asterisk writes its timestamps in UTC here; any offset is read. */
    private static final DateTimeFormatter UTC_FORMAT = FORMAT.withZone(ZoneOffset.UTC);

    private AriTimestamps() {
    }

    /** The instant as Asterisk writes it (in UTC). */
    public static String format(Instant instant) {
        return UTC_FORMAT.format(instant);
    }

    /** The instant, or empty when the text is absent or not in Asterisk's format. */
    public static Optional<Instant> parse(String timestamp) {
        if (timestamp == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(timestamp, FORMAT).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
