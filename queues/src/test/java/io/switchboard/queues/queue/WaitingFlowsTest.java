package io.switchboard.queues.queue;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.queues.queue.QueueEntity.EnterResult;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The flows a queue keeps in memory after a recovery are those of the callers its journal says are waiting. */
class WaitingFlowsTest {
    private static final ActorTestKit testKit = ActorTestKit.create("waiting-flows");

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
    }

    @Test
    void aFlowLearnedForACallerWhoseJoinWasNeverJournaledIsDroppedAtRecovery() {
        WaitingFlows flows = new WaitingFlows();
        TestProbe<EnterResult> waiting = testKit.createTestProbe();
        TestProbe<EnterResult> neverJoined = testKit.createTestProbe();
        flows.learn("ast/waiting", waiting.getRef());
        flows.learn("ast/never-joined", neverJoined.getRef());

        flows.keepOnly(Set.of("ast/waiting"));

        assertTrue(flows.isCurrent("ast/waiting", waiting.getRef()));
        assertFalse(flows.isCurrent("ast/never-joined", neverJoined.getRef()));
    }
}
