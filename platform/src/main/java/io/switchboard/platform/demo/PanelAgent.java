package io.switchboard.platform.demo;

import io.switchboard.queues.SwitchboardQueues;
import io.switchboard.queues.agent.AgentEntity;
import io.switchboard.simulator.SimulatedAsterisk;
import io.switchboard.simulator.phones.PhoneScript;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * The wallboard panel's agent: an agent of the demo's support queue whose phone rings until answered by hand from the
 * panel. It starts paused ({@value #PAUSED}), so that it rings only once someone at the panel made it ready.
 */
public final class PanelAgent {
    public static final String PAUSED = "panel";

    private PanelAgent() {
    }

    public static void start(ActorSystem<?> system, SimulatedAsterisk sim, DemoSettings demo) {
        sim.scriptEndpoint(demo.panelAgent(), PhoneScript.neverAnswer());
        SwitchboardQueues queues = SwitchboardQueues.get(system);
        queues.agent(demo.panelAgentId()).tell(new AgentEntity.Login("demo", demo.panelAgent(),
                Map.of("support", 0), Map.of(), system.ignoreRef()));
        queues.agent(demo.panelAgentId()).tell(new AgentEntity.Pause(PAUSED, system.ignoreRef()));
    }
}
