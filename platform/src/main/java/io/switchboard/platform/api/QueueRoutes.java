package io.switchboard.platform.api;

import io.switchboard.queues.SwitchboardQueues;
import io.switchboard.queues.log.FiguresWindow;
import io.switchboard.queues.log.QueueFigures;
import io.switchboard.queues.log.QueueStatistics;
import io.switchboard.queues.queue.QueueConfig;
import io.switchboard.queues.queue.QueueEntity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /api/queues}: the configured queues, one queue's configuration, callers and figures, and the transfer of
 * a caller talking to one of its agents into another queue.
 */
final class QueueRoutes extends ApiDirectives {
    /** The window of the figures when none is asked for: everything since the journal began. */
    private static final String ALL_TIME = new FiguresWindow.AllTime().name();

    private final SwitchboardQueues queues;

    QueueRoutes(ActorSystem<?> system) {
        super(system);
        this.queues = SwitchboardQueues.get(system);
    }

    record QueueSummary(String name, QueueFigures figures) {
    }

    record QueueDetail(String name, Map<String, Object> config, List<QueueEntity.CallerView> callers,
                       List<io.switchboard.queues.agent.AgentStatus> agents, QueueFigures figures) {
    }

    Route route() {
        return pathPrefix("queues", () -> concat(
                pathEnd(() -> get(() -> respond(list()))),
                pathPrefix(PathMatchers.segment(), name -> concat(
                        pathEnd(() -> get(() -> respond(detail(name)))),
                        path("config", () -> put(() -> withJsonObject(body -> {
                            QueueConfig config = QueueConfigJson.parse(name, body);
                            return respond(updateConfig(name, config));
                        }))),
                        pathPrefix("callers", () -> concat(
                                pathEnd(() -> get(() -> respond(known(name)
                                        .thenCompose(this::snapshot).thenApply(QueueEntity.QueueSnapshot::callers)))),
                                path(PathMatchers.segment().slash("transfer"), caller -> post(() ->
                                        withJsonObject(body -> respond(transfer(name, caller, toQueue(body)))))))),
                        path("stats", () -> get(() -> parameterOptional("window", window -> respond(known(name)
                                .thenCompose(n -> figures(n, window.orElse(ALL_TIME)))))))))));
    }

    record TransferDone(String callerId, String fromQueue, String toQueue) {
    }

    private static String toQueue(com.fasterxml.jackson.databind.JsonNode body) {
        com.fasterxml.jackson.databind.JsonNode to = body.get("toQueue");
        if (to == null || !to.isTextual() || to.asText().isBlank()) {
            throw ApiProblem.badRequest("toQueue: the name of the queue to transfer to is required");
        }
        return to.asText();
    }

    /** 404 for an unknown queue or a caller not talking to one of its agents, 400 for a bad target queue. */
    private CompletionStage<TransferDone> transfer(String name, String caller, String toQueue) {
        return known(name).thenCompose(n -> queues.transferCaller(n, caller, toQueue, ASK_TIMEOUT)).thenApply(reply -> {
            if (reply instanceof QueueEntity.Transferred done) {
                return new TransferDone(done.callerId(), done.fromQueue(), done.toQueue());
            }
            QueueEntity.TransferRefused refused = (QueueEntity.TransferRefused) reply;
            throw refused.reason() == QueueEntity.TransferRefused.Refusal.UNKNOWN_CALLER
                    ? ApiProblem.notFound("channelId: " + refused.message())
                    : ApiProblem.badRequest(refused.message());
        });
    }

    private CompletionStage<List<QueueSummary>> list() {
        return allFigures().thenApply(all -> {
            TreeSet<String> names = new TreeSet<>(queues.settings().queues().keySet());
            names.addAll(all.byQueue().keySet());
            return names.stream().map(n -> new QueueSummary(n, all.byQueue().get(n))).toList();
        });
    }

    private CompletionStage<QueueDetail> detail(String name) {
        return known(name).thenCompose(this::snapshot).thenCombine(figures(name), (s, f) ->
                new QueueDetail(s.name(), QueueConfigJson.render(s.config()), s.callers(), s.agents(), f));
    }

    private CompletionStage<Map<String, Object>> updateConfig(String name, QueueConfig config) {
        return known(name).thenCompose(n -> this.<QueueEntity.Command, QueueEntity.QueueSnapshot>ask(
                        queues.queue(n), replyTo -> new QueueEntity.UpdateConfig(config, replyTo)))
                .thenApply(s -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("name", s.name());
                    out.put("config", QueueConfigJson.render(s.config()));
                    return out;
                });
    }

    /** The queue's name if it is configured or has figures; otherwise a 404 (no queue is created by asking). */
    private CompletionStage<String> known(String name) {
        if (queues.settings().queue(name).isPresent()) {
            return CompletableFuture.completedFuture(name);
        }
        return allFigures().thenApply(all -> {
            if (!all.byQueue().containsKey(name)) {
                throw ApiProblem.notFound("name: no queue named " + name);
            }
            return name;
        });
    }

    private CompletionStage<QueueEntity.QueueSnapshot> snapshot(String name) {
        return ask(queues.queue(name), QueueEntity.GetSnapshot::new);
    }

    private CompletionStage<QueueFigures> figures(String name) {
        return ask(queues.statistics(), (org.apache.pekko.actor.typed.ActorRef<QueueFigures> replyTo) ->
                new QueueStatistics.GetFigures(name, replyTo));
    }

    /** The figures over the named window; a window the statistics do not keep is a 400 listing those they do. */
    private CompletionStage<QueueFigures> figures(String name, String window) {
        return this.<QueueStatistics.Command, QueueStatistics.WindowReply>ask(queues.statistics(),
                replyTo -> new QueueStatistics.GetWindowFigures(name, window, replyTo)).thenApply(reply -> {
                    if (reply instanceof QueueStatistics.WindowFigures figures) {
                        return figures.figures();
                    }
                    QueueStatistics.UnknownWindow unknown = (QueueStatistics.UnknownWindow) reply;
                    throw ApiProblem.badRequest("window: no window named " + unknown.window() + "; one of "
                            + String.join(", ", unknown.windows()));
                });
    }

    private CompletionStage<QueueStatistics.AllFigures> allFigures() {
        return ask(queues.statistics(), QueueStatistics.GetAllFigures::new);
    }
}
