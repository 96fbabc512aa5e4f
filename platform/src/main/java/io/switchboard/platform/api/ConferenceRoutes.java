package io.switchboard.platform.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.actors.SwitchboardActors;
import io.switchboard.actors.gateway.EntityIds;
import io.switchboard.actors.settings.AsteriskServer;
import io.switchboard.conferencing.SwitchboardConferences;
import io.switchboard.conferencing.directory.RoomDirectory;
import io.switchboard.conferencing.flow.ConferenceCallFlow;
import io.switchboard.conferencing.room.RoomEntity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import io.switchboard.ari.rest.AriException;
import java.util.concurrent.CompletionException;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /api/conferences}: the open rooms, opening one with a profile, one room with its members, dialling a party
 * into a room, and an admin's mute, kick, lock and mute-all. A room is named on its Asterisk; {@code asteriskId} (a
 * query parameter, or a field of a body) says which Asterisk when the node drives more than one.
 */
final class ConferenceRoutes extends ApiDirectives {
    private static final Pattern ROOM_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final SwitchboardConferences conferences;
    private final CallRoutes calls;

    ConferenceRoutes(ActorSystem<?> system, CallRoutes calls) {
        super(system);
        this.conferences = SwitchboardConferences.get(system);
        this.calls = calls;
    }

    record RoomSummary(String asteriskId, String room, String profile, boolean locked, int members, int talking) {
    }

    Route route() {
        return pathPrefix("conferences", () -> concat(
                pathEnd(() -> concat(
                        get(() -> respond(list())),
                        post(() -> withJsonObject(body -> respond(StatusCodes.CREATED, open(body)))))),
                pathPrefix(PathMatchers.segment(), room ->
                        parameterOptional("asteriskId", asterisk -> roomRoute(asterisk, room)))));
    }

    private Route roomRoute(Optional<String> asterisk, String room) {
        return concat(
                pathEnd(() -> get(() -> respond(known(asterisk, room).thenCompose(this::view)))),
                pathPrefix("members", () -> concat(
                        pathEnd(() -> post(() -> withJsonObject(body ->
                                respond(StatusCodes.CREATED, invite(asterisk, room, body))))),
                        path(PathMatchers.segment().slash("mute"), member -> post(() ->
                                moderate(asterisk, room, r -> new RoomEntity.SetMute(member, true, r)))),
                        path(PathMatchers.segment().slash("unmute"), member -> post(() ->
                                moderate(asterisk, room, r -> new RoomEntity.SetMute(member, false, r)))),
                        path(PathMatchers.segment().slash("kick"), member -> post(() ->
                                moderate(asterisk, room, r -> new RoomEntity.Kick(member, r)))))),
                path("lock", () -> post(() -> moderate(asterisk, room, r -> new RoomEntity.SetLock(true, r)))),
                path("unlock", () -> post(() -> moderate(asterisk, room, r -> new RoomEntity.SetLock(false, r)))),
                path("mute-all", () -> post(() -> moderate(asterisk, room, r -> new RoomEntity.MuteAll(true, r)))),
                path("unmute-all", () -> post(() ->
                        moderate(asterisk, room, r -> new RoomEntity.MuteAll(false, r)))),
                path(PathMatchers.segment("recording").slash("start"), () -> post(() ->
                        moderate(asterisk, room, RoomEntity.StartRecording::new))),
                path(PathMatchers.segment("recording").slash("stop"), () -> post(() ->
                        moderate(asterisk, room, RoomEntity.StopRecording::new))),
                pathPrefix("recordings", () -> concat(
                        pathEnd(() -> get(() -> respond(recordings(asterisk, room)))),
                        path(PathMatchers.segment().slash("file"), name -> get(() ->
                                onComplete(recordingFile(asterisk, room, name), file -> file.isSuccess()
                                        ? complete(HttpResponse.create().withEntity(HttpEntities.create(
                                                ContentTypes.APPLICATION_OCTET_STREAM, file.get())))
                                        : complete(failure(file.failed().get()))))))));
    }

    record RecordingView(String name, String format) {
    }

