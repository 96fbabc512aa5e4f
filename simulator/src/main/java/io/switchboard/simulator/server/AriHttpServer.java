package io.switchboard.simulator.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ari.json.AriJson;
import io.switchboard.simulator.rest.RestRequest;
import io.switchboard.simulator.rest.RestResponse;
import io.switchboard.simulator.rest.RouteTable;
import io.switchboard.simulator.state.AsteriskState;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.http.javadsl.model.ws.WebSocketUpgrade;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The HTTP face of the simulator: {@code /ari/...} REST with basic auth (or {@code api_key}), the events
 * WebSocket at {@code /ari/events}, and the {@code /sim/...} control API. Every request is handled on the
 * state thread.
 */
public final class AriHttpServer {
    private final ActorSystem system;
    private final AsteriskState ast;
    private final RouteTable routes;
    private final RouteTable control;
    private final String user;
    private final String password;
    private final RestOverWebSocket restOverWs;
    private final java.util.concurrent.atomic.AtomicLong framesSent = new java.util.concurrent.atomic.AtomicLong();
    private ServerBinding binding;
    private final java.util.Set<EventSocketSession> sessions = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean refusingEventSockets;
    /** Touched on the state thread only. */
    private OutboundWebSocket outbound;

    /**
     * Closes every events socket, as a network failure would; with {@code refuseNew} the next upgrades are
     * refused (503) until {@link #acceptEventSockets()}. Asterisk discards the events of an app without a socket.
     */
    public void dropEventSockets(boolean refuseNew) {
        refusingEventSockets = refuseNew;
        sessions.forEach(EventSocketSession::closed);
    }

    public void acceptEventSockets() {
        refusingEventSockets = false;
    }

    /** Frames queued on any events socket since start. */
    public long framesSent() {
        return framesSent.get();
    }

    public AriHttpServer(ActorSystem system, AsteriskState ast, RouteTable routes, RouteTable control, String user,
                         String password) {
        this.system = system;
        this.ast = ast;
        this.routes = routes;
        this.control = control;
        this.user = user;
        this.password = password;
        this.restOverWs = new RestOverWebSocket(ast, routes);
    }

    /** On the state thread: the persistent outbound WebSocket registers its apps and starts connecting. */
    public void startOutbound(io.switchboard.simulator.OutboundWebSocketConfig config) {
        outbound = new OutboundWebSocket(system, ast, restOverWs, config, framesSent);
        outbound.start();
    }

    /** On the state thread. */
    public OutboundStatus outboundStatus() {
        return outbound == null ? OutboundStatus.NONE : outbound.status();
    }

    /** On the state thread: stops the outbound WebSocket reconnecting. */
    public void stopOutbound() {
        if (outbound != null) {
            outbound.close();
        }
    }

    public int start(String host, int port) {
        binding = Http.get(system).newServerAt(host, port).bind(this::handle).toCompletableFuture().join();
        return binding.localAddress().getPort();
    }

    public void stop() {
        if (binding != null) {
            binding.unbind().toCompletableFuture().join();
        }
    }

    private CompletionStage<HttpResponse> handle(HttpRequest request) {
        String path = request.getUri().path();
        String raw = request.getUri().toString();
        int q = raw.indexOf('?');
        Map<String, String> query = RestRequest.parseQuery(q < 0 ? "" : raw.substring(q + 1));
        if (path.startsWith("/sim/") || path.equals("/sim")) {
            return withBody(request, body -> ast.executor.submit(() ->
                    toHttp(control.dispatch(new RestRequest(request.method().value(), path.substring(5), query, body))))
            );
        }
        if (!path.startsWith("/ari/") && !path.equals("/ari")) {
            return CompletableFuture.completedFuture(toHttp(RestResponse.message(404, "Resource not found")));
        }
        if (!authorized(request, query)) {
            return CompletableFuture.completedFuture(toHttp(RestResponse.message(401, "Authentication required")));
        }
        String ariPath = path.length() <= 5 ? "" : path.substring(5);
        if (ariPath.equals("events") && request.method().value().equals("GET")) {
            Optional<WebSocketUpgrade> upgrade = request.getAttribute(AttributeKeys.webSocketUpgrade);
            if (upgrade.isPresent() && refusingEventSockets) {
                return CompletableFuture.completedFuture(toHttp(RestResponse.message(503, "Service Unavailable")));
            }
            if (upgrade.isPresent()) {
                return CompletableFuture.completedFuture(openEvents(upgrade.get(), query));
            }
        }
        return withBody(request, body -> ast.executor.submit(() ->
                toHttp(routes.dispatch(new RestRequest(request.method().value(), ariPath, query, body)))));
    }

