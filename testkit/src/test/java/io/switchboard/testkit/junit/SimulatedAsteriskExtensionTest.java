package io.switchboard.testkit.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.ari.events.CallBroadcast;
import io.switchboard.ari.events.ChannelDestroyed;
import io.switchboard.ari.events.ChannelDtmfReceived;
import io.switchboard.ari.events.Dial;
import io.switchboard.ari.events.StasisStart;
import io.switchboard.simulator.control.CallControl.InboundCall;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Flow tests written the way users of the kit write them: REST in, events expected per channel. */
class SimulatedAsteriskExtensionTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    final SimulatedAsteriskExtension sim = SimulatedAsteriskExtension.manualClock();

    @Test
    void inboundCallerIsAnsweredHearsAPromptPressesDigitsAndHangsUp() throws Exception {
        try (AppSocket app = AppSocket.open(sim, "ivr")) {
            InboundCall call = sim.inboundCall("ivr", "answer", "Alice <5551001>", "sales", "vip");
            StasisStart start = sim.expectEvent(call.channelId(), StasisStart.class, WAIT);
            assertEquals(List.of("sales", "vip"), start.args());
            assertEquals("5551001", start.channel().caller().number());

            assertEquals(204, rest("POST", "/channels/" + call.channelId() + "/answer"));
            assertEquals(201, rest("POST", "/channels/" + call.channelId() + "/play?media=sound:hello-world&playbackId=pb-1"));
            sim.expectEvent(call.channelId(), "PlaybackStarted", WAIT);
            sim.advance(Duration.ofSeconds(3));
            sim.expectEvent("playback:pb-1", "PlaybackFinished", WAIT);

            sim.pressDigits(call.channelId(), Duration.ofSeconds(1), Duration.ofMillis(300), "42");
            sim.advance(Duration.ofSeconds(2));
            assertEquals("4", sim.expectEvent(call.channelId(), ChannelDtmfReceived.class, WAIT).digit());
            assertEquals("2", sim.expectEvent(call.channelId(), ChannelDtmfReceived.class, WAIT).digit());

            sim.hangUp(call.phoneChannelId());
            sim.expectEvent(call.channelId(), "StasisEnd", WAIT);
            assertEquals(0, sim.sim().counts().channels());
        }
    }

    @Test
    void agentPhonesAnswerLateRejectAreBusyOrNeverAnswer() throws Exception {
        try (AppSocket app = AppSocket.open(sim, "callcenter")) {
            sim.endpoint("PJSIP/agent1").answersAfter(Duration.ofSeconds(4)).thenHangsUpAfter(Duration.ofSeconds(10));
            sim.endpoint("PJSIP/agent2").isBusy();
            sim.endpoint("PJSIP/agent3").rejects();
            assertEquals("ANSWER", dialAndAdvance("a1", "PJSIP/agent1", Duration.ofSeconds(4)));
            sim.advance(Duration.ofSeconds(10));
            assertEquals(16, sim.expectEvent("a1", ChannelDestroyed.class, WAIT).cause());
            assertEquals("BUSY", dialAndAdvance("a2", "PJSIP/agent2", Duration.ZERO));
            assertEquals("CONGESTION", dialAndAdvance("a3", "PJSIP/agent3", Duration.ZERO));

            sim.endpoint("PJSIP/agent1").neverAnswers();
            assertEquals(200, rest("POST", "/channels/create?endpoint=PJSIP/agent1&app=callcenter&channelId=a4"));
            sim.expectEvent("a4", "StasisStart", WAIT);
            assertEquals(204, rest("POST", "/channels/a4/dial?timeout=15"));
            sim.advance(Duration.ofSeconds(15));
            assertEquals(19, sim.expectEvent("a4", ChannelDestroyed.class, WAIT).cause());
            assertFalse(sim.eventTypes("a4").contains("Up"));
        }
    }

    @Test
    void broadcastCallGoesToTheFirstClaimerAndUnclaimedOnesToCallcenter() throws Exception {
        try (AppSocket app = AppSocket.open(sim, "callcenter"); AppSocket other = AppSocket.open(sim, "agent-desk")) {
            InboundCall claimed = sim.broadcastCall("support", "answer", "Bob <5552002>");
            CallBroadcast offer = sim.expectEvent(claimed.channelId(), CallBroadcast.class, WAIT);
            assertEquals("support", offer.called());
            assertEquals(204, rest("POST", "/events/claim?channelId=" + claimed.channelId() + "&application=agent-desk"));
            assertEquals(409, rest("POST", "/events/claim?channelId=" + claimed.channelId() + "&application=callcenter"));
            sim.expectEvent(claimed.channelId(), "CallClaimed", WAIT);
            assertEquals("agent-desk", sim.expectEvent(claimed.channelId(), StasisStart.class, WAIT).application());

            InboundCall unclaimed = sim.broadcastCall("sales", "answer", "Carol <5553003>");
            sim.expectEvent(unclaimed.channelId(), "CallBroadcast", WAIT);
            sim.advance(Duration.ofSeconds(3));
            StasisStart start = sim.expectEvent(unclaimed.channelId(), StasisStart.class, WAIT);
            assertEquals("callcenter", start.application());
            assertEquals(List.of("unclaimed"), start.args());
            assertEquals(404, rest("POST", "/events/claim?channelId=" + unclaimed.channelId() + "&application=callcenter"));
        }
    }

    @Test
    void holdRaisesEventsAndMohSilenceShowInTheChannelsMedia() throws Exception {
        try (AppSocket app = AppSocket.open(sim, "callcenter")) {
            InboundCall call = sim.inboundCall("callcenter", "answer", "Dan <1>", "support");
            sim.expectEvent(call.channelId(), "StasisStart", WAIT);
            assertEquals(204, rest("POST", "/channels/" + call.channelId() + "/hold"));
            sim.expectEvent(call.channelId(), "ChannelHold", WAIT);
            assertEquals(204, rest("DELETE", "/channels/" + call.channelId() + "/hold"));
            sim.expectEvent(call.channelId(), "ChannelUnhold", WAIT);
            assertEquals(204, rest("POST", "/channels/" + call.channelId() + "/moh?mohClass=jazz"));
            assertEquals("jazz", sim.sim().media(call.channelId()).mohClass());
            assertEquals(204, rest("POST", "/channels/" + call.channelId() + "/silence"));
            assertTrue(sim.sim().media(call.channelId()).silence());
            assertEquals(409, rest("POST", "/channels/" + call.phoneChannelId() + "/hold"));
        }
    }

    @Test
    void expectEventFailsAfterItsBoundWithWhatItSaw() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> sim.expectEvent("nobody", "StasisStart", Duration.ofMillis(50)));
        assertTrue(e.getMessage().contains("no StasisStart for nobody"), e.getMessage());
    }

    private String dialAndAdvance(String id, String endpoint, Duration ring) throws Exception {
        assertEquals(200, rest("POST", "/channels/create?endpoint=" + endpoint + "&app=callcenter&channelId=" + id));
        sim.expectEvent(id, "StasisStart", WAIT);
        assertEquals(204, rest("POST", "/channels/" + id + "/dial?timeout=30"));
        sim.advance(ring);
        Dial dial;
        do {
            dial = sim.expectEvent(id, Dial.class, WAIT);
        } while (dial.dialstatus().isEmpty() || dial.dialstatus().equals("RINGING"));
        if (!"ANSWER".equals(dial.dialstatus())) {
            // a SIP leg refused by the phone is hung up at once
            sim.expectEvent(id, "ChannelDestroyed", WAIT);
        }
        return dial.dialstatus();
    }

    private int rest(String method, String pathAndQuery) throws Exception {
        return sim.rest(method, pathAndQuery).statusCode();
    }
}
