package io.switchboard.ari.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.ari.events.ChannelDtmfReceived;
import io.switchboard.ari.events.MalformedFrame;
import io.switchboard.ari.events.StasisStart;
import io.switchboard.ari.events.UnknownEvent;
import org.junit.jupiter.api.Test;

class AriJsonTest {

    @Test
    void decodesAKnownEventIgnoringUnknownFields() {
        var item = AriJson.decodeFrame("{\"type\":\"StasisStart\",\"application\":\"cc\",\"args\":[\"support\"],"
                + "\"future_field\":{\"x\":1},\"channel\":{\"id\":\"c1\",\"state\":\"Ring\",\"extra\":true}}");
        StasisStart start = assertInstanceOf(StasisStart.class, item);
        assertEquals("cc", start.application());
        assertEquals("support", start.args().get(0));
        assertEquals("Ring", start.channel().state());
    }

    @Test
    void typeNeedNotComeFirst() {
        var item = AriJson.decodeFrame("{\"digit\":\"5\",\"duration_ms\":100,\"type\":\"ChannelDtmfReceived\"}");
        assertEquals("5", assertInstanceOf(ChannelDtmfReceived.class, item).digit());
    }

    @Test
    void anUnknownTypeKeepsItsWholeJson() {
        String frame = "{\"type\":\"ChannelTeleported\",\"application\":\"cc\",\"timestamp\":\"t\",\"where\":\"mars\"}";
        UnknownEvent unknown = assertInstanceOf(UnknownEvent.class, AriJson.decodeFrame(frame));
        assertEquals("ChannelTeleported", unknown.type());
        assertEquals("cc", unknown.application());
        assertEquals("mars", unknown.raw().get("where").asText());
        assertEquals(frame, AriJson.encode(unknown));
    }

    @Test
    void malformedFramesAreReportedNotThrown() {
        for (String bad : new String[]{"not json", "{\"type\":", "[1,2]", "{\"no\":\"type\"}", "{\"type\":5}", "",
                "{\"type\":\"StasisStart\",\"args\":\"not a list\"}"}) {
            MalformedFrame malformed = assertInstanceOf(MalformedFrame.class, AriJson.decodeFrame(bad), bad);
            assertEquals(bad, malformed.frame());
            assertTrue(!malformed.error().isBlank(), "says why: " + bad);
        }
        assertThrows(AriDecodeException.class, () -> AriJson.decodeMessage("nope"));
    }

    @Test
    void aFrameIsReadInPlaceFromTheSocketsBuffer() {
        String frame = "{\"type\":\"StasisStart\",\"application\":\"cc\",\"args\":[],\"channel\":{\"id\":\"c1\"}}";
        // the frame in the middle of a larger array, as a decoder's buffer may hold it
        java.nio.CharBuffer buffer = java.nio.CharBuffer.wrap(("xx" + frame + "yy").toCharArray(), 2, frame.length())
                .slice();
        assertEquals(AriJson.decodeFrame(frame), AriJson.decodeFrame(buffer));
        for (String bad : new String[]{"not json", "", "{\"no\":\"type\"}", "{\"type\":\"StasisStart\",\"args\":5}"}) {
            MalformedFrame malformed = assertInstanceOf(MalformedFrame.class,
                    AriJson.decodeFrame(java.nio.CharBuffer.wrap(bad.toCharArray())), bad);
            assertEquals(bad, malformed.frame());
            assertTrue(!malformed.error().isBlank(), "says why: " + bad);
        }
        assertInstanceOf(UnknownEvent.class, AriJson.decodeFrame(java.nio.CharBuffer.wrap(
                "{\"type\":\"ChannelTeleported\"}".toCharArray())));
    }

    @Test
    void encodeWritesTheTypeFirst() {
        var start = new StasisStart("ast1", "cc", "2026-01-01T00:00:00.000+0000", java.util.List.of(), null, null);
        assertTrue(AriJson.encode(start).startsWith("{\"type\":\"StasisStart\""), AriJson.encode(start));
    }
}
