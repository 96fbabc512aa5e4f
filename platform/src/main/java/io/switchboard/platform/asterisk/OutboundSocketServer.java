package io.switchboard.platform.asterisk;

import io.switchboard.actors.SwitchboardActors;
import io.switchboard.actors.gateway.AriGateway;
import io.switchboard.actors.settings.AsteriskServer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.HttpChallenge;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Listens for the WebSockets that Asterisk 22.5+ opens to the application (websocket_client.conf
 * {@code connection_type = persistent}, ari.conf {@code type = outbound_websocket}) at
 * {@code ws://<host>:<port>/asterisk/<server id>}, checks Asterisk's credentials, and hands each socket to this
 * node's gateway of that server. Asterisk keeps one such socket per connection and reconnects, to whichever
 * node the address leads to, when it closes.
 */
public final class OutboundSocketServer extends AllDirectives implements AutoCloseable {
    private final ActorSystem<?> system;
    private final OutboundSettings settings;
    private ServerBinding binding;

    private OutboundSocketServer(ActorSystem<?> system, OutboundSettings settings) {
        this.system = system;
        this.settings = settings;
    }

    /** Starts listening when some server connects out; empty otherwise. */
    public static Optional<OutboundSocketServer> startIfNeeded(ActorSystem<?> system, OutboundSettings settings) {
        SwitchboardActors actors = SwitchboardActors.get(system);
        if (actors.settings().servers().stream().noneMatch(AsteriskServer::connectsOut)) {
            return Optional.empty();
        }
        OutboundSocketServer server = new OutboundSocketServer(system, settings.requireCredentials());
        try {
            server.binding = Http.get(system).newServerAt(settings.host(), settings.port()).bind(server.route())
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalArgumentException("switchboard.asterisk.outbound: cannot listen on " + settings.host()
                    + ":" + settings.port() + " (" + cause.getMessage() + "); set SWITCHBOARD_OUTBOUND_PORT to a "
                    + "free port");
        }
        return Optional.of(server);
    }

    Route route() {
        return pathPrefix("asterisk", () -> path(PathMatchers.segment(), serverId ->
                extractCredentials(credentials -> {
                    if (!authorized(credentials.map(c -> c.token()))) {
                        return complete(StatusCodes.UNAUTHORIZED,
                                "Asterisk must present websocket_client.conf's username and password");
                    }
                    AsteriskServer server = SwitchboardActors.get(system).settings().servers().stream()
                            .filter(s -> s.id().equals(serverId) && s.connectsOut()).findFirst().orElse(null);
                    if (server == null) {
                        return complete(StatusCodes.NOT_FOUND, "no Asterisk server " + serverId
                                + " with events = outbound is configured on this node");
                    }
                    return extractWebSocketUpgrade(upgrade -> extractClientIP(ip ->
                            onSuccess(accept(server, serverId + "@" + ip.toString()), accepted -> {
                                if (accepted.flow() == null) {
                                    return complete(StatusCodes.SERVICE_UNAVAILABLE, "the gateway is not ready yet");
                                }
                                // websocket_client.conf protocols = ari: Asterisk expects the server to pick it
                                boolean ari = java.util.stream.StreamSupport.stream(
                                        upgrade.getRequestedProtocols().spliterator(), false).anyMatch("ari"::equals);
                                return complete(ari ? upgrade.handleMessagesWith(accepted.flow(), "ari")
                                        : upgrade.handleMessagesWith(accepted.flow()));
                            })));
                })));
    }

    private CompletionStage<AriGateway.SocketAccepted> accept(AsteriskServer server, String remote) {
        return AskPattern.ask(SwitchboardActors.get(system).localGateway(server.id()),
                replyTo -> new AriGateway.AcceptSocket(remote, replyTo), Duration.ofSeconds(5), system.scheduler());
    }

    /** HTTP Basic credentials, compared in constant time. */
    private boolean authorized(Optional<String> token) {
        if (token.isEmpty()) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(token.get()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] expected = (settings.username() + ":" + settings.password()).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, decoded.getBytes(StandardCharsets.UTF_8));
    }

    public int port() {
        return binding.localAddress().getPort();
    }

    @Override
    public void close() {
        try {
            binding.terminate(Duration.ofSeconds(2)).toCompletableFuture().get(3, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // the actor system's shutdown unbinds anyway
        }
    }
}
