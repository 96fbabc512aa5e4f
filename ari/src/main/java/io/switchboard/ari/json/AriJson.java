package io.switchboard.ari.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.ari.events.AriMessage;
import io.switchboard.ari.events.EventStreamItem;
import io.switchboard.ari.events.MalformedFrame;
import io.switchboard.ari.events.UnknownEvent;
import java.io.IOException;
import java.nio.CharBuffer;

/**
 * JSON as Asterisk speaks it: unknown properties are ignored, absent ones stay absent when written back,
 * and an event of an unknown type becomes an {@link UnknownEvent} rather than an error.
 */
public final class AriJson {
    private static final int MAX_FRAME_IN_ERROR = 500;
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .addModule(new BlackbirdModule())
            .build();
    private static final ObjectReader MESSAGE_READER = MAPPER.readerFor(AriMessage.class);
    private static final ObjectWriter MESSAGE_WRITER = MAPPER.writerFor(AriMessage.class);

    private AriJson() {
    }

    /** The shared, thread-safe mapper configured for ARI. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Decodes one WebSocket frame: a String, or the buffer the JDK's client hands over (read in place). Never
     * throws: a frame that is not an ARI message comes back as a {@link MalformedFrame} saying why.
     */
    public static EventStreamItem decodeFrame(CharSequence frame) {
        try (JsonParser parser = parserOf(frame)) {
            AriMessage message = MESSAGE_READER.readValue(parser);
            return message != null ? message : unknown(frame.toString());
        } catch (IOException | IllegalArgumentException e) {
            return new MalformedFrame(frame.toString(), describe(e));
        }
    }

    private static JsonParser parserOf(CharSequence frame) throws IOException {
        // a socket's buffer is parsed where the socket decoded it: no String made of it, no copy in the parser
        return frame instanceof CharBuffer buffer && buffer.hasArray()
                ? MESSAGE_READER.createParser(buffer.array(), buffer.arrayOffset() + buffer.position(),
                        buffer.remaining())
                : MESSAGE_READER.createParser(frame.toString());
    }

    /** Decodes one message, throwing {@link AriDecodeException} when the text is not one. */
    public static AriMessage decodeMessage(String json) {
        EventStreamItem item = decodeFrame(json);
        if (item instanceof MalformedFrame malformed) {
            throw new AriDecodeException(malformed.error());
        }
        return (AriMessage) item;
    }

    /** Encodes a message as Asterisk would send it (the {@code type} property included). */
    public static String encode(AriMessage message) {
        try {
            return message instanceof UnknownEvent unknown
                    ? MAPPER.writeValueAsString(unknown.raw())
                    : MESSAGE_WRITER.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + message.type(), e);
        }
    }

    private static EventStreamItem unknown(String frame) throws JsonProcessingException {
        JsonNode tree = MAPPER.readTree(frame);
        if (!(tree instanceof ObjectNode object) || !object.path("type").isTextual()) {
            return new MalformedFrame(frame, "not an ARI message: expected a JSON object with a string 'type'");
        }
        return new UnknownEvent(object.get("type").asText(), object);
    }

    private static String describe(Exception e) {
        String message = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        return message == null ? e.getClass().getSimpleName() : truncate(message.replace('\n', ' '));
    }

    private static String truncate(String text) {
        return text.length() <= MAX_FRAME_IN_ERROR ? text : text.substring(0, MAX_FRAME_IN_ERROR) + "…";
    }
}
