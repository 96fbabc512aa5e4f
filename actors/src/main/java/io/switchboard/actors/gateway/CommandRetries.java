package io.switchboard.actors.gateway;

import io.switchboard.actors.settings.ActorsSettings;
import io.switchboard.ari.client.AriClient;
import io.switchboard.ari.rest.ResponseType;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a gateway carries out a command: sent over the ARI client's transport, sent again after a growing pause
 * while no answer comes (as many times as the settings allow, and only while within the command timeout), and
 * answered once, with its latency recorded. A retried creation that meets 409 succeeded the first time: its
 * client-assigned id is taken by what it made.
 *
 * <p>It keeps no state but the latency figures, so it is safe from any thread: the gateway's actor uses it, and
 * so do the entities of the gateway's own node through {@link DirectCommands}, without a message to the gateway.
 * The pause before a retry runs on Pekko's scheduler, not the node's Timekeeper: a retry is spaced for the real
 * network, like the client's own request timeout; on a test's driven time it would wait for the test.
 */
public final class CommandRetries {
    private static final Logger log = LoggerFactory.getLogger(CommandRetries.class);

    private final ActorSystem<?> system;
    private final ActorsSettings settings;
    private final AriClient client;
    private final CommandLatency latency = new CommandLatency();

    CommandRetries(ActorSystem<?> system, ActorsSettings settings, AriClient client) {
        this.system = system;
        this.settings = settings;
        this.client = client;
    }

    /**
     * Carries {@code command} out. The answer always comes, as a result and never as an exception: by the
     * client's request timeout for each attempt. {@code resent}: it may have been carried out already, through
     * another node.
     */
    public CompletionStage<CommandResult> execute(AriCommand command, boolean resent) {
        CompletableFuture<CommandResult> answer = new CompletableFuture<>();
        attempt(command, resent, 0, System.nanoTime(), answer);
        return answer;
    }

    private void attempt(AriCommand command, boolean resent, int attempt, long startedNanos,
                         CompletableFuture<CommandResult> answer) {
        client.execute(command.toRequest(), ResponseType.JSON_TEXT).whenComplete((body, failure) -> {
            if (failure == null) {
                latency.record(micros(startedNanos), true);
                answer.complete(new CommandResult.Succeeded(body));
            } else {
                failed(command, resent, attempt, startedNanos, answer,
                        CommandResult.Failed.of(command.toRequest().toString(), unwrap(failure)));
            }
        });
    }

    private void failed(AriCommand command, boolean resent, int attempt, long startedNanos,
                        CompletableFuture<CommandResult> answer, CommandResult.Failed failed) {
        Duration pause = settings.retryBackoff().multipliedBy(1L << attempt);
        boolean timeLeft = Duration.ofNanos(System.nanoTime() - startedNanos).plus(pause)
                .compareTo(settings.commandTimeout()) < 0;
        if (failed.transportFailure() && attempt < settings.commandRetries() && timeLeft) {
            log.info("retrying {} in {} ms (attempt {}): {}", command, pause.toMillis(), attempt + 2, failed.message());
            system.scheduler().scheduleOnce(pause, () -> attempt(command, resent, attempt + 1, startedNanos, answer),
                    system.executionContext());
            return;
        }
        CommandResult result = failed;
        if ((attempt > 0 || resent) && failed.status() == 409 && command.hasClientId()) {
            log.info("{}: 409 on a second sending, so the first was carried out", command);
            result = new CommandResult.Succeeded(null);
        }
        latency.record(micros(startedNanos), result instanceof CommandResult.Succeeded);
        answer.complete(result);
    }

    CommandStats stats() {
        return latency.stats();
    }

    private static long micros(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000;
    }

    static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
