package io.switchboard.simulator.state;

import java.util.Map;

/** Q.850 causes as ARI names and numbers them. */
public final class HangupCause {
    public static final int UNKNOWN = 0;
    public static final int NORMAL = 16;
    public static final int BUSY = 17;
    public static final int NO_ANSWER = 19;
    public static final int CONGESTION = 34;
    /** What ARI puts on the hang-up request it makes itself ("soft" hang-up of a channel). */
    public static final int ARI_REQUEST = 32;

    private static final Map<String, Integer> BY_REASON = Map.ofEntries(
            Map.entry("normal", 16), Map.entry("busy", 17), Map.entry("congestion", 34),
            Map.entry("no_answer", 19), Map.entry("timeout", 19), Map.entry("rejected", 21),
            Map.entry("unallocated", 1), Map.entry("normal_unspecified", 31),
            Map.entry("number_incomplete", 28), Map.entry("codec_mismatch", 58),
            Map.entry("interworking", 127), Map.entry("failure", 38), Map.entry("answered_elsewhere", 26));

    private static final Map<Integer, String> TEXT = Map.ofEntries(
            Map.entry(0, "Unknown"), Map.entry(1, "Unallocated (unassigned) number"), Map.entry(16, "Normal Clearing"),
            Map.entry(17, "User busy"), Map.entry(18, "No user responding"), Map.entry(19, "User alerting, no answer"),
            Map.entry(21, "Call Rejected"), Map.entry(26, "Answered elsewhere"), Map.entry(28, "Invalid number format (incomplete number)"),
            Map.entry(31, "Normal, unspecified"), Map.entry(34, "Circuit/channel congestion"),
            Map.entry(38, "Network out of order"), Map.entry(58, "Bearer capability not available"),
            Map.entry(127, "Interworking, unspecified"));

    private HangupCause() {
    }

    /** The cause for a {@code reason} of DELETE /channels/{id}, or null when Asterisk does not know it. */
    public static Integer ofReason(String reason) {
        return BY_REASON.get(reason);
    }

    public static String text(int cause) {
        return TEXT.getOrDefault(cause, "Unknown");
    }
}
