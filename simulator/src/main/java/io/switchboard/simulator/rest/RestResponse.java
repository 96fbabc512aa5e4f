package io.switchboard.simulator.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ari.json.AriJson;
import io.switchboard.simulator.state.AriError;

/** Status and body of an answer: JSON, nothing (204), or bytes (a recording file). */
public record RestResponse(int status, JsonNode json, byte[] bytes, String contentType) {

    public static RestResponse ok(Object body) {
        return new RestResponse(200, AriJson.mapper().valueToTree(body), null, "application/json");
    }

    public static RestResponse created(Object body) {
        return new RestResponse(201, AriJson.mapper().valueToTree(body), null, "application/json");
    }

    public static RestResponse noContent() {
        return new RestResponse(204, null, null, null);
    }

    public static RestResponse file(byte[] bytes, String contentType) {
        return new RestResponse(200, null, bytes, contentType);
    }

    public static RestResponse error(AriError e) {
        return new RestResponse(e.status(), AriJson.mapper().createObjectNode().put(e.field(), e.getMessage()), null,
                "application/json");
    }

    public static RestResponse message(int status, String message) {
        return error(AriError.of(status, message));
    }

    public String reasonPhrase() {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 204 -> "No Content";
            case 400 -> "Bad request";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 422 -> "Unprocessable Entity";
            default -> status >= 500 ? "Internal Server Error" : "Unknown";
        };
    }
}
