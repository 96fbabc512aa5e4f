package io.switchboard.platform.demo;

import io.switchboard.simulator.SimulatedAsterisk;
import io.switchboard.simulator.phones.PhoneScript;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Simulated callers arriving at the embedded Asterisk, and simulated agents answering their phones.
 * Most callers stay on the line until the agent ends the conversation; some give up after ten seconds.
 */
public final class DemoTraffic {
    private static final String[] CALLER_BEHAVIOURS = {"talk", "talk", "talk", "talk", "hangup-after-10"};

    private DemoTraffic() {
    }

    public static Cancellable start(ActorSystem<?> system, SimulatedAsterisk sim, DemoSettings demo) {
        Duration every = Duration.ofMillis((long) (60_000 / demo.callsPerMinute()));
        int[] callers = {0};
        return system.scheduler().scheduleAtFixedRate(Duration.ofSeconds(1), every, () -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            // each agent's next conversation lasts between half and one and a half talk-times
            for (String agent : demo.agents()) {
                long talk = (long) (demo.talkTime().toMillis() * (0.5 + random.nextDouble()));
                sim.scriptEndpoint(agent, PhoneScript.answerAfter(demo.agentAnswerAfter())
                        .thenHangupAfter(Duration.ofMillis(talk)));
            }
            int n = ++callers[0];
            String behaviour = CALLER_BEHAVIOURS[random.nextInt(CALLER_BEHAVIOURS.length)];
            sim.calls().inbound("support", behaviour, "Caller " + n + " <" + (5550000 + n) + ">");
        }, system.executionContext());
    }
}
