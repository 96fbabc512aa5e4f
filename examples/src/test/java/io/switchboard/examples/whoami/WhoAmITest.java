package io.switchboard.examples.whoami;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.actors.flow.FlowRegistry;
import io.switchboard.ari.events.PlaybackStarted;
import io.switchboard.ari.events.StasisEnd;
import io.switchboard.examples.support.FlowReports;
import io.switchboard.examples.support.SimulatedCallCenter;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WhoAmITest {
    private static final Duration STEP = Duration.ofMillis(250);
    /** The node runs on the simulator's time, so the gather timeout is simulated seconds too. */
    private static final Duration PATIENCE = Duration.ofSeconds(2);
    private static final FlowReports reports = new FlowReports();
    private static SimulatedCallCenter center;

    @BeforeAll
    static void start() throws InterruptedException {
        center = SimulatedCallCenter.start((system, app) -> new FlowRegistry().register(app,
                reports.reported(new WhoAmI(PATIENCE))));
    }

    @AfterAll
    static void stop() {
        center.close();
    }

    @Test
    void saysTheCallersNumberThenReadsBackWhatWasTypedAndHangsUp() {
        String caller = center.sim().calls().inbound("whoami", "dtmf-1234", "Alice <2001>").channelId();

        assertEquals("1234", center.awaitReport(reports.of(caller), STEP));
        assertPlayed(caller, "digits:2001");
        assertPlayed(caller, "digits:1234");
        center.awaitEvent(StasisEnd.class, e -> e.channel().id().equals(caller), STEP);
    }

    @Test
    void aCallerWhoTypesNothingIsToldGoodbye() {
        String caller = center.sim().calls().inbound("whoami", "answer", "Bob <2002>").channelId();

        assertEquals("", center.awaitReport(reports.of(caller), STEP));
        assertPlayed(caller, "sound:vm-goodbye");
        center.awaitEvent(StasisEnd.class, e -> e.channel().id().equals(caller), STEP);
    }

    private static void assertPlayed(String channelId, String media) {
        center.awaitEvent(PlaybackStarted.class, e -> e.playback().targetUri().equals("channel:" + channelId)
                && e.playback().mediaUri().equals(media), Duration.ZERO);
    }
}
