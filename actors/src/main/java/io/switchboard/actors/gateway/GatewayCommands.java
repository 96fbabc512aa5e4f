package io.switchboard.actors.gateway;

import io.switchboard.actors.SwitchboardActors;
import java.time.Duration;
import java.util.function.Function;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/** How entities send a command through their Asterisk's gateway and get the answer back as a message. */
public final class GatewayCommands {
    private GatewayCommands() {
    }

    /**
     * Sends {@code command} to the gateway of {@code asteriskId}; the answer (or a timeout, as a failed
     * result) comes back to the actor as {@code toMessage.apply(result)}. When that gateway runs on this node,
     * the command goes straight to its ARI client ({@link DirectCommands}).
     */
    public static <M> void execute(ActorContext<M> context, String asteriskId, AriCommand command,
                                   Function<CommandResult, M> toMessage) {
        SwitchboardActors actors = SwitchboardActors.get(context.getSystem());
        CommandRetries direct = actors.directCommands().path(asteriskId);
        if (direct != null) {
            context.pipeToSelf(direct.execute(command, false), (result, failure) -> toMessage.apply(
                    result != null ? result : CommandResult.Failed.of(command.toString(),
                            CommandRetries.unwrap(failure))));
            return;
        }
        Duration timeout = actors.settings().commandTimeout();
        context.ask(CommandResult.class, actors.gateway(asteriskId), timeout,
                replyTo -> new AriGateway.Execute(command, replyTo),
                (result, failure) -> toMessage.apply(result != null ? result
                        : new CommandResult.Failed(command.toString(), CommandResult.Failed.Kind.TIMEOUT, 0,
                        "no answer from the gateway within " + timeout.toMillis() + " ms")));
    }
}
