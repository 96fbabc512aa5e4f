package io.switchboard.queues.persistence;

import io.switchboard.actors.serialization.CborSerializable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;

/** The smallest event-sourced entity: a running total, to prove a journal persists and recovers. */
final class Tally extends EventSourcedBehavior<Tally.Command, Tally.Added, Tally.Total> {

    interface Command extends CborSerializable {
    }

    record Add(int amount, ActorRef<Total> replyTo) implements Command {
    }

    record Get(ActorRef<Total> replyTo) implements Command {
    }

    record Added(int amount) implements CborSerializable {
    }

    record Total(int value) implements CborSerializable {
    }

    static Behavior<Command> create(String id) {
        return new Tally(PersistenceId.of("Tally", id));
    }

    private Tally(PersistenceId persistenceId) {
        super(persistenceId);
    }

    @Override
    public Total emptyState() {
        return new Total(0);
    }

    @Override
    public CommandHandler<Command, Added, Total> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(Add.class, (total, add) -> Effect().persist(new Added(add.amount()))
                        .thenReply(add.replyTo(), updated -> updated))
                .onCommand(Get.class, (total, get) -> Effect().reply(get.replyTo(), total))
                .build();
    }

    @Override
    public EventHandler<Total, Added> eventHandler() {
        return newEventHandlerBuilder().forAnyState()
                .onEvent(Added.class, (total, added) -> new Total(total.value() + added.amount()))
                .build();
    }
}