    /** The room's stored recordings ({@code conference-<room>-...}) on its Asterisk. */
    private CompletionStage<List<RecordingView>> recordings(Optional<String> asterisk, String room) {
        return known(asterisk, room).thenCompose(id -> calls.client(EntityIds.asteriskId(id)).recordings()
                .listStored().send()).thenApply(stored -> stored.stream()
                .filter(r -> r.name().startsWith(recordingPrefix(room)))
                .map(r -> new RecordingView(r.name(), r.format())).toList());
    }

    /** A stored recording of the room, as Asterisk has it; 404 for another room's or an unknown one. */
    private CompletionStage<byte[]> recordingFile(Optional<String> asterisk, String room, String name) {
        if (!name.startsWith(recordingPrefix(room))) {
            return CompletableFuture.failedFuture(ApiProblem.notFound("name: no recording " + name + " of room "
                    + room));
        }
        return known(asterisk, room).thenCompose(id -> calls.client(EntityIds.asteriskId(id)).recordings()
                .getStoredFile(name).send()).exceptionally(error -> {
                    Throwable cause = error instanceof CompletionException && error.getCause() != null
                            ? error.getCause() : error;
                    if (cause instanceof AriException.NotFound) {
                        throw ApiProblem.notFound("name: no recording " + name + " of room " + room);
                    }
                    throw error instanceof CompletionException c ? c : new CompletionException(error);
                });
    }

    private static String recordingPrefix(String room) {
        return "conference-" + room + "-";
    }

    /** The open rooms and the configured ones, on every Asterisk this node drives. */
    private CompletionStage<List<RoomSummary>> list() {
        return this.<RoomDirectory.Command, RoomDirectory.Rooms>ask(conferences.directory(),
                        RoomDirectory.GetRooms::new).thenCompose(open -> {
                    Set<String> rooms = new LinkedHashSet<>(open.entityIds());
                    for (AsteriskServer server : servers()) {
                        conferences.settings().rooms().keySet()
                                .forEach(room -> rooms.add(RoomEntity.entityId(server.id(), room)));
                    }
                    List<CompletableFuture<Optional<RoomSummary>>> views = new ArrayList<>();
                    for (String id : rooms) {
                        // a room that does not answer in time (restarting on another node) is left out
                        views.add(view(id).thenApply(v -> Optional.of(new RoomSummary(v.asteriskId(), v.room(),
                                v.profile() != null ? v.profile()
                                        : conferences.settings().profileOfRoom(v.room()).name(),
                                v.locked(), v.members().size(),
                                (int) v.members().stream().filter(RoomEntity.MemberView::talking).count())))
                                .exceptionally(noAnswer -> Optional.empty()).toCompletableFuture());
                    }
                    return CompletableFuture.allOf(views.toArray(CompletableFuture[]::new))
                            .thenApply(done -> views.stream().map(CompletableFuture::join).flatMap(Optional::stream)
                                    .toList());
                });
    }

    /** {@code {"room": "sales", "profile": "board", "asteriskId": ...}}: 201 with the room, 409 if open otherwise. */
    private CompletionStage<RoomEntity.RoomView> open(JsonNode body) {
        String room = AgentRoutes.requiredText(body, "room");
        if (!ROOM_NAME.matcher(room).matches()) {
            throw ApiProblem.badRequest("room: 1 to 64 letters, digits, '_' or '-'");
        }
        String profile = body.hasNonNull("profile") ? AgentRoutes.requiredText(body, "profile")
                : conferences.settings().profileOfRoom(room).name();
        if (conferences.settings().profile(profile).isEmpty()) {
            throw ApiProblem.badRequest("profile: no profile named " + profile + "; one of "
                    + conferences.settings().profiles().keySet());
        }
        String asteriskId;
        try {
            asteriskId = server(Optional.ofNullable(body.get("asteriskId")).filter(v -> !v.isNull())
                    .map(JsonNode::asText)).id();
        } catch (ApiProblem unknown) {
            throw ApiProblem.badRequest(unknown.getMessage());
        }
        return this.<RoomEntity.Command, RoomEntity.OpenReply>ask(conferences.room(asteriskId, room),
                replyTo -> new RoomEntity.Open(profile, replyTo)).thenApply(reply -> {
                    if (reply instanceof RoomEntity.OpenedRoom opened) {
                        return opened.room();
                    }
                    throw ApiProblem.conflict("room: " + ((RoomEntity.OpenRefused) reply).message());
                });
    }

