package io.switchboard.actors.serialization;

/**
 * Marks messages that may cross nodes; {@code reference.conf} binds it to Pekko's Jackson CBOR serializer.
 */
public interface CborSerializable {
}
