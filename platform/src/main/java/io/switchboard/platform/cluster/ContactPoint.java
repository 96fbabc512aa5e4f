package io.switchboard.platform.cluster;

/** A peer's Pekko Management endpoint, as listed for {@code config} discovery. */
public record ContactPoint(String host, int port) {

    /** Parses {@code host:port}. */
    public static ContactPoint parse(String value) {
        String trimmed = value.trim();
        int colon = trimmed.lastIndexOf(':');
        if (colon <= 0 || colon == trimmed.length() - 1) {
            throw new IllegalArgumentException(
                    "switchboard.cluster.bootstrap.contact-points: expected host:port, got " + value);
        }
        try {
            return new ContactPoint(trimmed.substring(0, colon), ManagementSettings.port(
                    Integer.parseInt(trimmed.substring(colon + 1)), "switchboard.cluster.bootstrap.contact-points"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "switchboard.cluster.bootstrap.contact-points: expected host:port, got " + value, e);
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
