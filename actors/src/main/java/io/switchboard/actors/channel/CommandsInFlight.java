package io.switchboard.actors.channel;

import io.switchboard.actors.gateway.AriCommand;
import io.switchboard.actors.gateway.CommandResult;
import io.switchboard.actors.gateway.GatewayCommands;
import io.switchboard.actors.serialization.LocalOnly;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * The REST commands a channel entity sent through its Asterisk's gateway and that are not answered yet. Each
 * answer comes back to the entity as {@link Answered}, with what to do about it.
 */
final class CommandsInFlight {
    /** The gateway answered a command (a timeout is a failed answer). */
    record Answered(PendingCommand pending, CommandResult result) implements ChannelEntity.Command, LocalOnly {
    }

    private final ActorContext<ChannelEntity.Command> context;
    private final String asteriskId;
    private int inFlight;

    CommandsInFlight(ActorContext<ChannelEntity.Command> context, String asteriskId) {
        this.context = context;
        this.asteriskId = asteriskId;
    }

    void execute(AriCommand command, PendingCommand pending) {
        inFlight++;
        GatewayCommands.execute(context, asteriskId, command, result -> new Answered(pending, result));
    }

    void answered() {
        inFlight--;
    }

    boolean allAnswered() {
        return inFlight == 0;
    }
}
