package io.switchboard.platform.api;

import io.switchboard.platform.live.LiveFeed;
import java.util.List;
import java.util.UUID;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.SourceQueueWithComplete;

/**
 * {@code GET /api/live?token=...}: a WebSocket pushing queue figures and agent states as JSON texts.
 * Browsers cannot set an Authorization header on a WebSocket upgrade, so the token comes as a query parameter.
 */
final class LiveRoutes extends ApiDirectives {
    private static final int BUFFERED_MESSAGES = 256;

    private final BearerAuth auth;
    private final List<String> agentIds;

    LiveRoutes(ActorSystem<?> system, BearerAuth auth, List<String> agentIds) {
        super(system);
        this.auth = auth;
        this.agentIds = List.copyOf(agentIds);
    }

    Route route() {
        return path(PathMatchers.segment("api").slash("live"), () -> get(() -> auth.tokenParameter(() ->
                handleWebSocketMessages(feed()))));
    }

    private Flow<Message, Message, NotUsed> feed() {
        Pair<SourceQueueWithComplete<String>, Source<String, NotUsed>> socket =
                Source.<String>queue(BUFFERED_MESSAGES, OverflowStrategy.dropHead()).preMaterialize(system);
        system.systemActorOf(LiveFeed.create(socket.first(), agentIds), "live-feed-" + UUID.randomUUID(),
                Props.empty());
        Source<Message, NotUsed> out = socket.second().map(text -> (Message) TextMessage.create(text));
        return Flow.fromSinkAndSourceCoupled(Sink.ignore(), out);
    }
}
