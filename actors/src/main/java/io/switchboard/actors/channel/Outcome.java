package io.switchboard.actors.channel;

import io.switchboard.actors.gateway.CommandResult;
import io.switchboard.actors.serialization.CborSerializable;
import java.util.List;

/** How an operation on a call ended: the reply a {@link ChannelEntity} sends to whoever asked. */
public sealed interface Outcome extends CborSerializable {

    /** A one-shot action was carried out. */
    record Done() implements Outcome {
    }

    /** A playback ended: all of it was heard, a digit interrupted it, or Asterisk could not play it. */
    record Played(Status status, String digit) implements Outcome {
        public enum Status { FINISHED, INTERRUPTED, FAILED }
    }

    /** A recording ended. {@code duration} in seconds, as Asterisk reports it. */
    record Recorded(String name, Integer duration, boolean cancelled) implements Outcome {
    }

    /** Digits were gathered; {@code reason} says what ended the gathering. */
    record Gathered(String digits, Reason reason) implements Outcome {
        public enum Reason { MAX_DIGITS, TERMINATOR, TIMEOUT }
    }

    /**
     * A dial ended. On {@code ANSWER} the peer channel is in the application and bridgeable; otherwise it
     * has been hung up.
     */
    record Dialed(DialStatus status, String peerChannelId, List<String> progress) implements Outcome {
        public enum DialStatus { ANSWER, BUSY, CONGESTION, NOANSWER, CANCEL, FAILED }

        public boolean answered() {
            return status == DialStatus.ANSWER;
        }
    }

    /** The two calls are in one mixing bridge. */
    record Bridged(String bridgeId) implements Outcome {
    }

    /** The operation failed: Asterisk refused it, no answer came, or the call ended first. */
    record Failed(Reason reason, CommandResult.Failed command, String message) implements Outcome {
        public enum Reason { COMMAND_FAILED, CALL_ENDED, BUSY }
    }
}
