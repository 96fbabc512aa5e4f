package io.switchboard.queues.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatisticsSettingsTest {
    private static StatisticsSettings settings(String statistics) {
        Config config = ConfigFactory.parseString("switchboard.queues.statistics { " + statistics + " }")
                .withFallback(ConfigFactory.defaultReference());
        return StatisticsSettings.fromConfig(config);
    }

    @Test
    void theDefaultsAreAllTimeTodayInUtcAndTheLast15MinutesAndHour() {
        StatisticsSettings defaults = settings("");
        assertEquals(List.of("all", "today", "15m", "1h"), defaults.windowNames());
        assertEquals(Optional.of(new FiguresWindow.Today(ZoneId.of("UTC"))), defaults.window("today"));
        assertEquals(Optional.of(new FiguresWindow.Last(Duration.ofMinutes(15))), defaults.window("15m"));
        assertEquals(Optional.empty(), defaults.window("5m"));
    }

    @Test
    void windowsAndTimeZoneAreConfigured() {
        StatisticsSettings configured = settings("windows = [5m, 90m, 2h], time-zone = \"America/New_York\"");
        assertEquals(List.of("all", "today", "5m", "90m", "2h"), configured.windowNames());
        assertEquals(Optional.of(new FiguresWindow.Today(ZoneId.of("America/New_York"))),
                configured.window("today"));
    }

    @Test
    void badWindowsAndZonesAreRefusedNamingTheSetting() {
        for (String bad : new String[] {"windows = [30s]", "windows = [90s]", "windows = [2d]"}) {
            ConfigException e = assertThrows(ConfigException.class, () -> settings(bad), bad);
            assertTrue(e.getMessage().contains("windows"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> settings("windows = [60m, 1h]"));
        ConfigException zone = assertThrows(ConfigException.class, () -> settings("time-zone = \"Mars/Olympus\""));
        assertTrue(zone.getMessage().contains("time-zone"), zone.getMessage());
    }
}
