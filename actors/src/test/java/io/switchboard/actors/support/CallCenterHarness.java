package io.switchboard.actors.support;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.switchboard.actors.SwitchboardActors;
import io.switchboard.actors.channel.CallEvent;
import io.switchboard.actors.channel.ChannelEntity;
import io.switchboard.actors.flow.FlowRegistry;
import io.switchboard.actors.gateway.AriGateway;
import io.switchboard.actors.gateway.EntityIds;
import io.switchboard.actors.time.Timekeeper;
import io.switchboard.ari.events.AriEvent;
import io.switchboard.simulator.SimConfig;
import io.switchboard.simulator.SimulatedAsterisk;
import io.switchboard.simulator.clock.ManualClock;
import io.switchboard.simulator.clock.SimClock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.http.javadsl.Http;

/**
 * A simulated Asterisk on a manual clock plus a one-node Switchboard cluster driving it, for flow tests. The
 * node's timers run on the same clock: nothing time-driven happens until the test advances it.
 */
public final class CallCenterHarness implements AutoCloseable {
    public static final String ASTERISK = "pbx1";
    public static final String APP = "callcenter";

    private final SimulatedAsterisk sim;
    private final ActorTestKit testKit;

    private CallCenterHarness(SimulatedAsterisk sim, ActorTestKit testKit) {
        this.sim = sim;
        this.testKit = testKit;
    }

    public static CallCenterHarness start(FlowRegistry flows) {
        SimulatedAsterisk sim = SimulatedAsterisk.start(SimConfig.defaults().withClock(SimClock.manual()));
        ActorTestKit testKit = ActorTestKit.create("switchboard-test", config(sim, ""));
        Cluster cluster = Cluster.get(testKit.system());
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
        SwitchboardActors.get(testKit.system()).start(flows, ManualClockTimekeeper.of(sim.manualClock()));
        CallCenterHarness harness = new CallCenterHarness(sim, testKit);
        harness.awaitConnected();
        return harness;
    }

    /** Node config pointing at {@code sim}, with extra HOCON on top. */
    public static Config config(SimulatedAsterisk sim, String extra) {
        return ConfigFactory.parseString(extra + "\n"
                        + "switchboard.asterisk.servers = [{ id = \"" + ASTERISK + "\", base-url = \"" + sim.ariUrl()
                        + "\", username = \"" + sim.user() + "\", password = \"" + sim.password()
                        + "\", apps = [\"" + APP + "\"], request-timeout = 3s,"
                        + " reconnect { min-backoff = 20ms, max-backoff = 200ms } }]\n"
                        + "switchboard.actors.command-timeout = 5s\n"
                        + "switchboard.actors.retry-backoff = 20ms\n")
                .withFallback(ConfigFactory.parseResources("actors-test.conf"))
                .withFallback(ConfigFactory.load())
                .resolve();
    }

    public SimulatedAsterisk sim() {
        return sim;
    }

    public ManualClock clock() {
        return sim.manualClock();
    }

    /** The node's time: the simulator's clock. */
    public Timekeeper timekeeper() {
        return SwitchboardActors.get(system()).timekeeper();
    }

    public ActorTestKit testKit() {
        return testKit;
    }

    public ActorSystem<?> system() {
        return testKit.system();
    }

    public AriGateway.Status gatewayStatus() {
        TestProbe<AriGateway.Status> probe = testKit.createTestProbe();
        SwitchboardActors.get(system()).gateway(ASTERISK).tell(new AriGateway.GetStatus(probe.getRef()));
        return probe.receiveMessage(Duration.ofSeconds(5));
    }

    /** Waits (bounded) until the gateway's event socket is up. */
    public void awaitConnected() {
        TestProbe<AriGateway.Status> probe = testKit.createTestProbe();
        probe.awaitAssert(Duration.ofSeconds(20), Duration.ofMillis(50), () -> {
            SwitchboardActors.get(system()).gateway(ASTERISK).tell(new AriGateway.GetStatus(probe.getRef()));
            AriGateway.Status status = probe.receiveMessage(Duration.ofSeconds(2));
            if (!status.connected()) {
                throw new AssertionError("gateway not connected yet: " + status);
            }
            return status;
        });
    }

    public EntityRef<ChannelEntity.Command> channel(String channelId) {
        return ClusterSharding.get(system()).entityRefFor(ChannelEntity.TYPE_KEY, EntityIds.of(ASTERISK, channelId));
    }

    /** A probe that receives every event of a channel from its entity. */
    public TestProbe<CallEvent> watch(String channelId) {
        TestProbe<CallEvent> probe = testKit.createTestProbe();
        channel(channelId).tell(new ChannelEntity.Subscribe(probe.getRef()));
        return probe;
    }

    /** Waits for the next event of {@code type} on a watched channel, skipping others. */
    @SuppressWarnings("unchecked")
    public static <E extends AriEvent> E expectEvent(TestProbe<CallEvent> probe, Class<E> type, Duration within) {
        CallEvent found = probe.fishForMessage(within, "a " + type.getSimpleName(), event ->
                event instanceof CallEvent.Observed o && type.isInstance(o.event())
                        ? org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.complete()
                        : org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.continueAndIgnore())
                .get(0);
        return (E) ((CallEvent.Observed) found).event();
    }

    public static CallEvent.Ended expectEnded(TestProbe<CallEvent> probe, Duration within) {
        return (CallEvent.Ended) probe.fishForMessage(within, "the call's end", event ->
                event instanceof CallEvent.Ended
                        ? org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.complete()
                        : org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.continueAndIgnore()).get(0);
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
