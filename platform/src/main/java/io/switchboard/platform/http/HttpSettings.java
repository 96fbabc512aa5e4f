package io.switchboard.platform.http;

import com.typesafe.config.Config;
import io.switchboard.ari.config.Secrets;
import java.util.Optional;

/**
 * The management API's listener and credentials ({@code switchboard.http}), read once.
 *
 * @param host   the interface to bind
 * @param port   the port (0: any free port)
 * @param token  the bearer token clients must send, if configured ({@code token}, or {@code token-file})
 */
public record HttpSettings(String host, int port, Optional<String> token) {

    public static HttpSettings fromConfig(Config root) {
        Config http = root.getConfig("switchboard.http");
        String token = Secrets.read(http, "token", "switchboard.http").trim();
        return new HttpSettings(http.getString("host"), http.getInt("port"),
                token.isEmpty() ? Optional.empty() : Optional.of(token));
    }

    public HttpSettings withToken(String value) {
        return new HttpSettings(host, port, Optional.of(value));
    }

    @Override
    public String toString() {
        return "HttpSettings[host=" + host + ", port=" + port + ", token=" + (token.isPresent() ? "***" : "none") + "]";
    }
}
