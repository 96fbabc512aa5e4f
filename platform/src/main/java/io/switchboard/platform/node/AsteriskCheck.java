package io.switchboard.platform.node;

import io.switchboard.actors.settings.AsteriskServer;
import io.switchboard.ari.client.AriClient;
import io.switchboard.ari.rest.AriException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pings each configured Asterisk once at start so that a misconfiguration reads as one clear line. Wrong
 * credentials or a base URL without ARI stop the node (retrying would never help); an Asterisk that is not
 * up yet is only reported, because the gateway keeps reconnecting until it is.
 */
final class AsteriskCheck {
    private static final Logger log = LoggerFactory.getLogger(AsteriskCheck.class);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private AsteriskCheck() {
    }

    static void verify(ActorSystem<?> system, AsteriskServer server) {
        String where = "Asterisk " + server.id() + " at " + server.ari().baseUrl();
        try {
            AriClient.create(system, server.ari()).asterisk().ping().send().toCompletableFuture()
                    .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException e) {
            log.warn("{}: no answer within {} s; check base-url; Switchboard keeps trying", where, WAIT.toSeconds());
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null
                    ? c.getCause() : e.getCause();
            if (cause instanceof AriException.Unauthorized refused) {
                throw new IllegalArgumentException(where + " refused ARI user '" + server.ari().username() + "' ("
                        + refused.status() + "): check username and password (or password-file) of "
                        + "switchboard.asterisk.servers[" + server.id() + "] against that Asterisk's ari.conf");
            }
            if (cause instanceof AriException.NotFound) {
                throw new IllegalArgumentException(where + " has no ARI there (404): check that base-url ends in "
                        + "/ari and that ari.conf has enabled = yes");
            }
            if (cause instanceof AriException.ConnectionFailed down) {
                log.warn("{} is not reachable ({}): check base-url and that Asterisk's HTTP server is enabled "
                        + "(http.conf); Switchboard keeps trying", where, down.getMessage());
            } else {
                log.warn("{} answered the start-up ping with {}; Switchboard keeps trying", where, cause);
            }
        }
    }
}
