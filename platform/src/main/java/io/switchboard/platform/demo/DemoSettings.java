package io.switchboard.platform.demo;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.List;

/** The embedded demo's settings, read once from {@code switchboard.demo}. */
public record DemoSettings(int ariPort, double callsPerMinute, List<String> agents, Duration agentAnswerAfter,
                           Duration talkTime) {

    public DemoSettings {
        if (callsPerMinute <= 0) {
            throw new IllegalArgumentException("switchboard.demo.calls-per-minute must be positive");
        }
        if (agents.isEmpty()) {
            throw new IllegalArgumentException("switchboard.demo.agents must name at least one endpoint");
        }
        agents = List.copyOf(agents);
    }

    public static DemoSettings fromConfig(Config root) {
        Config demo = root.getConfig("switchboard.demo");
        return new DemoSettings(demo.getInt("ari-port"), demo.getDouble("calls-per-minute"),
                demo.getStringList("agents"), demo.getDuration("agent-answer-after"), demo.getDuration("talk-time"));
    }
}
