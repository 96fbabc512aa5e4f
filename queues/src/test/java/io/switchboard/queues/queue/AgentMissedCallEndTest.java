package io.switchboard.queues.queue;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.queues.agent.AgentEntity;
import io.switchboard.queues.agent.AgentState;
import io.switchboard.queues.agent.AgentStatus;
import io.switchboard.simulator.phones.PhoneScript;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The queue's word that a call is over travels once, through sharding, and is lost when the agent's entity dies with
 * its node before it persisted it (NodeLossIT saw an agent left ON_CALL so). The agent's entity, started again
 * elsewhere, tells the queue what it is busy with; a queue that no longer offers or connects that caller ends it
 * for the agent.
 */
class AgentMissedCallEndTest {
    private static final String QUEUE = "support { ring-timeout = 10s, wrap-up = 30s }";

    @RegisterExtension
    final QueueHarnessExtension node = new QueueHarnessExtension();

    @Test
    void anAgentBusyWithACallerTheQueueNoLongerHasIsFreed() throws Exception {
        QueueHarness harness = node.start(QUEUE);
        harness.login("agent1", Map.of("support", 0), Map.of());
        TestProbe<AgentEntity.ReserveReply> reserved = harness.testKit().createTestProbe();
        var agent = harness.queues().agent("agent1");
        // what the agent's journal says of a call whose end it never heard: reserved, rung and answered for a
        // caller that support has no offer or conversation for
        agent.tell(new AgentEntity.Reserve("support", "sim/long-gone", Duration.ofMinutes(5), reserved.getRef()));
        agent.tell(new AgentEntity.Ringing("support", "sim/long-gone"));
        agent.tell(new AgentEntity.Answered("support", "sim/long-gone"));
        reserved.expectMessageClass(AgentEntity.ReserveReply.Reserved.class, Duration.ofSeconds(10));

        // time stands still: neither the lease (5 min) nor a wrap-up (30 s) can end it, only the queue
        harness.await("agent1 no longer busy with sim/long-gone", () -> harness.agentStatus("agent1").busyWith() == null);
        AgentStatus status = harness.agentStatus("agent1");
        // ON_CALL when the queue's word arrived: wrap-up; still reserved or ringing: free at once
        assertTrue(EnumSet.of(AgentState.WRAP_UP, AgentState.AVAILABLE).contains(status.state()), status.toString());
        harness.advance(Duration.ofSeconds(30));
        harness.await("agent1 available", () -> harness.agentStatus("agent1").state() == AgentState.AVAILABLE);
    }

    @Test
    void anAgentOfferedACallerByAQueueThatRestartedIsReleased() throws Exception {
        QueueHarness harness = node.start(QUEUE);
        harness.login("agent1", Map.of("support", 0), Map.of());
        // the agent's phone rings on and on (and time stands still): only the queue can end the offer
        harness.sim().scriptEndpoint("PJSIP/agent1", PhoneScript.neverAnswer());
        String caller = harness.placeCaller("support");
        harness.await("agent1 rung for the caller", () -> {
            AgentStatus s = harness.agentStatus("agent1");
            return s.state() == AgentState.RINGING && s.busyWith().endsWith("/" + caller);
        });

        // the offer in flight lived in the queue's memory only
        harness.loseEntity("Queue", "support");
        harness.snapshot("support");
        // (the caller, held until their flow's next heartbeat on the standing time, is not offered again meanwhile)
        harness.await("agent1 released by the restarted queue", () -> harness.agentStatus("agent1").busyWith() == null);
        // the lost offer's dial is hung up too, so the phone stops ringing: only the caller's two channels are left
        // (their phone's and the one in Stasis), where agent1's leg made three
        harness.await("agent1's phone no longer rung", () -> harness.sim().counts().channels() == 2);
        // time stands still, so no wrap-up (30 s) can have ended: freed without one, once the phone is idle again
        harness.await("agent1 available", () -> harness.agentStatus("agent1").state() == AgentState.AVAILABLE);
    }
}
