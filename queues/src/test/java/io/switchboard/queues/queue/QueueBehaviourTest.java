package io.switchboard.queues.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.queues.agent.AgentState;
import io.switchboard.queues.agent.AgentStatus;
import io.switchboard.testkit.phones.PhoneScript;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Queue behaviour end to end: simulated callers and agent phones, real queue and agent entities. */
class QueueBehaviourTest {
    private static final Duration STEP = Duration.ofMillis(250);
    private QueueHarness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private String caller(String queue, String... options) {
        List<String> args = new ArrayList<>(List.of(queue));
        args.addAll(List.of(options));
        return harness.sim().calls().inboundTo("callcenter", args, "talk", "Caller <5551000>").channelId();
    }

    private String agentServing(String callerChannelId) {
        for (String agent : List.of("agent1", "agent2", "agent3")) {
            AgentStatus status = harness.agentStatus(agent);
            if (status.busyWith() != null && status.busyWith().endsWith("/" + callerChannelId)
                    && status.state() == AgentState.ON_CALL) {
                return agent;
            }
        }
        return null;
    }

    private boolean allAvailable() {
        return List.of("agent1", "agent2", "agent3").stream()
                .allMatch(a -> harness.agentStatus(a).state() == AgentState.AVAILABLE);
    }

    @Test
    void rrmemoryOffersAgentsInRotationAcrossCalls() throws Exception {
        harness = QueueHarness.start("support { strategy = rrmemory, ring-timeout = 10s, wrap-up = 0s }");
        for (String agent : List.of("agent1", "agent2", "agent3")) {
            harness.sim().scriptEndpoint("PJSIP/" + agent, PhoneScript.answerAfter(Duration.ofSeconds(1))
                    .thenHangupAfter(Duration.ofSeconds(2)));
            harness.login(agent, Map.of("support", 0), Map.of());
        }
        List<String> servedBy = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String caller = caller("support");
            String[] agent = new String[1];
            harness.runUntil("caller " + caller + " connected", () -> (agent[0] = agentServing(caller)) != null,
                    STEP, Duration.ofSeconds(10));
            servedBy.add(agent[0]);
            harness.runUntil("the conversation ended", this::allAvailable, STEP, Duration.ofSeconds(10));
        }
        assertEquals(List.of("agent1", "agent2", "agent3", "agent1"), servedBy);
    }
}
