package io.switchboard.testkit.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.switchboard.ari.events.Dial;
import io.switchboard.simulator.control.CallControl;
import io.switchboard.simulator.state.AriError;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A dialled phone that never answers by itself is picked up and hung up by hand, as the wallboard's agent does. */
class PhoneAnsweredByHandTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    final SimulatedAsteriskExtension sim = SimulatedAsteriskExtension.manualClock();

    @Test
    void aRingingPhoneIsAnsweredThenHungUpByHand() throws Exception {
        CallControl phones = sim.sim().calls();
        sim.endpoint("PJSIP/agent1").neverAnswers();
        try (var app = AppSocket.open(sim, "callcenter")) {
            assertEquals(200, rest("POST", "/channels/create?endpoint=PJSIP/agent1&app=callcenter&channelId=a-1"));
            sim.expectEvent("a-1", "StasisStart", WAIT);
            AriError idle = assertThrows(AriError.class, () -> phones.answerPhone("PJSIP/agent1"));
            assertEquals(409, idle.status());
            assertEquals(204, rest("POST", "/channels/a-1/dial?timeout=30"));
            assertEquals("", sim.expectEvent("a-1", Dial.class, WAIT).dialstatus());
            assertEquals("RINGING", sim.expectEvent("a-1", Dial.class, WAIT).dialstatus());

            assertEquals("a-1", phones.answerPhone("PJSIP/agent1"));
            assertEquals("ANSWER", sim.expectEvent("a-1", Dial.class, WAIT).dialstatus());
            assertEquals(409, assertThrows(AriError.class, () -> phones.answerPhone("PJSIP/agent1")).status());

            assertEquals("a-1", phones.hangupPhone("PJSIP/agent1"));
            sim.expectEvent("a-1", "ChannelDestroyed", WAIT);
            assertEquals(409, assertThrows(AriError.class, () -> phones.hangupPhone("PJSIP/agent1")).status());
        }
        assertEquals(404, assertThrows(AriError.class, () -> phones.answerPhone("PJSIP/nobody")).status());
        assertEquals(404, assertThrows(AriError.class, () -> phones.hangupPhone("PJSIP/nobody")).status());
    }

    private int rest(String method, String pathAndQuery) throws Exception {
        return sim.rest(method, pathAndQuery).statusCode();
    }
}
