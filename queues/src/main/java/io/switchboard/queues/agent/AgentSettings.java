package io.switchboard.queues.agent;

import com.typesafe.config.Config;
import io.switchboard.actors.time.Timekeeper;

/**
 * Settings of the agent entities, read once from {@code switchboard.agents}.
 *
 * @param snapshotEvery  a snapshot after this many events, so recovery reads few events
 * @param timekeeper     the clock of every timestamp and the timers of leases and wrap-up (tests pass time they move)
 */
public record AgentSettings(int snapshotEvery, Timekeeper timekeeper) {

    public static AgentSettings fromConfig(Config root, Timekeeper timekeeper) {
        return new AgentSettings(root.getInt("switchboard.agents.snapshot-every"), timekeeper);
    }
}
