package io.switchboard.actors.channel;

import io.switchboard.ari.events.Dial;
import io.switchboard.ari.model.Channel;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The dial of a channel that a call created to reach someone (an outbound leg): the progress Asterisk reports
 * (RINGING, PROGRESS...) and the one result (answered, busy, no answer, congestion, cancelled) owed to whoever
 * asked for the dial, whichever way it is learnt: a Dial event, the leg's hang-up cause, a resync, or the end.
 */
final class DialTracker {
    private final String channelId;
    private ActorRef<Outcome> reportTo;
    private final List<String> progress = new ArrayList<>();

    DialTracker(String channelId) {
        this.channelId = channelId;
    }

    /** The dial was asked for: its result goes to {@code reportTo}. */
    void started(ActorRef<Outcome> reportTo) {
        this.reportTo = reportTo;
        progress.clear();
    }

    /** True while a dial of this channel waits for its result. */
    boolean dialling() {
        return reportTo != null;
    }

    /**
     * A Dial event. Returns true when it ended the dial unanswered: Asterisk keeps such a leg in the
     * application, of no more use, so the entity hangs it up.
     */
    boolean onDial(Dial dial) {
        if (reportTo == null || dial.peer() == null || !channelId.equals(dial.peer().id())) {
            return false;
        }
        String status = dial.dialstatus() == null ? "" : dial.dialstatus();
        if (!status.isEmpty()) {
            progress.add(status);
        }
        switch (status) {
            case "ANSWER" -> {
                report(Outcome.Dialed.DialStatus.ANSWER);
                return false;
            }
            case "BUSY", "CONGESTION", "CHANUNAVAIL", "NOANSWER", "CANCEL" -> {
                report(unanswered(status));
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** After a reconnect: a leg that is up was answered while its events were lost. */
    void resynced(Channel snapshot) {
        if (reportTo != null && "Up".equals(snapshot.state())) {
            report(Outcome.Dialed.DialStatus.ANSWER);
        }
    }

    /** The leg was destroyed before its dial ended: the hang-up cause tells why. */
    void destroyed(Integer cause) {
        if (reportTo != null) {
            report(ofHangupCause(cause));
        }
    }

    /** The leg is gone without a result. */
    void cancel() {
        if (reportTo != null) {
            report(Outcome.Dialed.DialStatus.CANCEL);
        }
    }

    /** Asterisk refused to dial: {@code replyTo} gets the refusal instead of a result. */
    void refused(ActorRef<Outcome> replyTo, Outcome refusal) {
        if (reportTo != null) {
            reportTo = null;
            replyTo.tell(refusal);
        }
    }

    static Outcome.Dialed.DialStatus unanswered(String dialStatus) {
        return switch (dialStatus) {
            case "BUSY" -> Outcome.Dialed.DialStatus.BUSY;
            case "NOANSWER" -> Outcome.Dialed.DialStatus.NOANSWER;
            case "CANCEL" -> Outcome.Dialed.DialStatus.CANCEL;
            default -> Outcome.Dialed.DialStatus.CONGESTION;
        };
    }

    /** Q.850 causes: 17 user busy; 18, 19 no answer; 34, 38, 42 congestion. */
    static Outcome.Dialed.DialStatus ofHangupCause(Integer cause) {
        return switch (cause == null ? 0 : cause) {
            case 17 -> Outcome.Dialed.DialStatus.BUSY;
            case 19, 18 -> Outcome.Dialed.DialStatus.NOANSWER;
            case 34, 38, 42 -> Outcome.Dialed.DialStatus.CONGESTION;
            default -> Outcome.Dialed.DialStatus.CANCEL;
        };
    }

    private void report(Outcome.Dialed.DialStatus status) {
        reportTo.tell(new Outcome.Dialed(status, channelId, List.copyOf(progress)));
        reportTo = null;
    }
}
