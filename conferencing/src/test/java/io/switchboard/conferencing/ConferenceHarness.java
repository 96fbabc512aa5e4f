package io.switchboard.conferencing;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.switchboard.actors.SwitchboardActors;
import io.switchboard.actors.flow.FlowRegistry;
import io.switchboard.actors.gateway.AriGateway;
import io.switchboard.ari.events.AriEvent;
import io.switchboard.ari.events.PlaybackStarted;
import io.switchboard.ari.model.Playback;
import io.switchboard.conferencing.room.RoomChange;
import io.switchboard.conferencing.room.RoomEntity;
import io.switchboard.simulator.SimConfig;
import io.switchboard.simulator.SimulatedAsterisk;
import io.switchboard.simulator.clock.SimClock;
import io.switchboard.testkit.cluster.EntityLoss;
import io.switchboard.testkit.time.TestTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;

/**
 * A simulated Asterisk on a manual clock and one Switchboard node with conference rooms driving it, on Pekko's
 * in-memory journal. Calls enter with {@code Stasis(callcenter, conference, <room>)}; {@code flows} may add routes.
 */
final class ConferenceHarness implements AutoCloseable {
    static final String ASTERISK = "pbx1";

    private final SimulatedAsterisk sim;
    private final ActorTestKit testKit;
    private final TestTime time;
    /** Every media as the simulator started it (a PlaybackStarted for each media of a list): what, to whom. */
    private final List<Playback> playbacks = Collections.synchronizedList(new ArrayList<>());
    private final TestProbe<RoomChange> changes;

    private ConferenceHarness(SimulatedAsterisk sim, ActorTestKit testKit, TestTime time) {
        this.sim = sim;
        this.testKit = testKit;
        this.time = time;
        this.changes = testKit.createTestProbe();
    }

    /** {@code profiles}: HOCON of {@code switchboard.conferences.profiles}; {@code rooms}: of its rooms. */
    static ConferenceHarness start(String profiles, String rooms, Consumer<FlowRegistry> flows) {
        SimulatedAsterisk sim = SimulatedAsterisk.start(SimConfig.defaults().withClock(SimClock.manual()));
        TestTime time = TestTime.of(sim);
        Config config = ConfigFactory.parseString(
                        "switchboard.conferences.profiles {" + profiles + "}\n"
                        + "switchboard.conferences.rooms {" + rooms + "}\n"
                        + "switchboard.asterisk.servers = [{ id = \"" + ASTERISK + "\", base-url = \"" + sim.ariUrl()
                        + "\", username = \"" + sim.user() + "\", password = \"" + sim.password()
                        + "\", apps = [\"callcenter\"], reconnect { min-backoff = 20ms, max-backoff = 200ms } }]\n")
                .withFallback(ConfigFactory.parseResources("conferencing-test.conf"))
                .withFallback(PersistenceTestKitPlugin.getInstance().config())
                .withFallback(PersistenceTestKitSnapshotPlugin.config())
                .withFallback(ConfigFactory.load()).resolve();
        ActorTestKit testKit = ActorTestKit.create("conferencing-test", config);
        Cluster cluster = Cluster.get(testKit.system());
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
        SwitchboardConferences conferences = SwitchboardConferences.get(testKit.system()).start(time.timekeeper());
        FlowRegistry registry = conferences.addFlows(new FlowRegistry(), "callcenter");
        flows.accept(registry);
        SwitchboardActors.get(testKit.system()).start(registry, time.timekeeper());
        ConferenceHarness harness = new ConferenceHarness(sim, testKit, time);
        sim.tapEvents(harness::tap);
        conferences.changes().tell(Topic.subscribe(harness.changes.getRef()));
        harness.awaitConnected();
        return harness;
    }

    private void tap(AriEvent event) {
        if (Boolean.getBoolean("debugEvents")) {
            System.out.println("EVENT " + event);
        }
        if (event instanceof PlaybackStarted started) {
            playbacks.add(started.playback());
        }
    }

    SimulatedAsterisk sim() {
        return sim;
    }

    ActorTestKit testKit() {
        return testKit;
    }

    TestProbe<RoomChange> changes() {
        return changes;
    }

    void advance(Duration amount) {
        time.advance(amount);
    }

    /** A caller into {@code Stasis(callcenter, conference, room)}; answers the caller's channel id. */
    String call(String room, String callerId) {
        return sim.calls().inboundTo("callcenter", List.of("conference", room), "answer", callerId).channelId();
    }

    RoomEntity.RoomView view(String room) {
        TestProbe<RoomEntity.RoomView> probe = testKit.createTestProbe();
        SwitchboardConferences.get(testKit.system()).room(ASTERISK, room).tell(new RoomEntity.GetView(probe.getRef()));
        return probe.receiveMessage(Duration.ofSeconds(10));
    }

    List<String> members(String room) {
        return view(room).members().stream().map(RoomEntity.MemberView::channelId).toList();
    }

    /** The media played to {@code target} ("channel:<id>" or "bridge:<id>") so far, in order. */
    List<String> playedTo(String target) {
        synchronized (playbacks) {
            return playbacks.stream().filter(p -> target.equals(p.targetUri())).map(Playback::mediaUri).toList();
        }
    }

    /** Moves time in steps of {@code step} until {@code done}, at most {@code max} of it (and 30 s of real time). */
    void runUntil(String what, BooleanSupplier done, Duration step, Duration max) throws InterruptedException {
        time.advanceUntil(what, done, step, max);
    }

    void loseRoom(String room) throws Exception {
        EntityLoss.lose(testKit.system(), RoomEntity.TYPE_KEY.name(), RoomEntity.entityId(ASTERISK, room));
    }

    private void awaitConnected() {
        TestProbe<AriGateway.Status> probe = testKit.createTestProbe();
        probe.awaitAssert(Duration.ofSeconds(20), Duration.ofMillis(50), () -> {
            SwitchboardActors.get(testKit.system()).gateway(ASTERISK).tell(new AriGateway.GetStatus(probe.getRef()));
            if (!probe.receiveMessage(Duration.ofSeconds(2)).connected()) {
                throw new AssertionError("gateway not connected");
            }
            return null;
        });
    }

    @Override
    public void close() {
        try {
            Http.get(testKit.system()).shutdownAllConnectionPools().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // shutting down anyway
        }
        ActorTestKit.shutdown(testKit.system(), Duration.ofSeconds(30), false);
        sim.close();
    }
}
