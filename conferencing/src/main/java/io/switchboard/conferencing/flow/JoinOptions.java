package io.switchboard.conferencing.flow;

/**
 * Who a caller is in a room. {@link #byPin()}: the room's PINs decide (the user PIN makes a member, the admin PIN
 * an admin), and a room without PINs lets the caller in as a member. Otherwise the flow decides and no PIN is
 * asked: {@code JoinOptions.asAdmin().andMarked()}.
 */
public record JoinOptions(boolean pinDecides, boolean admin, boolean marked) {

    public static JoinOptions byPin() {
        return new JoinOptions(true, false, false);
    }

    public static JoinOptions asMember() {
        return new JoinOptions(false, false, false);
    }

    public static JoinOptions asAdmin() {
        return new JoinOptions(false, true, false);
    }

    /** A marked member: a room that waits for one starts when one is in; one that ends with them ends. */
    public JoinOptions andMarked() {
        return new JoinOptions(pinDecides, admin, true);
    }
}
