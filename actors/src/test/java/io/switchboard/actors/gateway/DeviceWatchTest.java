package io.switchboard.actors.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.actors.SwitchboardActors;
import io.switchboard.actors.flow.FlowRegistry;
import io.switchboard.actors.support.CallCenterHarness;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A watched device's state reaches its watcher: read at once, on every change, and again after a reconnect. */
class DeviceWatchTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private CallCenterHarness harness;

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void watchedPhoneStatesArriveAndAreReadAgainAfterAReconnect() {
        harness = CallCenterHarness.start(new FlowRegistry());
        ActorRef<AriGateway.Command> gateway = SwitchboardActors.get(harness.system()).gateway(CallCenterHarness.ASTERISK);
        TestProbe<AriGateway.DeviceStateSeen> watcher = harness.testKit().createTestProbe();
        gateway.tell(new AriGateway.WatchDevice("PJSIP/agent1", watcher.getRef()));
        assertEquals(seen("NOT_INUSE"), watcher.receiveMessage(WAIT));

        String personal = harness.sim().calls().outsideCall("PJSIP/agent1", true);
        assertEquals(seen("RINGING"), watcher.receiveMessage(WAIT));
        assertEquals(seen("INUSE"), watcher.receiveMessage(WAIT));

        // the phone is freed while nobody hears Asterisk: the state is read again on reconnect
        harness.sim().dropEventSockets();
        TestProbe<Object> probe = harness.testKit().createTestProbe();
        probe.awaitAssert(WAIT, Duration.ofMillis(20), () -> {
            assertTrue(!harness.gatewayStatus().connected(), "gateway still connected");
            return null;
        });
        harness.sim().calls().farEndHangup(personal);
        harness.sim().restoreEventSockets();
        harness.awaitConnected();
        assertEquals(seen("NOT_INUSE"), watcher.receiveMessage(WAIT));

        // and the new socket's application is subscribed again
        String another = harness.sim().calls().outsideCall("PJSIP/agent1", false);
        assertEquals(seen("RINGING"), watcher.receiveMessage(WAIT));

        // once unwatched, agent1's phone going on-hook reaches nobody: the same watcher now follows agent2, and
        // the gateway tells it in socket order, so agent1's change would come before agent2's later ringing
        gateway.tell(new AriGateway.UnwatchDevice("PJSIP/agent1"));
        gateway.tell(new AriGateway.WatchDevice("PJSIP/agent2", watcher.getRef()));
        assertEquals(seen("PJSIP/agent2", "NOT_INUSE"), watcher.receiveMessage(WAIT));
        harness.sim().calls().farEndHangup(another);
        harness.sim().calls().outsideCall("PJSIP/agent2", true);
        assertEquals(seen("PJSIP/agent2", "RINGING"), watcher.receiveMessage(WAIT));
    }

    private static AriGateway.DeviceStateSeen seen(String state) {
        return seen("PJSIP/agent1", state);
    }

    private static AriGateway.DeviceStateSeen seen(String device, String state) {
        return new AriGateway.DeviceStateSeen(CallCenterHarness.ASTERISK, device, state);
    }
}
