package io.switchboard.simulator.state;

import io.switchboard.ari.events.ApplicationReplaced;
import io.switchboard.ari.json.AriJson;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The registry of Stasis applications. An app exists while a socket holds it; a second socket for the
 * same name replaces the first (which is told so and then hears nothing), and when the holding socket
 * closes the app is gone even if a replaced socket is still open.
 */
public final class StasisApps {
    private final Map<String, StasisApp> apps = new LinkedHashMap<>();
    private final Supplier<String> timestamp;
    private final String asteriskId;

    public StasisApps(Supplier<String> timestamp, String asteriskId) {
        this.timestamp = timestamp;
        this.asteriskId = asteriskId;
    }

    public StasisApp register(String name, AppSocket socket, boolean subscribeAll) {
        StasisApp previous = apps.get(name);
        if (previous != null) {
            previous.socket.send(AriJson.encode(new ApplicationReplaced(asteriskId, name, timestamp.get())));
        }
        StasisApp app = new StasisApp(name, socket, subscribeAll);
        apps.put(name, app);
        return app;
    }

    /** Called when a socket closes: drops every app this socket still holds. */
    public List<String> unregister(AppSocket socket) {
        List<String> gone = apps.values().stream().filter(a -> a.socket == socket).map(a -> a.name).toList();
        gone.forEach(apps::remove);
        return gone;
    }

    public Optional<StasisApp> find(String name) {
        return Optional.ofNullable(apps.get(name));
    }

    public StasisApp require(String name) {
        StasisApp app = apps.get(name);
        if (app == null) {
            throw AriError.notFound("Application not found");
        }
        return app;
    }

    public boolean registered(String name) {
        return apps.containsKey(name);
    }

    public Collection<StasisApp> all() {
        return apps.values();
    }
}
