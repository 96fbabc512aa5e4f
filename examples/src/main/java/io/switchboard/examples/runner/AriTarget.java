package io.switchboard.examples.runner;

import io.switchboard.simulator.SimulatedAsterisk;
import java.util.Map;
import java.util.Optional;

/**
 * The Asterisk an example drives: where its ARI is, the credentials, and the Stasis application whose calls
 * the example's flow handles.
 */
public record AriTarget(String ariUrl, String user, String password, String app) {
    public static final String DEFAULT_APP = "callcenter";

    /** The embedded simulator; its dialplan sends callers to {@value #DEFAULT_APP}. */
    public static AriTarget of(SimulatedAsterisk sim) {
        return new AriTarget(sim.ariUrl(), sim.user(), sim.password(), DEFAULT_APP);
    }

    /**
     * A real Asterisk from {@code --ari-url --user --password --app}, falling back on the environment variables
     * {@code ARI_URL}, {@code ARI_USER}, {@code ARI_PASSWORD}, {@code ARI_APP}. Empty when no URL is given:
     * the example then runs against the embedded simulator.
     */
    public static Optional<AriTarget> fromArgs(String[] args, Map<String, String> env) {
        Map<String, String> options = CommandLine.parse(args);
        String url = options.getOrDefault("ari-url", env.get("ARI_URL"));
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new AriTarget(url,
                options.getOrDefault("user", env.getOrDefault("ARI_USER", "asterisk")),
                options.getOrDefault("password", env.getOrDefault("ARI_PASSWORD", "asterisk")),
                options.getOrDefault("app", env.getOrDefault("ARI_APP", DEFAULT_APP))));
    }

    @Override
    public String toString() {
        return "ARI " + ariUrl + " as " + user + ", app " + app;
    }
}
