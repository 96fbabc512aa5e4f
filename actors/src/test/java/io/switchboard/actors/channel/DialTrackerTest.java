package io.switchboard.actors.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.ari.events.Dial;
import io.switchboard.ari.model.Channel;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.TestInbox;
import org.junit.jupiter.api.Test;

/** The result of a leg's dial, without an actor: from Dial events, hang-up causes, a resync or the end. */
class DialTrackerTest {
    private static final String LEG = "leg-1";

    private final DialTracker tracker = new DialTracker(LEG);
    private final TestInbox<Outcome> asker = TestInbox.create();

    private static Channel channel(String id, String state) {
        return new Channel(id, null, "PJSIP/agent1-00000001", state, null, null, null, null, null, null, null, null,
                null);
    }

    private static Dial dial(String peerId, String status) {
        return new Dial(null, "callcenter", null, channel("caller-1", "Up"), channel(peerId, "Ringing"), null, null,
                "PJSIP/agent1", status);
    }

    @Test
    void ringingThenAnsweredReportsTheProgressOnce() {
        tracker.started(asker.getRef());
        assertFalse(tracker.onDial(dial(LEG, "")));
        assertFalse(tracker.onDial(dial(LEG, "RINGING")));
        assertFalse(asker.hasMessages());
        assertFalse(tracker.onDial(dial(LEG, "ANSWER")), "an answered leg is kept");
        assertEquals(new Outcome.Dialed(Outcome.Dialed.DialStatus.ANSWER, LEG, List.of("RINGING", "ANSWER")),
                asker.receiveMessage());
        assertFalse(tracker.dialling());
        tracker.destroyed(16);
        assertFalse(asker.hasMessages(), "one result only");
    }

    @Test
    void anUnansweredDialIsReportedAndTheLegIsToBeHungUp() {
        for (var status : List.of("BUSY", "NOANSWER", "CANCEL", "CONGESTION", "CHANUNAVAIL")) {
            tracker.started(asker.getRef());
            assertTrue(tracker.onDial(dial(LEG, status)), status);
            assertEquals(List.of(status), ((Outcome.Dialed) asker.receiveMessage()).progress());
        }
    }

    @Test
    void dialStatusesMapToResults() {
        assertEquals(Outcome.Dialed.DialStatus.BUSY, DialTracker.unanswered("BUSY"));
        assertEquals(Outcome.Dialed.DialStatus.NOANSWER, DialTracker.unanswered("NOANSWER"));
        assertEquals(Outcome.Dialed.DialStatus.CANCEL, DialTracker.unanswered("CANCEL"));
        assertEquals(Outcome.Dialed.DialStatus.CONGESTION, DialTracker.unanswered("CHANUNAVAIL"));
        assertEquals(Outcome.Dialed.DialStatus.CONGESTION, DialTracker.unanswered("CONGESTION"));
    }

    @Test
    void anotherChannelsDialOrNoDialChangesNothing() {
        assertFalse(tracker.onDial(dial(LEG, "BUSY")), "not dialling");
        tracker.started(asker.getRef());
        assertFalse(tracker.onDial(dial("leg-2", "BUSY")));
        assertFalse(asker.hasMessages());
        assertTrue(tracker.dialling());
    }

    @Test
    void aLegDestroyedWhileDiallingReportsWhyFromTheHangupCause() {
        record Case(Integer cause, Outcome.Dialed.DialStatus status) {
        }
        for (Case c : List.of(new Case(17, Outcome.Dialed.DialStatus.BUSY),
                new Case(19, Outcome.Dialed.DialStatus.NOANSWER), new Case(18, Outcome.Dialed.DialStatus.NOANSWER),
                new Case(34, Outcome.Dialed.DialStatus.CONGESTION), new Case(16, Outcome.Dialed.DialStatus.CANCEL),
                new Case(null, Outcome.Dialed.DialStatus.CANCEL))) {
            tracker.started(asker.getRef());
            tracker.destroyed(c.cause());
            assertEquals(c.status(), ((Outcome.Dialed) asker.receiveMessage()).status(), "cause " + c.cause());
        }
    }

    @Test
    void aLegFoundUpAfterAReconnectWasAnswered() {
        tracker.started(asker.getRef());
        tracker.resynced(channel(LEG, "Ringing"));
        assertFalse(asker.hasMessages());
        tracker.resynced(channel(LEG, "Up"));
        assertEquals(Outcome.Dialed.DialStatus.ANSWER, ((Outcome.Dialed) asker.receiveMessage()).status());
    }

    @Test
    void aGoneLegIsCancelledAndARefusedDialAnswersTheRefusal() {
        tracker.started(asker.getRef());
        tracker.cancel();
        assertEquals(Outcome.Dialed.DialStatus.CANCEL, ((Outcome.Dialed) asker.receiveMessage()).status());

        tracker.started(asker.getRef());
        Outcome refusal = new Outcome.Failed(Outcome.Failed.Reason.COMMAND_FAILED, null, "404");
        tracker.refused(asker.getRef(), refusal);
        assertEquals(refusal, asker.receiveMessage());
        tracker.cancel();
        assertFalse(asker.hasMessages());
    }
}
