package io.switchboard.queues.agent;

import com.typesafe.config.Config;
import java.time.Clock;

/**
 * Settings of the agent entities, read once from {@code switchboard.agents}.
 *
 * @param snapshotEvery  a snapshot after this many events, so recovery reads few events
 * @param clock          the time of every timestamp and deadline (tests pass a clock they drive)
 */
public record AgentSettings(int snapshotEvery, Clock clock) {

    public static AgentSettings fromConfig(Config root, Clock clock) {
        return new AgentSettings(root.getInt("switchboard.agents.snapshot-every"), clock);
    }
}
