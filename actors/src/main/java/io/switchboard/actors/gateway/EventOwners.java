package io.switchboard.actors.gateway;

import io.switchboard.ari.events.AriEvent;
import io.switchboard.ari.model.Bridge;
import io.switchboard.ari.model.Channel;
import io.switchboard.ari.model.LiveRecording;
import io.switchboard.ari.model.Playback;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which channels and bridges an event concerns: those it embeds ({@code channel}, {@code bridge}, Dial's
 * {@code peer} and {@code caller}, transfer parties...) and the target of a playback or recording.
 * Worked out once per event class from its record components, so every event type of the spec is covered.
 */
public final class EventOwners {

    /** An owner: a channel or a bridge, by its ARI id. */
    public record Owner(Kind kind, String id) {
        public enum Kind { CHANNEL, BRIDGE }
    }

    private record Accessor(MethodHandle handle, Class<?> type) {
    }

    private static final ConcurrentHashMap<Class<?>, List<Accessor>> ACCESSORS = new ConcurrentHashMap<>();

    private EventOwners() {
    }

    public static List<Owner> of(AriEvent event) {
        List<Accessor> accessors = ACCESSORS.computeIfAbsent(event.getClass(), EventOwners::accessorsOf);
        if (accessors.isEmpty()) {
            return List.of();
        }
        Set<Owner> owners = new LinkedHashSet<>(4);
        for (Accessor accessor : accessors) {
            Object value;
            try {
                value = accessor.handle().invoke(event);
            } catch (Throwable e) {
                throw new IllegalStateException("cannot read " + event.type(), e);
            }
            if (value instanceof Channel channel && channel.id() != null) {
                owners.add(new Owner(Owner.Kind.CHANNEL, channel.id()));
            } else if (value instanceof Bridge bridge && bridge.id() != null) {
                owners.add(new Owner(Owner.Kind.BRIDGE, bridge.id()));
            } else if (value instanceof Playback playback) {
                addTarget(owners, playback.targetUri());
            } else if (value instanceof LiveRecording recording) {
                addTarget(owners, recording.targetUri());
            }
        }
        return new ArrayList<>(owners);
    }

    /** {@code channel:<id>} or {@code bridge:<id>}; endpoints and device targets have no entity. */
    private static void addTarget(Set<Owner> owners, String targetUri) {
        if (targetUri == null) {
            return;
        }
        if (targetUri.startsWith("channel:")) {
            owners.add(new Owner(Owner.Kind.CHANNEL, targetUri.substring("channel:".length())));
        } else if (targetUri.startsWith("bridge:")) {
            owners.add(new Owner(Owner.Kind.BRIDGE, targetUri.substring("bridge:".length())));
        }
    }

    private static List<Accessor> accessorsOf(Class<?> type) {
        if (!type.isRecord()) {
            return List.of();
        }
        List<Accessor> out = new ArrayList<>();
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        for (RecordComponent component : type.getRecordComponents()) {
            Class<?> t = component.getType();
            // replace_channel (StasisStart) is the channel being replaced, not an owner of the event
            if (component.getName().equals("replaceChannel")) {
                continue;
            }
            if (t == Channel.class || t == Bridge.class || t == Playback.class || t == LiveRecording.class) {
                try {
                    out.add(new Accessor(lookup.unreflect(component.getAccessor()), t));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return List.copyOf(out);
    }
}
