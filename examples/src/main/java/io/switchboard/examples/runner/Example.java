package io.switchboard.examples.runner;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.switchboard.actors.flow.FlowRegistry;
import io.switchboard.actors.time.Timekeeper;
import io.switchboard.simulator.SimulatedAsterisk;
import org.apache.pekko.actor.typed.ActorSystem;

/** What an example brings to {@link ExampleRunner}: its flows, and calls that show them off on the simulator. */
@FunctionalInterface
public interface Example {

    /** Settings the example's node needs beyond a bare one (its rooms' profiles, a journal); overridable. */
    default Config config() {
        return ConfigFactory.empty();
    }

    /** Starts what the flows use on the node (rooms, queues), on the node's {@code time}; before {@link #flows}. */
    default void start(ActorSystem<?> system, Timekeeper time) {
    }

    /** The flows to run for calls entering {@code app}; {@code system} is the node's, for actors the flows use. */
    FlowRegistry flows(ActorSystem<?> system, String app);

    /** Simulator mode only: places a few scripted calls so that something visibly happens. */
    default void placeDemoCalls(SimulatedAsterisk sim) {
    }
}
