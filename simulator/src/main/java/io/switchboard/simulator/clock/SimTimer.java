package io.switchboard.simulator.clock;

/** A scheduled action that can still be cancelled. */
public interface SimTimer {
    void cancel();

    SimTimer NONE = () -> { };
}