    private CompletionStage<HttpResponse> withBody(HttpRequest request,
                                                   Function<JsonNode, CompletionStage<HttpResponse>> next) {
        return request.entity().toStrict(5000, Materializer.matFromSystem(system)).thenCompose(strict -> {
            String text = strict.getData().utf8String();
            JsonNode body = null;
            if (!text.isBlank()) {
                String type = request.entity().getContentType().mediaType().toString();
                if (type.contains("x-www-form-urlencoded")) {
                    body = AriJson.mapper().valueToTree(RestRequest.parseQuery(text));
                } else {
                    try {
                        body = AriJson.mapper().readTree(text);
                    } catch (Exception e) {
                        return CompletableFuture.completedFuture(toHttp(RestResponse.message(400, "Invalid JSON body")));
                    }
                }
            }
            return next.apply(body);
        });
    }

    private boolean authorized(HttpRequest request, Map<String, String> query) {
        String apiKey = query.get("api_key");
        if (apiKey != null) {
            return apiKey.equals(user + ":" + password);
        }
        return request.getHeader("Authorization").map(h -> {
            String value = h.value();
            if (!value.startsWith("Basic ")) {
                return false;
            }
            String decoded = new String(Base64.getDecoder().decode(value.substring(6).trim()), StandardCharsets.UTF_8);
            return decoded.equals(user + ":" + password);
        }).orElse(false);
    }

    private HttpResponse openEvents(WebSocketUpgrade upgrade, Map<String, String> query) {
        List<String> apps = query.getOrDefault("app", "").isEmpty() ? List.of()
                : List.of(query.get("app").split(","));
        if (apps.isEmpty()) {
            return toHttp(RestResponse.message(400, "Missing parameter app"));
        }
        boolean subscribeAll = "true".equalsIgnoreCase(query.get("subscribeAll"));
        Pair<BoundedSourceQueue<Message>, Source<Message, NotUsed>> out =
                Source.<Message>queue(65536).preMaterialize(system);
        EventSocketSession session = new EventSocketSession(out.first(), framesSent);
        sessions.add(session);
        ast.executor.run(() -> apps.forEach(app -> ast.apps.register(app, session, subscribeAll)));
        String firstApp = apps.get(0);
        Sink<Message, NotUsed> in = Flow.<Message>create()
                .filter(Message::isText)
                .mapAsync(1, m -> m.asTextMessage().toStrict(5000, Materializer.matFromSystem(system)))
                .map(TextMessage::getStrictText)
                .watchTermination((notUsed, done) -> {
                    done.whenComplete((d, e) -> ast.executor.execute(() -> {
                        ast.apps.deactivate(session);
                        sessions.remove(session);
                        session.closed();
                    }));
                    return NotUsed.getInstance();
                })
                .to(Sink.foreach(text -> ast.executor.execute(() -> session.send(restOverWs.handle(text, firstApp)))));
        return upgrade.handleMessagesWith(Flow.fromSinkAndSourceCoupled(in, out.second()));
    }

    private static HttpResponse toHttp(RestResponse response) {
        HttpResponse http = HttpResponse.create().withStatus(response.status());
        if (response.bytes() != null) {
            ContentType type = ContentTypes.parse(response.contentType());
            return http.withEntity(HttpEntities.create(type, response.bytes()));
        }
        if (response.json() == null) {
            return http;
        }
        return http.withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, response.json().toString()));
    }
}
