package io.switchboard.ari.events;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An event whose {@code type} this client does not know (for instance one added by a newer Asterisk).
 * It keeps the whole JSON object, so nothing Asterisk said is lost.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NONE)
public record UnknownEvent(String type, @JsonValue ObjectNode raw) implements AriEvent {

    @Override
    public String asteriskId() {
        return text("asterisk_id");
    }

    @Override
    public String application() {
        return text("application");
    }

    @Override
    public String timestamp() {
        return text("timestamp");
    }

    private String text(String field) {
        JsonNode node = raw.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }
}
