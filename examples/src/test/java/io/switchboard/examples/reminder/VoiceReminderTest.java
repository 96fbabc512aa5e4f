package io.switchboard.examples.reminder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.actors.flow.FlowRegistry;
import io.switchboard.ari.events.PlaybackStarted;
import io.switchboard.ari.events.RecordingFinished;
import io.switchboard.ari.events.RecordingStarted;
import io.switchboard.ari.events.StasisEnd;
import io.switchboard.ari.events.StasisStart;
import io.switchboard.examples.support.FlowReports;
import io.switchboard.examples.support.SimulatedCallCenter;
import io.switchboard.simulator.phones.PhoneScript;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A SIP caller asks for a reminder in 3 s and records one; it is called back and hears it. One typed second
 * lasts {@link #SECOND} here (the reminder timer is a Pekko timer, in real time).
 */
class VoiceReminderTest {
    private static final Duration SECOND = Duration.ofMillis(100);
    private static final Duration STEP = Duration.ofMillis(250);
    private static final FlowReports reports = new FlowReports();
    private static SimulatedCallCenter center;

    @BeforeAll
    static void start() throws InterruptedException {
        center = SimulatedCallCenter.start((system, app) -> new FlowRegistry()
                .register(app, PlayReminder.CALLBACK_ARG, new PlayReminder())
                .register(app, reports.reported(new VoiceReminder(Reminders.initSingleton(system, app), SECOND))));
    }

    @AfterAll
    static void stop() {
        center.close();
    }

    @Test
    void recordsAMessageThenCallsTheCallerBackAfterTheSecondsTypedAndPlaysIt() {
        String caller = center.sim().calls().sipCall("PJSIP/caller", "reminder", "caller", PhoneScript.answer());
        center.sim().calls().pressDigits(caller, "3#", Duration.ofMillis(300));
        center.awaitEvent(RecordingStarted.class, e -> e.recording().targetUri().equals("channel:" + caller), STEP);
        center.clock().advance(Duration.ofSeconds(4));
        Instant recorded = Instant.now();
        center.sim().calls().pressDigits(caller, "#", Duration.ZERO);

        String recording = "reminder-" + caller;
        assertEquals(recording, center.awaitReport(reports.of(caller), STEP));
        assertEquals(4, center.awaitEvent(RecordingFinished.class, e -> e.recording().name().equals(recording),
                Duration.ZERO).recording().duration());
        center.awaitEvent(StasisEnd.class, e -> e.channel().id().equals(caller), Duration.ZERO);

        StasisStart callback = center.awaitEvent(StasisStart.class,
                e -> List.of(PlayReminder.CALLBACK_ARG, recording).equals(e.args()), Duration.ZERO);
        // the reminder was scheduled after the recording ended, so no sooner than this
        assertTrue(Duration.between(recorded, Instant.now()).compareTo(SECOND.multipliedBy(3)) >= 0,
                "called back before 3 typed seconds had passed");
        assertTrue(callback.channel().name().startsWith("PJSIP/caller-"), callback.channel().name());
        center.awaitEvent(PlaybackStarted.class, e -> e.playback().targetUri().equals("channel:" + callback.channel().id())
                && e.playback().mediaUri().equals("recording:" + recording), STEP);
        center.awaitEvent(StasisEnd.class, e -> e.channel().id().equals(callback.channel().id()), STEP);
    }
}
