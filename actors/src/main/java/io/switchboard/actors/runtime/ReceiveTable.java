package io.switchboard.actors.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A receive builder for actors that exist by the thousand (one per call): the table of handlers is built once
 * per actor class, from unbound method references ({@code ChannelEntity::onEvent}), and each instance holds a
 * single small behavior that looks its message's handler up. {@code Behaviors.receive(...).onMessage(...)}
 * builds a case object and a bound lambda per message type for every instance: about a kilobyte for each
 * live call.
 *
 * @param <S> the actor's state object, given to every handler
 * @param <T> the actor's message type
 */
public final class ReceiveTable<S, T> {

    private record Entry<S, T>(Class<?> type, BiFunction<S, Object, Behavior<T>> handler) {
    }

    private final List<Entry<S, T>> entries;
    private final ClassValue<BiFunction<S, Object, Behavior<T>>> byClass = new ClassValue<>() {
        @Override
        protected BiFunction<S, Object, Behavior<T>> computeValue(Class<?> type) {
            for (Entry<S, T> entry : entries) {
                if (entry.type().isAssignableFrom(type)) {
                    return entry.handler();
                }
            }
            return null;
        }
    };

    private ReceiveTable(List<Entry<S, T>> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The two classes only name the type parameters, so that a chain of {@code on(...)} needs no type witness. */
    public static <S, T> Builder<S, T> builder(Class<S> state, Class<T> messages) {
        return new Builder<>();
    }

    /** The behavior of one instance: each message goes to the first handler declared for its class. */
    public Behavior<T> receive(S state) {
        return Behaviors.receive((context, message) -> apply(state, message));
    }

    private Behavior<T> apply(S state, T message) {
        BiFunction<S, Object, Behavior<T>> handler = byClass.get(message.getClass());
        return handler == null ? Behaviors.unhandled() : handler.apply(state, message);
    }

    public static final class Builder<S, T> {
        private final List<Entry<S, T>> entries = new ArrayList<>();

        private Builder() {
        }

        @SuppressWarnings("unchecked")
        public <M extends T> Builder<S, T> on(Class<M> type, BiFunction<S, M, Behavior<T>> handler) {
            entries.add(new Entry<>(type, (state, message) -> handler.apply(state, (M) message)));
            return this;
        }

        /** A handler after which the actor carries on as before. */
        public <M extends T> Builder<S, T> onThen(Class<M> type, BiConsumer<S, M> handler) {
            return on(type, (state, message) -> {
                handler.accept(state, message);
                return Behaviors.same();
            });
        }

        public ReceiveTable<S, T> build() {
            return new ReceiveTable<>(entries);
        }
    }
}
