package io.switchboard.actors.gateway;

import io.switchboard.actors.serialization.LocalOnly;
import io.switchboard.actors.settings.ActorsSettings;
import io.switchboard.ari.client.AriClient;
import io.switchboard.ari.rest.ResponseType;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * How the gateway carries out a command: sent over the ARI client's transport, sent again after a growing pause
 * while no answer comes (as many times as the settings allow), and answered once, with its latency recorded.
 * A retried creation that meets 409 succeeded the first time: its client-assigned id is taken by what it made.
 */
final class CommandRetries {
    record Attempted(AriGateway.Execute request, int attempt, long startedNanos, CommandResult result)
            implements AriGateway.Command, LocalOnly {
    }

    record RetryDue(AriGateway.Execute request, int attempt, long startedNanos)
            implements AriGateway.Command, LocalOnly {
    }

    private final ActorContext<AriGateway.Command> context;
    /**
     * Pekko's timers, not the node's Timekeeper: a retry is spaced for the real network, like the ARI client's
     * own timeouts and the command timeout (an ask) that bounds it; on a test's driven time a retry would wait
     * for the test to move time.
     */
    private final TimerScheduler<AriGateway.Command> timers;
    private final ActorsSettings settings;
    private final AriClient client;
    private final CommandLatency latency = new CommandLatency();
    private long retryIds;

    CommandRetries(ActorContext<AriGateway.Command> context, TimerScheduler<AriGateway.Command> timers,
                   ActorsSettings settings, AriClient client) {
        this.context = context;
        this.timers = timers;
        this.settings = settings;
        this.client = client;
    }

    void execute(AriGateway.Execute execute) {
        attempt(execute, 0, System.nanoTime());
    }

    void retryDue(RetryDue due) {
        context.getLog().info("retrying {} (attempt {})", due.request().command(), due.attempt() + 1);
        attempt(due.request(), due.attempt(), due.startedNanos());
    }

    /**
     * A success is answered straight from the thread that completes it (one message fewer per command, most
     * commands); a failure comes back to the gateway, which decides whether to try again.
     */
    private void attempt(AriGateway.Execute execute, int attempt, long startedNanos) {
        AriCommand command = execute.command();
        ActorRef<AriGateway.Command> self = context.getSelf();
        client.execute(command.toRequest(), ResponseType.JSON_TEXT).whenComplete((body, failure) -> {
            if (failure == null) {
                latency.record((System.nanoTime() - startedNanos) / 1_000, true);
                execute.replyTo().tell(new CommandResult.Succeeded(body));
            } else {
                self.tell(new Attempted(execute, attempt, startedNanos,
                        CommandResult.Failed.of(command.toRequest().toString(), unwrap(failure))));
            }
        });
    }

    void attempted(Attempted attempted) {
        CommandResult result = attempted.result();
        AriGateway.Execute execute = attempted.request();
        if (result instanceof CommandResult.Failed failed) {
            if (failed.transportFailure() && attempted.attempt() < settings.commandRetries()) {
                Duration pause = settings.retryBackoff().multipliedBy(1L << attempted.attempt());
                timers.startSingleTimer("retry-" + (retryIds++), new RetryDue(execute, attempted.attempt() + 1,
                        attempted.startedNanos()), pause);
                return;
            }
            boolean sentBefore = attempted.attempt() > 0 || execute.resent();
            if (sentBefore && failed.status() == 409 && execute.command().hasClientId()) {
                context.getLog().info("{}: 409 on retry, so the first attempt was carried out", execute.command());
                result = new CommandResult.Succeeded(null);
            }
        }
        latency.record((System.nanoTime() - attempted.startedNanos()) / 1_000, result instanceof CommandResult.Succeeded);
        execute.replyTo().tell(result);
    }

    CommandStats stats() {
        return latency.stats();
    }

    static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
