package io.switchboard.actors.channel;

import java.time.Duration;
import org.apache.pekko.actor.typed.ActorRef;

/** What a {@link ChannelEntity} does when the gateway answers a command it sent on its own behalf. */
sealed interface PendingCommand {
    /** A one-shot action: the asker gets done or the failure. */
    record Action(ActorRef<Outcome> replyTo) implements PendingCommand {
    }

    record PlayStarted(String playbackId) implements PendingCommand {
    }

    record RecordStarted(String name) implements PendingCommand {
    }

    /** A channel created to be dialled: once it exists, it is dialled. */
    record PeerCreated(String peerId, Duration timeout, ActorRef<Outcome> replyTo) implements PendingCommand {
    }

    record DialStarted(ActorRef<Outcome> replyTo) implements PendingCommand {
    }

    /** Nobody waits for the answer; a failure other than 404 is only logged. */
    /** Does Asterisk have the channel an entity was asked about without having heard of it? */
    record Lookup() implements PendingCommand {
    }

    record Ignore() implements PendingCommand {
    }

    /** After a reconnect: is the playback still going? */
    record PlaybackCheck(String playbackId) implements PendingCommand {
    }

    /** After a reconnect: is the recording still going? */
    record RecordingCheck(String name) implements PendingCommand {
    }
}
