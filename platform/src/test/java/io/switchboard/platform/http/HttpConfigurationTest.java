package io.switchboard.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.switchboard.platform.node.SwitchboardNode;
import org.junit.jupiter.api.Test;

class HttpConfigurationTest {

    @Test
    void outsideDemoModeTheApiTokenIsRequired() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> SwitchboardNode.start(
                ConfigFactory.parseString("switchboard.node.mode = asterisk").withFallback(ConfigFactory.load())));
        assertTrue(error.getMessage().startsWith("switchboard.http.token must be set"), error.getMessage());
    }

    @Test
    void theConfiguredTokenIsNeverPrinted() {
        HttpSettings settings = HttpSettings.fromConfig(ConfigFactory.parseString(
                "switchboard.http { host = \"127.0.0.1\", port = 0, token = \"s3cret\" }"));
        assertEquals("s3cret", settings.token().orElseThrow());
        assertFalse(settings.toString().contains("s3cret"));
    }

    @Test
    void theTokenCanComeFromAFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("api-token"), "from-a-file\n");
        HttpSettings settings = HttpSettings.fromConfig(ConfigFactory.parseString(
                "switchboard.http { host = \"127.0.0.1\", port = 0, token = \"\", token-file = \"" + file + "\" }"));
        assertEquals("from-a-file", settings.token().orElseThrow());
    }
}
