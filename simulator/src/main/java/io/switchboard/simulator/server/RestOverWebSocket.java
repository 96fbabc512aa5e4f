package io.switchboard.simulator.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.ari.events.RESTResponse;
import io.switchboard.ari.json.AriJson;
import io.switchboard.simulator.rest.RestRequest;
import io.switchboard.simulator.rest.RestResponse;
import io.switchboard.simulator.rest.RouteTable;
import io.switchboard.simulator.state.AsteriskState;
import java.util.Map;
import java.util.Set;

/** RESTRequest frames on the events socket, answered with RESTResponse events on the same socket. */
final class RestOverWebSocket {
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE");

    private final AsteriskState ast;
    private final RouteTable routes;

    RestOverWebSocket(AsteriskState ast, RouteTable routes) {
        this.ast = ast;
        this.routes = routes;
    }

    /** Runs on the state thread: handles one frame and returns the RESTResponse to send. */
    String handle(String frame, String app) {
        JsonNode json;
        try {
            json = AriJson.mapper().readTree(frame);
        } catch (Exception e) {
            json = null;
        }
        if (!(json instanceof ObjectNode request)) {
            return answer(app, "", "", 400, "Failed to parse request message JSON", "", null, null);
        }
        String tx = request.path("transaction_id").asText("");
        String req = request.path("request_id").asText("");
        String rawUri = request.path("uri").asText("");
        int q = rawUri.indexOf('?');
        String path = q < 0 ? rawUri : rawUri.substring(0, q);
        if (!"RESTRequest".equals(request.path("type").asText())) {
            return error(app, tx, req, path, "Unknown request type.");
        }
        if (rawUri.isEmpty()) {
            return error(app, tx, req, "", "Empty or missing 'uri' property.");
        }
        String method = request.path("method").asText("");
        if (!METHODS.contains(method)) {
            return error(app, tx, req, path, "Unknown or missing 'method' property.");
        }
        Map<String, String> query = RestRequest.parseQuery(q < 0 ? "" : rawUri.substring(q + 1));
        request.path("query_strings").forEach(p -> query.put(p.path("name").asText(), p.path("value").asText()));
        JsonNode body = null;
        if (request.hasNonNull("message_body")) {
            String contentType = request.path("content_type").asText("");
            String text = request.get("message_body").asText();
            if (contentType.isEmpty()) {
                return error(app, tx, req, path, "No 'content_type' for 'message_body'.");
            }
            if (contentType.startsWith("application/x-www-form-urlencoded")) {
                query.putAll(RestRequest.parseQuery(text));
            } else {
                try {
                    body = AriJson.mapper().readTree(text);
                } catch (Exception e) {
                    return error(app, tx, req, path, "Failed to parse body");
                }
            }
        }
        RestResponse response = path.startsWith("/")
                ? RestResponse.message(405, "Invalid method")
                : routes.dispatch(new RestRequest(method, path, query, body));
        String bodyText = response.json() == null ? null : response.json().toString();
        return answer(app, tx, req, response.status(), response.reasonPhrase(), path,
                bodyText == null ? null : "application/json", bodyText);
    }

    private String error(String app, String tx, String req, String uri, String message) {
        String body = AriJson.mapper().createObjectNode().put("message", message).toString();
        return answer(app, tx, req, 400, "Bad request", uri, "application/json", body);
    }

    private String answer(String app, String tx, String req, int status, String reason, String uri,
                          String contentType, String body) {
        return AriJson.encode(new RESTResponse(ast.asteriskId, app, ast.timestamp(), tx, req, status, reason, uri,
                contentType, body));
    }
}
