package io.switchboard.platform.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.actors.serialization.CborSerializable;
import io.switchboard.conferencing.room.RoomEntity;
import io.switchboard.queues.queue.QueueEntity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.junit.jupiter.api.Test;

/**
 * Nothing that is journaled or snapshotted may hold an actor reference: it means nothing once its actor or node is
 * gone, yet the journal keeps it forever. Every event-sourced entity of the project is found on the classpath; its
 * event and state types, and every type their fields can hold (generic arguments, arrays, and every project class
 * implementing a field's interface), are walked, and any field that can hold an {@code ActorRef} fails the test.
 */
class NothingTransientPersistedTest {
    private static final String PROJECT = "io.switchboard.";
    private static final List<Class<?>> TRANSIENT = List.of(org.apache.pekko.actor.typed.ActorRef.class,
            org.apache.pekko.actor.ActorRef.class);

    private final List<Class<?>> projectClasses = scan(QueueEntity.class, RoomEntity.class, CborSerializable.class);

    @Test
    void noEventOrStateOfAnyEntityCanHoldAnActorRef() {
        List<Class<?>> entities = projectClasses.stream().filter(EventSourcedBehavior.class::isAssignableFrom)
                .filter(c -> !Modifier.isAbstract(c.getModifiers())).toList();
        assertTrue(entities.size() >= 3, "the queue, agent and room entities at least: " + entities);

        Map<String, String> offending = new LinkedHashMap<>();
        int walked = 0;
        for (Class<?> entity : entities) {
            Type[] args = ((ParameterizedType) entity.getGenericSuperclass()).getActualTypeArguments();
            // EventSourcedBehavior<Command, Event, State>: events are journaled, the state is snapshotted
            walked += walk(List.of(args[1], args[2]), entity.getSimpleName(), offending);
        }
        assertTrue(walked > 20, "walked only " + walked + " types: the scan found too little");
        assertEquals(Map.of(), offending, "fields that can hold an ActorRef in what is persisted");
    }

    @Test
    void theWalkFindsAnActorRefWhereOneIs() {
        record Holder(Map<String, List<org.apache.pekko.actor.typed.ActorRef<String>>> flows) {
        }
        Map<String, String> offending = new LinkedHashMap<>();
        walk(List.of(Holder.class), "test", offending);
        assertEquals(List.of(Holder.class.getName() + ".flows"), List.copyOf(offending.keySet()));
    }

    /** Walks every type reachable from {@code roots}; returns how many it walked. */
    private int walk(List<Type> roots, String from, Map<String, String> offending) {
        Deque<Type> pending = new ArrayDeque<>(roots);
        List<Class<?>> seen = new ArrayList<>();
        while (!pending.isEmpty()) {
            Class<?> type = raw(pending.pop(), pending);
            if (type == null || seen.contains(type)) {
                continue;
            }
            seen.add(type);
            if (!type.getName().startsWith(PROJECT)) {
                continue;
            }
            if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
                projectClasses.stream().filter(type::isAssignableFrom).filter(c -> c != type).forEach(pending::push);
            }
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers()) || Modifier.isTransient(field.getModifiers())) {
                        continue;
                    }
                    if (holdsTransient(field.getGenericType())) {
                        offending.put(c.getName() + "." + field.getName(), "reached from " + from + ": "
                                + field.getGenericType().getTypeName());
                    }
                    pending.push(field.getGenericType());
                }
            }
        }
        return seen.size();
    }

    /** The class of {@code type}, its generic arguments and array components queued for the walk too. */
    private static Class<?> raw(Type type, Deque<Type> pending) {
        if (type instanceof Class<?> c) {
            if (c.isArray()) {
                pending.push(c.getComponentType());
                return null;
            }
            return c;
        }
        if (type instanceof ParameterizedType p) {
            List.of(p.getActualTypeArguments()).forEach(pending::push);
            return raw(p.getRawType(), pending);
        }
        if (type instanceof GenericArrayType a) {
            pending.push(a.getGenericComponentType());
        } else if (type instanceof WildcardType w) {
            List.of(w.getUpperBounds()).forEach(pending::push);
        } else if (type instanceof TypeVariable<?> v) {
            List.of(v.getBounds()).forEach(pending::push);
        }
        return null;
    }

    private static boolean holdsTransient(Type type) {
        Deque<Type> parts = new ArrayDeque<>(List.of(type));
        while (!parts.isEmpty()) {
            Class<?> c = raw(parts.pop(), parts);
            if (c != null && TRANSIENT.stream().anyMatch(t -> t.isAssignableFrom(c))) {
                return true;
            }
        }
        return false;
    }

    /** The project's classes in the folders or jars that hold the given classes (queues, conferencing, actors). */
    private static List<Class<?>> scan(Class<?>... anchors) {
        List<Class<?>> out = new ArrayList<>();
        for (Class<?> anchor : anchors) {
            try {
                Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
                for (String name : classNames(location)) {
                    if (name.startsWith(PROJECT) && !name.endsWith("package-info")) {
                        out.add(Class.forName(name, false, anchor.getClassLoader()));
                    }
                }
            } catch (URISyntaxException | ClassNotFoundException e) {
                throw new IllegalStateException("cannot scan the classes beside " + anchor, e);
            }
        }
        return out;
    }

    private static List<String> classNames(Path location) {
        try {
            if (Files.isDirectory(location)) {
                try (Stream<Path> files = Files.walk(location)) {
                    return files.filter(f -> f.toString().endsWith(".class")).map(f -> location.relativize(f)
                            .toString().replace('/', '.').replaceAll("\\.class$", "")).toList();
                }
            }
            try (JarFile jar = new JarFile(location.toFile())) {
                return jar.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class"))
                        .map(n -> n.replace('/', '.').replaceAll("\\.class$", "")).toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