    /**
     * Dials {@code endpoint} and, when it answers, puts the call in the room as a member (no PIN asked):
     * {@code {"endpoint": "PJSIP/5551001", "callerId": ..., "timeout": 30}}. 201 with the new call.
     */
    private CompletionStage<CallRoutes.CallView> invite(Optional<String> asterisk, String room, JsonNode body) {
        return known(asterisk, room).thenCompose(entityId -> view(entityId).thenApply(v -> {
            // a party dialled in joins as a member: a locked or full room would turn them away once they answer
            int max = conferences.settings().profile(v.profile() != null ? v.profile()
                    : conferences.settings().profileOfRoom(room).name()).map(p -> p.maxMembers()).orElse(0);
            if (v.locked()) {
                throw ApiProblem.conflict("room: " + room + " is locked");
            }
            if (max > 0 && v.members().size() >= max) {
                throw ApiProblem.conflict("room: " + room + " is full (" + max + " members)");
            }
            return entityId;
        })).thenCompose(entityId -> {
            ObjectNode request = body.deepCopy();
            request.put("asteriskId", EntityIds.asteriskId(entityId));
            request.putArray("args").add(conferences.settings().stasisArg()).add(room)
                    .add(ConferenceCallFlow.INVITED_ARG);
            return calls.originate(OriginateRequest.parse(request, SwitchboardActors.get(system).settings(),
                    SwitchboardActors.get(system).flows()));
        });
    }

    /** 200 with the room afterwards; 404 for an unknown room or member. */
    private Route moderate(Optional<String> asterisk, String room,
                           Function<ActorRef<RoomEntity.ModerationReply>, RoomEntity.Command> command) {
        return respond(known(asterisk, room).thenCompose(id -> this.<RoomEntity.Command, RoomEntity.ModerationReply>ask(
                conferences.room(EntityIds.asteriskId(id), room), command)).thenApply(reply -> {
                    if (reply instanceof RoomEntity.Done done) {
                        return done.room();
                    }
                    if (reply instanceof RoomEntity.NotNow notNow) {
                        throw ApiProblem.conflict(notNow.message());
                    }
                    throw ApiProblem.notFound("channelId: no member " + ((RoomEntity.NoSuchMember) reply).channelId()
                            + " in room " + room);
                }));
    }

    private CompletionStage<RoomEntity.RoomView> view(String entityId) {
        return ask(conferences.room(EntityIds.asteriskId(entityId), EntityIds.ariId(entityId)),
                RoomEntity.GetView::new);
    }

    /** The room's entity id if the room is open or configured; otherwise a 404 (no room is opened by asking). */
    private CompletionStage<String> known(Optional<String> asterisk, String room) {
        String entityId;
        try {
            entityId = RoomEntity.entityId(server(asterisk).id(), room);
        } catch (ApiProblem problem) {
            return CompletableFuture.failedFuture(problem);
        }
        if (conferences.settings().rooms().containsKey(room)) {
            return CompletableFuture.completedFuture(entityId);
        }
        return this.<RoomDirectory.Command, RoomDirectory.Rooms>ask(conferences.directory(),
                        RoomDirectory.GetRooms::new).thenApply(open -> {
                    if (!open.entityIds().contains(entityId)) {
                        throw ApiProblem.notFound("room: no open room named " + room);
                    }
                    return entityId;
                });
    }

    private List<AsteriskServer> servers() {
        return SwitchboardActors.get(system).settings().servers();
    }

    private AsteriskServer server(Optional<String> asteriskId) {
        List<AsteriskServer> servers = servers();
        if (asteriskId.isEmpty()) {
            if (servers.size() != 1) {
                throw ApiProblem.badRequest("asteriskId: required when the node drives more than one Asterisk");
            }
            return servers.get(0);
        }
        return servers.stream().filter(s -> s.id().equals(asteriskId.get())).findFirst()
                .orElseThrow(() -> ApiProblem.notFound("asteriskId: no Asterisk named " + asteriskId.get()));
    }
}
