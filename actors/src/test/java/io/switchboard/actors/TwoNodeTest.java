package io.switchboard.actors;

import static io.switchboard.actors.support.CallCenterHarness.APP;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.actors.flow.FlowRegistry;
import io.switchboard.actors.flow.Gather;
import io.switchboard.actors.gateway.AriGateway;
import io.switchboard.actors.support.CallCenterHarness;
import io.switchboard.actors.support.ManualClockTimekeeper;
import io.switchboard.actors.time.Timekeeper;
import io.switchboard.simulator.SimConfig;
import io.switchboard.simulator.SimulatedAsterisk;
import io.switchboard.simulator.clock.SimClock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.http.javadsl.Http;
import org.junit.jupiter.api.Test;

/**
 * Two nodes in one JVM on loopback: node A may only run gateways, node B only call entities. A call's
 * events cross from A to B and its commands from B to A, so every message on that path is serialized.
 */
class TwoNodeTest {

    @Test
    void theFlowRunsOnOneNodeWhileTheGatewayRunsOnTheOther() throws Exception {
        SimulatedAsterisk sim = SimulatedAsterisk.start(SimConfig.defaults().withClock(SimClock.manual()));
        String roles = "switchboard.actors { gateway-role = gateway, entity-role = calls }\n";
        ActorTestKit nodeA = ActorTestKit.create("switchboard",
                CallCenterHarness.config(sim, roles + "pekko.cluster.roles = [gateway]"));
        ActorTestKit nodeB = ActorTestKit.create("switchboard",
                CallCenterHarness.config(sim, roles + "pekko.cluster.roles = [calls]"));
        try {
            Cluster a = Cluster.get(nodeA.system());
            a.manager().tell(Join.create(a.selfMember().address()));
            Cluster b = Cluster.get(nodeB.system());
            b.manager().tell(Join.create(a.selfMember().address()));
            TestProbe<Object> probe = nodeB.createTestProbe();
            probe.awaitAssert(Duration.ofSeconds(20), Duration.ofMillis(100), () -> {
                assertEquals(2, b.state().members().size());
                b.state().getMembers().forEach(m -> assertEquals(MemberStatus.up(), m.status()));
                return null;
            });

            CompletableFuture<String> digits = new CompletableFuture<>();
            // only node B knows the flow: if the call's entity ran on A, no flow would run at all
            // both nodes on the simulator's time, as one cluster shares one time
            Timekeeper time = ManualClockTimekeeper.of(sim.manualClock());
            SwitchboardActors.get(nodeA.system()).start(new FlowRegistry(), time);
            SwitchboardActors.get(nodeB.system()).start(new FlowRegistry().register(APP, call -> call.answer()
                    .thenCompose(x -> call.play("sound:hello-world"))
                    .thenCompose(x -> call.gather(Gather.digits(8).terminator("#")))
                    .thenCompose(typed -> call.sayDigits(typed).thenApply(x -> typed))
                    .whenComplete((typed, failure) -> {
                        if (failure != null) {
                            digits.completeExceptionally(failure);
                        } else {
                            digits.complete(typed);
                        }
                    })), time);
            TestProbe<AriGateway.Status> status = nodeB.createTestProbe();
            status.awaitAssert(Duration.ofSeconds(20), Duration.ofMillis(100), () -> {
                SwitchboardActors.get(nodeB.system()).gateway(CallCenterHarness.ASTERISK)
                        .tell(new AriGateway.GetStatus(status.getRef()));
                assertEquals(true, status.receiveMessage(Duration.ofSeconds(3)).connected());
                return null;
            });

            sim.calls().inbound("support", "dtmf-1234", "Alice <2001>");
            for (int i = 0; i < 200 && !digits.isDone(); i++) {
                try {
                    digits.get(50, TimeUnit.MILLISECONDS);
                } catch (TimeoutException notYet) {
                    sim.manualClock().advance(Duration.ofMillis(250));
                }
            }
            assertEquals("1234", digits.get(10, TimeUnit.SECONDS));
        } finally {
            Http.get(nodeA.system()).shutdownAllConnectionPools().toCompletableFuture().get(5, TimeUnit.SECONDS);
            Http.get(nodeB.system()).shutdownAllConnectionPools().toCompletableFuture().get(5, TimeUnit.SECONDS);
            // leaving a two-node cluster can outlast the test kit's default 10 s; that is not this test's concern
            ActorTestKit.shutdown(nodeB.system(), Duration.ofSeconds(30), false);
            ActorTestKit.shutdown(nodeA.system(), Duration.ofSeconds(30), false);
            sim.close();
        }
    }
}
