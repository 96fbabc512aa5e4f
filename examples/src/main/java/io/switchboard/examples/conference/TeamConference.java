package io.switchboard.examples.conference;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.switchboard.actors.flow.Call;
import io.switchboard.actors.flow.CallFlow;
import io.switchboard.actors.flow.FlowRegistry;
import io.switchboard.actors.time.Timekeeper;
import io.switchboard.conferencing.SwitchboardConferences;
import io.switchboard.conferencing.flow.ConferenceExit;
import io.switchboard.conferencing.flow.JoinOptions;
import io.switchboard.examples.runner.Example;
import io.switchboard.examples.runner.ExampleRunner;
import io.switchboard.simulator.SimulatedAsterisk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import io.switchboard.conferencing.room.RoomChange;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A team's conference line: every caller is asked for the room's PIN (1234 for members, 4321 for the admin). The
 * first member in hears music until a second one arrives; the admin presses 9 to mute everyone else (and 9 again to
 * let them speak), 2 to lock the room; anyone presses 1 to mute or unmute themselves. The stage completes with how
 * the caller's time in the room ended; the call is then hung up.
 */
public final class TeamConference implements CallFlow {
    private static final Logger log = LoggerFactory.getLogger(TeamConference.class);
    static final String ROOM = "team";

    /** The room's profile: PINs, music while alone, and the admin's digits. */
    static final Config PROFILE = ConfigFactory.parseString("""
            switchboard.conferences {
              profiles.team {
                user-pin = "1234"
                admin-pin = "4321"
                music-when-alone = yes
                announce-only-person = no
                menu { "9" = toggle-mute-all }
              }
              rooms.team = team
            }
            """);

    private final SwitchboardConferences conferences;

    public TeamConference(SwitchboardConferences conferences) {
        this.conferences = conferences;
    }

    @Override
    public CompletionStage<ConferenceExit> run(Call call) {
        return call.answer()
                .thenCompose(x -> conferences.join(call, ROOM, JoinOptions.byPin()))
                .thenCompose(exit -> {
                    log.info("{} left room {}: {}", call.callerNumber(), exit.room(), exit.reason());
                    CompletionStage<?> hungUp = call.isEnded() ? CompletableFuture.completedFuture(null)
                            : call.hangup().exceptionally(gone -> null);
                    return hungUp.thenApply(x -> exit);
                });
    }

    /** The example as {@link ExampleRunner} runs it. */
    static Example example() {
        return new Example() {
            @Override
            public Config config() {
                // rooms are event-sourced: the example keeps their journal in memory (a node uses its database)
                return PROFILE.withFallback(ConfigFactory.parseString("""
                        pekko.persistence.journal.plugin = "pekko.persistence.journal.inmem"
                        pekko.persistence.snapshot-store.plugin = "pekko.persistence.snapshot-store.local"
                        pekko.persistence.snapshot-store.local.dir = "%s"
                        """.formatted(snapshotDirectory())));
            }

            @Override
            public void start(ActorSystem<?> system, Timekeeper time) {
                SwitchboardConferences conferences = SwitchboardConferences.get(system).start(time);
                // what happens in the rooms, as it happens, in the log
                ActorRef<RoomChange> printer = system.systemActorOf(Behaviors.receive(RoomChange.class)
                        .onMessage(RoomChange.class, change -> {
                            log.info("room {}: {} {}{}", change.room(), change.kind(),
                                    change.channelId() == null ? "" : change.channelId() + " ", change.on());
                            return Behaviors.same();
                        }).build(), "room-changes", Props.empty());
                conferences.changes().tell(Topic.subscribe(printer));
            }

            @Override
            public FlowRegistry flows(ActorSystem<?> system, String app) {
                return new FlowRegistry().register(app, new TeamConference(SwitchboardConferences.get(system)));
            }

            @Override
            public void placeDemoCalls(SimulatedAsterisk sim) {
                String alice = sim.calls().inboundTo("callcenter", java.util.List.of(), "answer", "Alice <2001>")
                        .channelId();
                sim.calls().pressDigits(alice, Duration.ofSeconds(1), Duration.ofMillis(300), "1234#");
                String bob = sim.calls().inboundTo("callcenter", java.util.List.of(), "answer", "Bob <2002>")
                        .channelId();
                sim.calls().pressDigits(bob, Duration.ofSeconds(6), Duration.ofMillis(300), "1234#");
                String carol = sim.calls().inboundTo("callcenter", java.util.List.of(), "answer", "Carol <2003>")
                        .channelId();
                sim.calls().pressDigits(carol, Duration.ofSeconds(8), Duration.ofMillis(300), "4321#");
                sim.calls().pressDigits(carol, Duration.ofSeconds(12), Duration.ofMillis(300), "9");
            }
        };
    }

    private static String snapshotDirectory() {
        try {
            return Files.createTempDirectory("team-conference-snapshots").toString().replace("\\", "/");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs against the simulator (Alice, Bob, and Carol the admin), or a real Asterisk given by options. */
    public static void main(String[] args) throws InterruptedException {
        ExampleRunner.run(args, example(), Duration.ofSeconds(25));
    }
}
