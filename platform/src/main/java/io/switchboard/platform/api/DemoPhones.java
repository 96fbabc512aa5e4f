package io.switchboard.platform.api;

import io.switchboard.simulator.control.CallControl;

/**
 * The demo's phones for the wallboard's phone panel: the simulated Asterisk's outside world, and the agent whose
 * phone the panel answers by hand (its id; its phone never answers by itself).
 */
public record DemoPhones(CallControl calls, String panelAgentId) {
}
