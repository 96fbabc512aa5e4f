package io.switchboard.ari.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AsteriskVersionTest {

    @Test
    void restOverTheWebSocketNeeds22Point4OrNewer() {
        assertTrue(AsteriskVersion.supportsRestOverWebSocket("22.10.1"));
        assertTrue(AsteriskVersion.supportsRestOverWebSocket("22.4.0"));
        assertTrue(AsteriskVersion.supportsRestOverWebSocket("23.0.0-rc1"));
        assertFalse(AsteriskVersion.supportsRestOverWebSocket("22.3.2"));
        assertFalse(AsteriskVersion.supportsRestOverWebSocket("20.5.0"));
        assertFalse(AsteriskVersion.supportsRestOverWebSocket("GIT-master-abc"));
        assertFalse(AsteriskVersion.supportsRestOverWebSocket(null));
    }
}
