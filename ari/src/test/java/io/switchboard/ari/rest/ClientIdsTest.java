package io.switchboard.ari.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientIdsTest {
    private final ChannelsApi channels = new ChannelsApi(null);

    @Test
    void createsGetAnIdWhenTheCallerGivesNone() {
        var originate = channels.originate("PJSIP/100").app("callcenter");
        String id = originate.toRequest().queryParam("channelId").orElseThrow();
        assertTrue(id.matches("sb-[0-9a-v]{20}"), id);
        assertEquals(id, originate.toRequest().queryParam("channelId").orElseThrow(), "a retry reuses the id");
        assertTrue(new BridgesApi(null).create().toRequest().queryParam("bridgeId").isPresent());
        assertTrue(channels.play("c1", "sound:beep").toRequest().queryParam("playbackId").isPresent());
        assertTrue(channels.snoopChannel("c1", "callcenter").toRequest().queryParam("snoopId").isPresent());
    }

    @Test
    void anIdTheCallerGivesIsKept() {
        assertEquals("out-1", channels.originate("PJSIP/100").channelId("out-1").toRequest()
                .queryParam("channelId").orElseThrow());
        assertFalse(channels.answer("c1").toRequest().queryParam("channelId").isPresent());
    }

    @Test
    void idsAreUniqueAndNoneIsAPrefixOfAnother() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            assertTrue(ids.add(ClientIds.next()));
        }
        assertEquals(1, ids.stream().mapToInt(String::length).distinct().count(), "all the same length");
    }
}
