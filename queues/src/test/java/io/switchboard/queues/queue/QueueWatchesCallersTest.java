package io.switchboard.queues.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A queue hears of a waiting caller's hang-up from the caller's channel, whenever the hang-up came. */
class QueueWatchesCallersTest {
    private static final Duration STEP = Duration.ofMillis(250);

    @RegisterExtension
    final QueueHarnessExtension node = new QueueHarnessExtension();

    @Test
    void aCallerWhoHangsUpWhileWaitingLeavesTheQueue() throws Exception {
        QueueHarness harness = node.start("support { }");
        String caller = harness.placeCaller("support");
        harness.runUntil("the caller waits", () -> harness.waitingCallers("support").equals(List.of(caller)),
                STEP, Duration.ofSeconds(30));

        harness.sim().calls().farEndHangup(caller);
        harness.runUntil("the queue forgets the caller", () -> harness.waitingCallers("support").isEmpty(),
                STEP, Duration.ofSeconds(30));
    }

    @Test
    void anEnterThatArrivesAfterTheCallEndedDoesNotKeepTheCallerWaiting() throws Exception {
        QueueHarness harness = node.start("support { }, other { }");
        String caller = harness.placeCaller("support");
        harness.runUntil("the caller waits", () -> harness.waitingCallers("support").equals(List.of(caller)),
                STEP, Duration.ofSeconds(30));
        harness.sim().calls().farEndHangup(caller);
        harness.runUntil("the caller left", () -> harness.waitingCallers("support").isEmpty(),
                STEP, Duration.ofSeconds(30));

        // as if the caller's flow had sent this Enter just before the hang-up and it was delivered late
        TestProbe<QueueEntity.EnterResult> flow = harness.testKit().createTestProbe();
        harness.queues().queue("other").tell(new QueueEntity.Enter(QueueHarness.ASTERISK, caller, 0, Map.of(),
                flow.getRef()));
        QueueEntity.EnterResult result = flow.receiveMessage(Duration.ofSeconds(10));
        assertEquals("ABANDON", ((QueueEntity.Exited) result).reason());
        assertEquals(List.of(), harness.waitingCallers("other"));
    }
}
