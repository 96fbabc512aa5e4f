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

    /**
     * Events a channel only gets once it is in the application (some, such as ChannelVarset and ChannelDialplan,
     * come before the StasisStart of a channel created into it, so they say nothing).
     */
    static boolean showsCallInProgress(AriEvent event, Channel channel) {
        boolean midCall = event instanceof io.switchboard.ari.events.ChannelDtmfReceived
                || event instanceof io.switchboard.ari.events.ChannelStateChange
                || event instanceof io.switchboard.ari.events.ChannelEnteredBridge
                || event instanceof io.switchboard.ari.events.ChannelLeftBridge
                || event instanceof io.switchboard.ari.events.ChannelHold
                || event instanceof io.switchboard.ari.events.ChannelUnhold
                || event instanceof io.switchboard.ari.events.ChannelTalkingStarted
                || event instanceof io.switchboard.ari.events.ChannelTalkingFinished
                || event instanceof io.switchboard.ari.events.PlaybackStarted
                || event instanceof io.switchboard.ari.events.PlaybackFinished;
        return midCall && channel.dialplan() != null && "Stasis".equals(channel.dialplan().appName());
    }
}
