package io.switchboard.conferencing.flow;

/** How a call's time in a room ended (or why it never began); the call itself may go on, as its flow decides. */
public record ConferenceExit(String room, Reason reason) {
    public enum Reason {
        /** The call ended. */
        HUNG_UP,
        /** The member left by the menu. */
        LEFT,
        /** An admin or the API kicked the member out (the caller heard so). */
        KICKED,
        /** The last marked member left a room that ends then (the caller heard so). */
        ENDED,
        /** Three wrong PINs. */
        WRONG_PIN,
        /** The room was locked (the caller heard so). */
        LOCKED,
        /** The room was full (the caller heard so). */
        FULL,
        /** Asterisk would not put the call in the room. */
        FAILED
    }
}
