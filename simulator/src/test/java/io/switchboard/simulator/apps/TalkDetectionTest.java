package io.switchboard.simulator.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.simulator.SimConfig;
import io.switchboard.simulator.SimulatedAsterisk;
import io.switchboard.simulator.clock.ManualClock;
import io.switchboard.simulator.clock.SimClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * TALK_DETECT and mute as Asterisk 22.10.1's funcs/func_talkdetect.c and res/ari/resource_channels.c have them:
 * talking starts with the first loud frame, ends after the silence threshold with the talk's length in ms, muting
 * inbound stops the detector hearing anything, and the function's writes answer 204 without a ChannelVarset.
 */
class TalkDetectionTest {

    @Test
    void aCallerWhoTalksAndFallsSilentIsReportedStartedThenFinishedWithTheTalksLength() throws Exception {
        ManualClock clock = SimClock.manual();
        try (SimulatedAsterisk sim = SimulatedAsterisk.start(SimConfig.defaults().withClock(clock))) {
            AppClient app = new AppClient(sim);
            AppClient.EventSocket events = app.open("callcenter");
            String channel = answeredChannel(sim, app, events, clock);

            sim.calls().talk(channel, Duration.ofSeconds(1));
            clock.advance(Duration.ofSeconds(2));
            assertEquals(204, app.ari("POST", "channels/" + channel + "/variable?variable=TALK_DETECT(set)&value=1200")
                    .status());
            nothingBefore(app, events, channel, "a talk that ended before detection started is not reported; a "
                    + "function's write raises no ChannelVarset");
            sim.calls().talk(channel, Duration.ofSeconds(3));
            clock.settle();
            JsonNode started = events.next();
            assertEquals("ChannelTalkingStarted", started.path("type").asText(), started.toString());
            clock.advance(Duration.ofSeconds(2));
            sim.calls().talk(channel, Duration.ofSeconds(2));   // still talking: no second start, the silence is reset
            clock.advance(Duration.ofMillis(2000 + 1199));
            nothingBefore(app, events, channel, "1.2 s of silence not reached yet");
            clock.advance(Duration.ofMillis(1));
            JsonNode finished = events.next();
            assertEquals("ChannelTalkingFinished", finished.path("type").asText(), finished.toString());
            assertEquals(4000, finished.path("duration").asInt(), "from the first loud frame to the last");
            assertEquals(channel, finished.path("channel").path("id").asText());
        }
    }

    @Test
    void aMutedCallerIsNotHeardAndItsSilenceCountsOnlyOnceUnmuted() throws Exception {
        ManualClock clock = SimClock.manual();
        try (SimulatedAsterisk sim = SimulatedAsterisk.start(SimConfig.defaults().withClock(clock))) {
            AppClient app = new AppClient(sim);
            AppClient.EventSocket events = app.open("callcenter");
            String channel = answeredChannel(sim, app, events, clock);
            assertEquals(204, app.ari("POST", "channels/" + channel + "/variable?variable=TALK_DETECT(set)&value=")
                    .status());
            assertEquals(400, app.ari("POST", "channels/" + channel + "/mute").status(), "direction is required");
            assertEquals(400, app.ari("POST", "channels/" + channel + "/mute?direction=sideways").status());

            sim.calls().talk(channel, Duration.ofMillis(500));
            clock.settle();
            assertEquals("ChannelTalkingStarted", events.next().path("type").asText());
            assertEquals(204, app.ari("POST", "channels/" + channel + "/mute?direction=in").status());
            clock.advance(Duration.ofSeconds(10));
            nothingBefore(app, events, channel, "muted: no silence is counted");
            sim.calls().talk(channel, Duration.ofSeconds(5));
            clock.advance(Duration.ofSeconds(1));
            nothingBefore(app, events, channel, "muted: no sound is heard");

            assertEquals(204, app.ari("POST", "channels/" + channel + "/mute?direction=out").status());
            assertEquals("both", sim.media(channel).muted());
            assertEquals(204, app.ari("DELETE", "channels/" + channel + "/mute?direction=in").status());
            assertEquals("out", sim.media(channel).muted(), "unmuting inbound leaves outbound muted");
            clock.advance(Duration.ofMillis(4000 + 2499));
            nothingBefore(app, events, channel, "unmuted, the sound still going on is heard");
            clock.advance(Duration.ofMillis(1));
            JsonNode finished = events.next();
            assertEquals("ChannelTalkingFinished", finished.path("type").asText(), finished.toString());
            assertEquals(15_000, finished.path("duration").asInt(), "from the first sound to the end of the last");

            assertEquals(204, app.ari("POST", "channels/" + channel + "/variable?variable=TALK_DETECT(remove)")
                    .status());
            sim.calls().talk(channel, Duration.ofSeconds(1));
            clock.advance(Duration.ofSeconds(5));
            nothingBefore(app, events, channel, "removed: nothing is reported");
        }
    }

    private static int marks;

    /** Sets a variable and expects its ChannelVarset as the next frame: nothing else came before it. */
    private static void nothingBefore(AppClient app, AppClient.EventSocket events, String channel, String why)
            throws Exception {
        String mark = "m" + (++marks);
        assertEquals(204, app.ari("POST", "channels/" + channel + "/variable?variable=MARK&value=" + mark).status());
        JsonNode next = events.next();
        assertEquals("ChannelVarset", next.path("type").asText(), why + ": " + next);
        assertEquals(mark, next.path("value").asText(), why + ": " + next);
    }

    private static String answeredChannel(SimulatedAsterisk sim, AppClient app, AppClient.EventSocket events,
                                          ManualClock clock) throws Exception {
        String channel = sim.calls().inboundTo("callcenter", List.of("room"), "answer", "Ann <5551001>").channelId();
        clock.settle();
        events.until("StasisStart", channel);
        assertEquals(204, app.ari("POST", "channels/" + channel + "/answer").status());
        clock.settle();
        String mark = "ready";
        assertEquals(204, app.ari("POST", "channels/" + channel + "/variable?variable=MARK&value=" + mark).status());
        for (JsonNode frame = events.next(); !mark.equals(frame.path("value").asText()); frame = events.next()) {
            // the answer's events
        }
        return channel;
    }
}
