package io.switchboard.platform.api;

import io.switchboard.actors.SwitchboardActors;
import io.switchboard.platform.live.LiveBoard;
import io.switchboard.platform.live.LiveFeed;
import io.switchboard.queues.SwitchboardQueues;
import io.switchboard.queues.log.FiguresWindow;
import io.switchboard.queues.log.Checkpointing;
import io.switchboard.queues.log.StatisticsSettings;
import io.switchboard.queues.persistence.CheckpointTable;
import java.util.List;
import java.util.UUID;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
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
 * {@code GET /api/live?token=...[&window=today]}: a WebSocket pushing queue figures (over the window, all time by
 * default), agent states and waiting callers as JSON texts; an unknown window is a 400 listing the windows.
 * Browsers cannot set an Authorization header on a WebSocket upgrade, so the token comes as a query parameter.
 */
final class LiveRoutes extends ApiDirectives {
    private static final int BUFFERED_MESSAGES = 256;

    private final BearerAuth auth;
    private final StatisticsSettings statistics;
    private final List<String> windows;
    private final ActorRef<LiveBoard.Command> board;

    LiveRoutes(ActorSystem<?> system, BearerAuth auth) {
        super(system);
        this.auth = auth;
        this.statistics = StatisticsSettings.fromConfig(system.settings().config());
        this.windows = statistics.windowNames();
        this.board = system.systemActorOf(LiveBoard.create(SwitchboardActors.get(system).timekeeper().clock(),
                CheckpointTable.of(system), Checkpointing.Settings.fromConfig(system.settings().config())),
                "live-board", Props.empty());
    }

    Route route() {
        return path(PathMatchers.segment("api").slash("live"), () -> get(() -> auth.tokenParameter(() ->
                parameterOptional("window", window -> {
                    String chosen = window.orElse(LiveFeed.ALL_TIME);
                    return statistics.window(chosen).map(w -> handleWebSocketMessages(feed(w)))
                            .orElseGet(() -> complete(failure(ApiProblem.badRequest("window: one of " + windows))));
                }))));
    }

    private Flow<Message, Message, NotUsed> feed(FiguresWindow window) {
        Pair<SourceQueueWithComplete<String>, Source<String, NotUsed>> socket =
                Source.<String>queue(BUFFERED_MESSAGES, OverflowStrategy.dropHead()).preMaterialize(system);
        system.systemActorOf(LiveFeed.create(socket.first(), board, SwitchboardQueues.get(system).statistics(),
                window, windows, SwitchboardActors.get(system).timekeeper()), "live-feed-" + UUID.randomUUID(), Props.empty());
        Source<Message, NotUsed> out = socket.second().map(text -> (Message) TextMessage.create(text));
        return Flow.fromSinkAndSourceCoupled(Sink.ignore(), out);
    }
}
