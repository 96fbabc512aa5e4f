package io.switchboard.actors.serialization;

import org.apache.pekko.actor.NoSerializationVerificationNeeded;

/**
 * An actor's private message that never leaves its node (stream signals, answers piped to self, timers).
 * Tests run with {@code serialize-messages = on}; these are exempt from that check.
 */
public interface LocalOnly extends NoSerializationVerificationNeeded {
}
