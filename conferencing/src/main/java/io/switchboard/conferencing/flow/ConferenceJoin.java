package io.switchboard.conferencing.flow;

import io.switchboard.actors.flow.Call;
import io.switchboard.actors.flow.CallEndedException;
import io.switchboard.actors.flow.Gather;
import io.switchboard.actors.flow.Heartbeat;
import io.switchboard.actors.flow.Playback;
import io.switchboard.actors.flow.Recording;
import io.switchboard.conferencing.profile.ConferenceSettings;
import io.switchboard.conferencing.profile.RoomProfile;
import io.switchboard.conferencing.room.Prompts;
import io.switchboard.conferencing.room.RoomEntity;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

/**
 * A call's way into a room and out of it, as ConfBridge leads a caller: the PIN (three tries), the name recorded
 * for the room to announce, the join, what the caller hears on joining (waiting for the leader, how many are in),
 * the time in the room, and what the caller hears on being put out (kicked, the leader has left).
 */
public final class ConferenceJoin {
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration LONGEST_STAY = Duration.ofHours(12);
    private static final int PIN_TRIES = 3;

    private final ActorSystem<?> system;
    private final ConferenceSettings settings;
    private final Heartbeat heartbeat;

    public ConferenceJoin(ActorSystem<?> system, ConferenceSettings settings) {
        this.system = system;
        this.settings = settings;
        this.heartbeat = new Heartbeat(system, settings.memberHeartbeat());
    }

    public CompletionStage<ConferenceExit> join(Call call, String room, JoinOptions options) {
        EntityRef<RoomEntity.Command> entity = ClusterSharding.get(system).entityRefFor(RoomEntity.TYPE_KEY,
                RoomEntity.entityId(call.asteriskId(), room));
        CompletionStage<ConferenceExit> journey = call.resumed()
                ? stay(call, room, entity).thenCompose(exit -> exit.reason() == ConferenceExit.Reason.FAILED
                        ? enter(call, room, entity, options) : CompletableFuture.completedFuture(exit))
                : enter(call, room, entity, options);
        return journey.exceptionally(failure -> {
            if (unwrap(failure) instanceof CallEndedException) {
                return new ConferenceExit(room, ConferenceExit.Reason.HUNG_UP);
            }
            throw failure instanceof CompletionException c ? c : new CompletionException(failure);
        });
    }

    private CompletionStage<ConferenceExit> enter(Call call, String room, EntityRef<RoomEntity.Command> entity,
                                                  JoinOptions options) {
        return entity.<RoomEntity.RoomView>ask(RoomEntity.GetView::new, ASK_TIMEOUT).thenCompose(view -> {
            RoomProfile profile = view.profile() == null ? settings.profileOfRoom(room)
                    : settings.profile(view.profile()).orElseGet(() -> settings.profileOfRoom(room));
            CompletionStage<JoinOptions> role = options.pinDecides() && profile.asksForPin()
                    ? askPin(call, profile, PIN_TRIES) : CompletableFuture.completedFuture(
                    options.pinDecides() ? JoinOptions.asMember() : options);
            return role.thenCompose(who -> who == null
                    ? goodbye(call).thenApply(x -> new ConferenceExit(room, ConferenceExit.Reason.WRONG_PIN))
                    : recordName(call, room, profile).thenCompose(name -> joinAs(call, room, entity, profile, who,
                    name)));
        });
    }

    /** The caller's role by the PIN typed, or null after {@code tries} wrong ones. */
    private CompletionStage<JoinOptions> askPin(Call call, RoomProfile profile, int tries) {
        // the digit that cuts the prompt short is the PIN's first, unless it ends the PIN
        return call.play(Playback.of(Prompts.GET_PIN).interruptibleBy("0123456789*#"))
                .thenCompose(played -> "#".equals(played.digit()) ? CompletableFuture.completedFuture("")
                        : call.gather(Gather.digits(20).terminator("#")
                                .timeouts(Duration.ofSeconds(10), Duration.ofSeconds(5)))
                        .thenApply(rest -> (played.digit() == null ? "" : played.digit()) + rest))
                .thenCompose(pin -> {
                    if (!pin.isEmpty() && pin.equals(profile.adminPin())) {
                        JoinOptions admin = JoinOptions.asAdmin();
                        return CompletableFuture.completedFuture(profile.adminIsMarked() ? admin.andMarked() : admin);
                    }
                    // a room with an admin PIN only lets anyone else in as a member
                    if (!pin.isEmpty() && pin.equals(profile.userPin()) || profile.userPin().isEmpty()) {
                        return CompletableFuture.completedFuture(JoinOptions.asMember());
                    }
                    return call.play(Prompts.INVALID_PIN).thenCompose(x -> tries > 1
                            ? askPin(call, profile, tries - 1) : CompletableFuture.completedFuture(null));
                });
    }

