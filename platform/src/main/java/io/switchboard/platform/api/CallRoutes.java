package io.switchboard.platform.api;

import io.switchboard.actors.SwitchboardActors;
import io.switchboard.actors.channel.ChannelAction;
import io.switchboard.actors.channel.ChannelEntity;
import io.switchboard.actors.channel.Outcome;
import io.switchboard.actors.gateway.AriCommand;
import io.switchboard.actors.gateway.AriGateway;
import io.switchboard.actors.gateway.CommandResult;
import io.switchboard.actors.gateway.EntityIds;
import io.switchboard.actors.settings.AsteriskServer;
import io.switchboard.ari.client.AriClient;
import io.switchboard.ari.model.Channel;
import io.switchboard.ari.rest.AriException;
import io.switchboard.ari.rest.ChannelsApi;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code /api/calls}: the channels of every Asterisk, one channel's state, calling out into a flow, hanging up. */
final class CallRoutes extends ApiDirectives {
    private final Map<String, AriClient> clients = new LinkedHashMap<>();

    CallRoutes(ActorSystem<?> system) {
        super(system);
        for (AsteriskServer server : SwitchboardActors.get(system).settings().servers()) {
            clients.put(server.id(), AriClient.create(system, server.ari()));
        }
    }

    /** One live call leg as the API shows it. */
    record CallView(String asteriskId, String channelId, String name, String state, String callerNumber,
                    String callerName, String connectedNumber, String created) {
        static CallView of(String asteriskId, Channel channel) {
            return new CallView(asteriskId, channel.id(), channel.name(), channel.state(),
                    channel.caller() == null ? null : channel.caller().number(),
                    channel.caller() == null ? null : channel.caller().name(),
                    channel.connected() == null ? null : channel.connected().number(), channel.creationtime());
        }
    }

    record CallDetail(CallView call, boolean inStasis, List<String> args) {
    }

    Route route() {
        return pathPrefix("calls", () -> concat(
                pathEnd(() -> concat(
                        get(() -> respond(list())),
                        post(() -> withJsonObject(body -> respond(StatusCodes.CREATED, originate(
                                OriginateRequest.parse(body, SwitchboardActors.get(system).settings(),
                                        SwitchboardActors.get(system).flows()))))))),
                path(PathMatchers.segment().slash(PathMatchers.segment()), (asteriskId, channelId) -> concat(
                        get(() -> respond(detail(asteriskId, channelId))),
                        delete(() -> respond(hangUp(asteriskId, channelId)))))));
    }

    private CompletionStage<List<CallView>> list() {
        List<CompletableFuture<List<CallView>>> perServer = new ArrayList<>();
        clients.forEach((id, client) -> perServer.add(client.channels().list().send().toCompletableFuture()
                .thenApply(channels -> channels.stream().map(c -> CallView.of(id, c)).toList())));
        return CompletableFuture.allOf(perServer.toArray(CompletableFuture[]::new))
                .thenApply(done -> perServer.stream().flatMap(f -> f.join().stream()).toList());
    }

    /** Rings the endpoint through its Asterisk's gateway; when it answers, the requested flow runs. */
    CompletionStage<CallView> originate(OriginateRequest request) {
        ChannelsApi.OriginateWithIdRequest operation = new ChannelsApi(null)
                .originateWithId(request.channelId(), request.endpoint()).app(request.app())
                .timeout(request.timeoutSeconds());
        if (!request.args().isEmpty()) {
            operation.appArgs(String.join(",", request.args()));
        }
        if (request.callerId() != null) {
            operation.callerId(request.callerId());
        }
        if (!request.variables().isEmpty()) {
            operation.variables(request.variables());
        }
        String call = "call " + request.asteriskId() + "/" + request.channelId() + " to " + request.endpoint();
        SwitchboardActors actors = SwitchboardActors.get(system);
        return AskPattern.<AriGateway.Command, CommandResult>ask(actors.gateway(request.asteriskId()),
                        replyTo -> new AriGateway.Execute(AriCommand.of(operation), replyTo),
                        actors.settings().commandTimeout().plusSeconds(1), system.scheduler())
                .thenApply(result -> {
                    if (result instanceof CommandResult.Succeeded done) {
                        return CallView.of(request.asteriskId(), done.decode(operation.responseType()));
                    }
                    CommandResult.Failed failed = (CommandResult.Failed) result;
                    throw switch (failed.status()) {
                        case 400, 422 -> ApiProblem.badRequest(call + " refused by Asterisk: " + failed.message());
                        case 409 -> ApiProblem.conflict("channelId: Asterisk " + request.asteriskId()
                                + " already has a channel " + request.channelId());
                        default -> new ApiProblem(StatusCodes.BAD_GATEWAY, call + " failed: " + failed.message()
                                + (failed.status() == 500 ? " (does the endpoint exist?)" : ""));
                    };
                });
    }

    private CompletionStage<CallDetail> detail(String asteriskId, String channelId) {
        return channel(asteriskId, channelId).thenCompose(channel -> this.<ChannelEntity.Command, ChannelEntity.Snapshot>ask(
                        entity(asteriskId, channelId), ChannelEntity.GetSnapshot::new)
                .thenApply(snapshot -> new CallDetail(CallView.of(asteriskId, channel), snapshot.inStasis(),
                        snapshot.args() == null ? List.of() : snapshot.args())));
    }

    private CompletionStage<Map<String, Object>> hangUp(String asteriskId, String channelId) {
        return channel(asteriskId, channelId).thenCompose(channel -> this.<ChannelEntity.Command, Outcome>ask(
                        entity(asteriskId, channelId),
                        replyTo -> new ChannelEntity.Perform(new ChannelAction.Hangup("normal"), replyTo))
                .thenApply(outcome -> {
                    if (outcome instanceof Outcome.Failed failed) {
                        throw ApiProblem.conflict("call " + asteriskId + "/" + channelId + " not hung up: "
                                + failed.message());
                    }
                    return Map.<String, Object>of("asteriskId", asteriskId, "channelId", channelId, "hungUp", true);
                }));
    }

    /** The ARI client of {@code asteriskId} (one per Asterisk, shared by the routes); 404 for an unknown one. */
    AriClient client(String asteriskId) {
        AriClient client = clients.get(asteriskId);
        if (client == null) {
            throw ApiProblem.notFound("asteriskId: no Asterisk named " + asteriskId);
        }
        return client;
    }

    /** The channel as Asterisk knows it now; 404 for an unknown Asterisk or channel. */
    private CompletionStage<Channel> channel(String asteriskId, String channelId) {
        AriClient client = clients.get(asteriskId);
        if (client == null) {
            return CompletableFuture.failedFuture(ApiProblem.notFound("asteriskId: no Asterisk named " + asteriskId));
        }
        return client.channels().get(channelId).send().exceptionally(error -> {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof AriException.NotFound) {
                throw ApiProblem.notFound("channelId: no call " + channelId + " on Asterisk " + asteriskId);
            }
            throw error instanceof CompletionException ce ? ce : new CompletionException(error);
        });
    }

    private EntityRef<ChannelEntity.Command> entity(String asteriskId, String channelId) {
        return ClusterSharding.get(system).entityRefFor(ChannelEntity.TYPE_KEY, EntityIds.of(asteriskId, channelId));
    }
}
