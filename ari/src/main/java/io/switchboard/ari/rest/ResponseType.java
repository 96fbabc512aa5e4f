package io.switchboard.ari.rest;

import com.fasterxml.jackson.databind.JavaType;
import io.switchboard.ari.json.AriDecodeException;
import io.switchboard.ari.json.AriJson;
import java.io.IOException;
import java.util.List;

/** How to read the body of a successful answer: as a model, a list of models, raw bytes, or nothing. */
public final class ResponseType<T> {
    /** Operations whose answer has no body (204). */
    public static final ResponseType<Void> VOID = new ResponseType<>(null, Kind.VOID);
    /** Operations that answer a file (e.g. a stored recording). */
    public static final ResponseType<byte[]> BINARY = new ResponseType<>(null, Kind.BINARY);
    /** Any JSON answer kept as text (null for 204), for code that relays answers without reading them. */
    public static final ResponseType<String> JSON_TEXT = new ResponseType<>(null, Kind.TEXT);

    private enum Kind { VOID, BINARY, TEXT, JSON }

    private final JavaType javaType;
    private final Kind kind;

    private ResponseType(JavaType javaType, Kind kind) {
        this.javaType = javaType;
        this.kind = kind;
    }

    public static <T> ResponseType<T> of(Class<T> type) {
        return new ResponseType<>(AriJson.mapper().constructType(type), Kind.JSON);
    }

    public static <T> ResponseType<List<T>> listOf(Class<T> elementType) {
        return new ResponseType<>(AriJson.mapper().getTypeFactory().constructCollectionType(List.class, elementType),
                Kind.JSON);
    }

    /** The Java type a JSON answer decodes to; empty for void and binary answers. */
    public java.util.Optional<JavaType> javaType() {
        return java.util.Optional.ofNullable(javaType);
    }

    public boolean isBinary() {
        return kind == Kind.BINARY;
    }

    /** Reads a successful answer's body. */
    @SuppressWarnings("unchecked")
    public T decode(byte[] body) {
        switch (kind) {
            case VOID:
                return null;
            case BINARY:
                return (T) body;
            case TEXT:
                return body.length == 0 ? null : (T) new String(body, java.nio.charset.StandardCharsets.UTF_8);
            default:
                if (body.length == 0) {
                    throw new AriDecodeException("empty answer where " + javaType.toCanonical() + " was expected");
                }
                try {
                    return AriJson.mapper().readValue(body, javaType);
                } catch (IOException e) {
                    throw new AriDecodeException("cannot read " + javaType.toCanonical() + ": " + e.getMessage(), e);
                }
        }
    }
}