    /** The caller's name, recorded when the room announces members; null when it does not. */
    private CompletionStage<String> recordName(Call call, String room, RoomProfile profile) {
        if (!profile.announceJoinLeave()) {
            return CompletableFuture.completedFuture(null);
        }
        String name = "conference-name-" + room + "-" + call.channelId();
        // a name Asterisk could not record is no reason to stay out: the member joins unannounced
        return call.play(Prompts.SAY_YOUR_NAME)
                .thenCompose(x -> call.record(Recording.named(name).maxDuration(Duration.ofSeconds(5))
                        .maxSilence(Duration.ofSeconds(2))))
                .thenApply(recorded -> name)
                .exceptionally(failure -> {
                    if (unwrap(failure) instanceof CallEndedException ended) {
                        throw new CompletionException(ended);
                    }
                    return null;
                });
    }

    private CompletionStage<ConferenceExit> joinAs(Call call, String room, EntityRef<RoomEntity.Command> entity,
                                                   RoomProfile profile, JoinOptions who, String name) {
        String callerName = call.channel() == null || call.channel().caller() == null ? ""
                : call.channel().caller().name();
        return entity.<RoomEntity.JoinReply>ask(replyTo -> new RoomEntity.Join(call.channelId(), callerName,
                call.callerNumber(), who.admin(), who.marked(), name, replyTo), ASK_TIMEOUT)
                .exceptionally(noAnswer -> new RoomEntity.Refused(RoomEntity.Refused.Refusal.FAILED,
                        "the room did not answer: " + noAnswer))
                .thenCompose(reply -> {
            if (reply instanceof RoomEntity.Refused refused) {
                ConferenceExit.Reason reason = switch (refused.refusal()) {
                    case LOCKED -> ConferenceExit.Reason.LOCKED;
                    case FULL -> ConferenceExit.Reason.FULL;
                    case FAILED -> ConferenceExit.Reason.FAILED;
                };
                CompletionStage<?> told = reason == ConferenceExit.Reason.FAILED
                        ? CompletableFuture.completedFuture(null) : call.play(Prompts.LOCKED);
                return told.thenApply(x -> new ConferenceExit(room, reason));
            }
            RoomEntity.Joined joined = (RoomEntity.Joined) reply;
            // the room hears at once whom to tell: the member may be put out while still being greeted
            CompletionStage<ConferenceExit> stay = stay(call, room, entity);
            greet(call, profile, joined);
            return stay;
        });
    }

    /** What a member hears on joining. */
    private static CompletionStage<?> greet(Call call, RoomProfile profile, RoomEntity.Joined joined) {
        List<String> prompts;
        if (joined.waitingForMarked()) {
            prompts = List.of(Prompts.WAIT_FOR_LEADER);
        } else if (profile.announceCount()) {
            prompts = Prompts.othersIn(joined.othersIn());
        } else if (profile.announceOnlyPerson() && joined.othersIn() == 0) {
            prompts = Prompts.othersIn(0);
        } else {
            prompts = List.of();
        }
        return prompts.isEmpty() ? CompletableFuture.completedFuture(null)
                : call.play(prompts.toArray(new String[0])).exceptionally(failure -> null);
    }

    /**
     * In the room until put out or the call ends. The room is told every member heartbeat, with the same reply,
     * that this flow waits: a room restarted elsewhere meanwhile knows whom to tell. A room that does not know the
     * call answers NOT_IN_ROOM, which ends the stay as FAILED (a resumed flow then enters anew).
     */
    private CompletionStage<ConferenceExit> stay(Call call, String room, EntityRef<RoomEntity.Command> entity) {
        CompletableFuture<ConferenceExit> out = new CompletableFuture<>();
        call.ended().thenRun(() -> out.complete(new ConferenceExit(room, ConferenceExit.Reason.HUNG_UP)));
        Function<ActorRef<RoomEntity.Left>, RoomEntity.Command> await =
                replyTo -> new RoomEntity.AwaitLeaving(call.channelId(), replyTo);
        heartbeat.askAndRepeat(call, entity, await, await, LONGEST_STAY).whenComplete((l, failure) -> {
            if (failure != null && !call.isEnded()) {
                // no word in all that time (the ask timed out): wait on
                stay(call, room, entity).thenAccept(out::complete);
            }
        }).thenAccept(l -> {
            switch (l.reason()) {
                case KICKED -> told(call, Prompts.KICKED)
                        .thenRun(() -> out.complete(new ConferenceExit(room, ConferenceExit.Reason.KICKED)));
                case ENDED -> told(call, Prompts.LEADER_HAS_LEFT)
                        .thenRun(() -> out.complete(new ConferenceExit(room, ConferenceExit.Reason.ENDED)));
                case LEFT -> out.complete(new ConferenceExit(room, ConferenceExit.Reason.LEFT));
                case HUNG_UP -> out.complete(new ConferenceExit(room, ConferenceExit.Reason.HUNG_UP));
                case NOT_IN_ROOM -> out.complete(new ConferenceExit(room, ConferenceExit.Reason.FAILED));
            }
        });
        return out;
    }

    private static CompletionStage<?> told(Call call, String prompt) {
        return call.isEnded() ? CompletableFuture.completedFuture(null)
                : call.play(prompt).exceptionally(failure -> null);
    }

    static CompletionStage<?> goodbye(Call call) {
        return call.isEnded() ? CompletableFuture.completedFuture(null)
                : call.play(Prompts.GOODBYE).exceptionally(failure -> null);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
