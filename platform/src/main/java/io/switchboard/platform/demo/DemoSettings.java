package io.switchboard.platform.demo;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.List;

/**
 * The embedded demo's settings, read once from {@code switchboard.demo}.
 *
 * @param panelAgent the phone of the wallboard panel's agent (e.g. {@code PJSIP/panel}), answered by hand only
 * @param conferenceRoom a room the demo keeps {@code conferenceTalkers} simulated members in ("" for none)
 */
public record DemoSettings(int ariPort, double callsPerMinute, List<String> agents, Duration agentAnswerAfter,
                           Duration talkTime, String panelAgent, String conferenceRoom, int conferenceTalkers) {

    public DemoSettings {
        if (callsPerMinute <= 0) {
            throw new IllegalArgumentException("switchboard.demo.calls-per-minute must be positive");
        }
        if (agents.isEmpty()) {
            throw new IllegalArgumentException("switchboard.demo.agents must name at least one endpoint");
        }
        agents = List.copyOf(agents);
        if (panelAgent.indexOf('/') <= 0 || agents.contains(panelAgent)) {
            throw new IllegalArgumentException("switchboard.demo.panel-agent must be an endpoint like PJSIP/panel, "
                    + "not one of the demo agents");
        }
        if (conferenceTalkers < 0) {
            throw new IllegalArgumentException("switchboard.demo.conference-talkers must be 0 or more");
        }
    }

    /** The panel agent's id: its endpoint's resource. */
    public String panelAgentId() {
        return panelAgent.substring(panelAgent.indexOf('/') + 1);
    }

    /** Every phone of the simulated Asterisk: the agents', the panel agent's and the demo caller's. */
    public List<String> endpoints() {
        List<String> endpoints = new java.util.ArrayList<>(agents);
        endpoints.add(panelAgent);
        endpoints.add("PJSIP/caller");
        return endpoints;
    }

    public static DemoSettings fromConfig(Config root) {
        Config demo = root.getConfig("switchboard.demo");
        return new DemoSettings(demo.getInt("ari-port"), demo.getDouble("calls-per-minute"),
                demo.getStringList("agents"), demo.getDuration("agent-answer-after"), demo.getDuration("talk-time"),
                demo.getString("panel-agent"), demo.getString("conference-room"), demo.getInt("conference-talkers"));
    }
}
