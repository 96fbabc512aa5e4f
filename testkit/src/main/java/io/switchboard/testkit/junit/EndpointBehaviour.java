package io.switchboard.testkit.junit;

import io.switchboard.simulator.SimulatedAsterisk;
import io.switchboard.simulator.phones.PhoneScript;
import java.time.Duration;

/**
 * Scripts a SIP endpoint of the simulator, e.g. {@code sim.endpoint("PJSIP/agent1").answersAfter(Duration.ofSeconds(3))}.
 * Each call replaces the endpoint's script; {@link #thenHangsUpAfter} adds to the last one.
 */
public final class EndpointBehaviour {
    private final SimulatedAsterisk sim;
    private final String endpoint;
    private PhoneScript script = PhoneScript.answer();

    EndpointBehaviour(SimulatedAsterisk sim, String endpoint) {
        this.sim = sim;
        this.endpoint = endpoint;
    }

    /** Rings, then answers after {@code delay} (zero: answers at once without ringing). */
    public EndpointBehaviour answersAfter(Duration delay) {
        return set(delay.isZero() ? PhoneScript.answer() : PhoneScript.answerAfter(delay));
    }

    public EndpointBehaviour neverAnswers() {
        return set(PhoneScript.neverAnswer());
    }

    /** Dial BUSY at once. */
    public EndpointBehaviour isBusy() {
        return set(PhoneScript.busy());
    }

    /** Declines the call: the dial ends with CONGESTION at once. */
    public EndpointBehaviour rejects() {
        return set(PhoneScript.congestion());
    }

    /** After answering, the phone hangs up {@code after} later. */
    public EndpointBehaviour thenHangsUpAfter(Duration after) {
        return set(script.thenHangupAfter(after));
    }

    private EndpointBehaviour set(PhoneScript value) {
        script = value;
        sim.scriptEndpoint(endpoint, value);
        return this;
    }
}
