package io.switchboard.examples.runner;

import io.switchboard.actors.flow.FlowRegistry;
import io.switchboard.simulator.SimulatedAsterisk;
import org.apache.pekko.actor.typed.ActorSystem;

/** What an example brings to {@link ExampleRunner}: its flows, and calls that show them off on the simulator. */
@FunctionalInterface
public interface Example {

    /** The flows to run for calls entering {@code app}; {@code system} is the node's, for actors the flows use. */
    FlowRegistry flows(ActorSystem<?> system, String app);

    /** Simulator mode only: places a few scripted calls so that something visibly happens. */
    default void placeDemoCalls(SimulatedAsterisk sim) {
    }
}
