package io.switchboard.ari.client;

import com.typesafe.config.Config;
import io.switchboard.ari.config.Secrets;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Where an Asterisk's ARI is and how to talk to it.
 *
 * @param baseUrl          ARI's HTTP root, e.g. {@code http://127.0.0.1:8088/ari}
 * @param username         ARI user (ari.conf)
 * @param password         its password; never logged
 * @param apps             the Stasis applications the event socket serves
 * @param subscribeAll     subscribe the apps to all events of Asterisk
 * @param requestTimeout   how long a REST request may take before it fails with a timeout
 * @param reconnect        backoff between event socket reconnects
 * @param eventBufferSize  events held for a slow consumer before the stream reports an overflow
 * @param commandTransport how commands travel: over the event socket where Asterisk allows, or HTTP
 */
public record AriSettings(String baseUrl, String username, String password, List<String> apps, boolean subscribeAll,
                          Duration requestTimeout, Reconnect reconnect, int eventBufferSize,
                          CommandTransport commandTransport) {

    /** How REST commands reach Asterisk. */
    public enum CommandTransport {
        /** Over the event WebSocket when it is up and Asterisk is 22.4 or newer, else HTTP. */
        AUTO,
        /** Always HTTP. */
        HTTP,
        /** Always the event WebSocket; commands fail while it is down. */
        WEBSOCKET
    }

    /** Exponential backoff with jitter: {@code min * 2^n}, capped at {@code max}, times 1..1+randomFactor. */
    public record Reconnect(Duration minBackoff, Duration maxBackoff, double randomFactor) {
        public Reconnect {
            if (minBackoff.isNegative() || minBackoff.isZero() || maxBackoff.compareTo(minBackoff) < 0) {
                throw new IllegalArgumentException("reconnect backoff needs 0 < min <= max, got " + minBackoff
                        + " and " + maxBackoff);
            }
            if (randomFactor < 0) {
                throw new IllegalArgumentException("reconnect random-factor must be >= 0, got " + randomFactor);
            }
        }
    }

    public AriSettings {
        URI parsed = URI.create(baseUrl);
        if (!"http".equals(parsed.getScheme()) && !"https".equals(parsed.getScheme())) {
            throw new IllegalArgumentException("ARI base URL must be http:// or https://, got " + baseUrl);
        }
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        apps = List.copyOf(apps);
        if (eventBufferSize < 1) {
            throw new IllegalArgumentException("event buffer size must be positive, got " + eventBufferSize);
        }
    }

    /** Defaults for everything but the address, credentials and applications. */
    public static AriSettings of(String baseUrl, String username, String password, String... apps) {
        return new AriSettings(baseUrl, username, password, List.of(apps), false, Duration.ofSeconds(10),
                new Reconnect(Duration.ofMillis(200), Duration.ofSeconds(10), 0.2), 10_000, CommandTransport.AUTO);
    }

    /**
     * Reads settings from a config block such as {@code switchboard.asterisk.servers.pbx1}:
     * {@code base-url}, {@code username}, {@code password} or {@code password-file} (a file holding it, e.g. a
     * mounted secret), {@code apps}, and optionally
     * {@code subscribe-all}, {@code request-timeout}, {@code reconnect.min-backoff|max-backoff|random-factor},
     * {@code event-buffer-size}, {@code command-transport} (auto, http, websocket).
     */
    public static AriSettings fromConfig(Config config) {
        String baseUrl = config.getString("base-url");
        String password = Secrets.read(config, "password", "ARI at " + baseUrl);
        if (password.isEmpty()) {
            throw new IllegalArgumentException("ARI at " + baseUrl + ": set password or password-file");
        }
        AriSettings d = of(baseUrl, config.getString("username"), password);
        return new AriSettings(d.baseUrl(), d.username(), d.password(), config.getStringList("apps"),
                config.hasPath("subscribe-all") && config.getBoolean("subscribe-all"),
                config.hasPath("request-timeout") ? config.getDuration("request-timeout") : d.requestTimeout(),
                new Reconnect(
                        config.hasPath("reconnect.min-backoff") ? config.getDuration("reconnect.min-backoff")
                                : d.reconnect().minBackoff(),
                        config.hasPath("reconnect.max-backoff") ? config.getDuration("reconnect.max-backoff")
                                : d.reconnect().maxBackoff(),
                        config.hasPath("reconnect.random-factor") ? config.getDouble("reconnect.random-factor")
                                : d.reconnect().randomFactor()),
                config.hasPath("event-buffer-size") ? config.getInt("event-buffer-size") : d.eventBufferSize(),
                config.hasPath("command-transport")
                        ? CommandTransport.valueOf(config.getString("command-transport").toUpperCase(java.util.Locale.ROOT))
                        : d.commandTransport());
    }

    public AriSettings withApps(String... apps) {
        return new AriSettings(baseUrl, username, password, List.of(apps), subscribeAll, requestTimeout, reconnect,
                eventBufferSize, commandTransport);
    }

    public AriSettings withSubscribeAll(boolean subscribeAll) {
        return new AriSettings(baseUrl, username, password, apps, subscribeAll, requestTimeout, reconnect,
                eventBufferSize, commandTransport);
    }

    public AriSettings withRequestTimeout(Duration requestTimeout) {
        return new AriSettings(baseUrl, username, password, apps, subscribeAll, requestTimeout, reconnect,
                eventBufferSize, commandTransport);
    }

    public AriSettings withReconnect(Reconnect reconnect) {
        return new AriSettings(baseUrl, username, password, apps, subscribeAll, requestTimeout, reconnect,
                eventBufferSize, commandTransport);
    }

    public AriSettings withEventBufferSize(int eventBufferSize) {
        return new AriSettings(baseUrl, username, password, apps, subscribeAll, requestTimeout, reconnect,
                eventBufferSize, commandTransport);
    }

    public AriSettings withCommandTransport(CommandTransport commandTransport) {
        return new AriSettings(baseUrl, username, password, apps, subscribeAll, requestTimeout, reconnect,
                eventBufferSize, commandTransport);
    }

    /** The event socket's URL for a path and query below the base, e.g. {@code ws://host:8088/ari/events?app=x}. */
    String webSocketUrl(String uri) {
        return baseUrl.replaceFirst("^http", "ws") + uri;
    }

    @Override
    public String toString() {
        return "AriSettings[" + baseUrl + ", user " + username + ", apps " + apps + ", " + commandTransport + "]";
    }
}
