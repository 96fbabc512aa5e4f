package io.switchboard.ari.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AriTimestampsTest {

    @Test
    void readsAsterisksFormatWithItsOffset() {
        assertEquals(Optional.of(Instant.parse("2026-12-07T15:05:31.957Z")),
                AriTimestamps.parse("2026-12-07T15:05:31.957+0000"));
        assertEquals(Optional.of(Instant.parse("2026-12-07T13:05:31.957Z")),
                AriTimestamps.parse("2026-12-07T15:05:31.957+0200"));
    }

    @Test
    void writesWhatItReads() {
        Instant instant = Instant.parse("2026-11-26T12:03:44.380Z");
        assertEquals("2026-11-26T12:03:44.380+0000", AriTimestamps.format(instant));
        assertEquals(Optional.of(instant), AriTimestamps.parse(AriTimestamps.format(instant)));
    }

    @Test
    void anythingElseIsEmpty() {
        assertEquals(Optional.empty(), AriTimestamps.parse(null));
        assertEquals(Optional.empty(), AriTimestamps.parse("yesterday"));
        assertEquals(Optional.empty(), AriTimestamps.parse("2026-12-07T15:05:31Z"));
    }
}
