package io.switchboard.actors.channel;

import io.switchboard.ari.events.AriEvent;
import io.switchboard.ari.model.Channel;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The snapshot of a channel that an ARI event carries, for the events that carry one. */
final class ChannelInEvent {
    /** Each event class's {@code channel()} accessor, if it has one (looked up once per class). */
    private static final Map<Class<?>, Optional<Method>> CHANNEL_ACCESSORS = new ConcurrentHashMap<>();

    private ChannelInEvent() {
    }

    /** The event's {@code channel()} if it is channel {@code channelId}, otherwise null. */
    static Channel of(AriEvent event, String channelId) {
        var accessor = CHANNEL_ACCESSORS.computeIfAbsent(event.getClass(), type -> {
            try {
                var method = type.getMethod("channel");
                return method.getReturnType() == Channel.class ? Optional.of(method) : Optional.empty();
            } catch (NoSuchMethodException e) {
                return Optional.empty();
            }
        });
        if (accessor.isEmpty()) {
            return null;
        }
        try {
            Channel channel = (Channel) accessor.get().invoke(event);
            return channel != null && channelId.equals(channel.id()) ? channel : null;
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
