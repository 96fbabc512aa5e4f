package io.switchboard.simulator.state;

import io.switchboard.ari.events.ApplicationReplaced;
import io.switchboard.ari.json.AriJson;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The registry of Stasis applications, as res/res_stasis.c keeps it. A second socket for the same name
 * replaces the first (which is told so and then hears nothing). When the holding socket closes the app is
 * deactivated, not removed (stasis_app_unregister): it keeps what it follows, hears nothing, fails Stasis()
 * and still shows in /applications; a new socket for the name reactivates it with all that (app_update).
 * An inactive app following nothing is removed at the points where Asterisk runs its cleanup(): a socket
 * registering or closing, a channel leaving Stasis or moving to another app. Device-state subscriptions are
 * kept by app name (res_stasis_device_state.c), so they outlive the app and apply to its next registration.
 */
public final class StasisApps {
    private final Map<String, StasisApp> apps = new LinkedHashMap<>();
    private final Map<String, Set<String>> devicesByApp = new HashMap<>();
    private final Supplier<String> timestamp;
    private final String asteriskId;

    public StasisApps(Supplier<String> timestamp, String asteriskId) {
        this.timestamp = timestamp;
        this.asteriskId = asteriskId;
    }

    /** res/res_stasis.c __stasis_app_register: an app already in the registry is updated, not recreated. */
    public StasisApp register(String name, AppSocket socket, boolean subscribeAll) {
        StasisApp app = apps.get(name);
        if (app == null) {
            app = new StasisApp(name, socket, subscribeAll,
                    devicesByApp.computeIfAbsent(name, n -> new LinkedHashSet<>()));
            apps.put(name, app);
        } else {
            // app_update: only an active app is replaced (and told so, through its event filter); an existing
            // app keeps its subscription model, so subscribeAll is neither given nor taken back here
            if (app.active() && app.allows("ApplicationReplaced")) {
                app.socket().send(AriJson.encode(new ApplicationReplaced(asteriskId, name, timestamp.get())));
            }
            app.activate(socket);
        }
        cleanup();
        return app;
    }

    /** Called when a socket closes: deactivates every app this socket still holds. */
    public List<String> deactivate(AppSocket socket) {
        List<StasisApp> held = apps.values().stream().filter(a -> a.socket() == socket).toList();
        held.forEach(StasisApp::deactivate);
        cleanup();
        return held.stream().map(a -> a.name).toList();
    }

    /** res/res_stasis.c cleanup(): removes the inactive apps that follow nothing any more. */
    public void cleanup() {
        apps.values().removeIf(StasisApp::finished);
    }

    /** An app in the registry, active or not. */
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

    /** In the registry, active or not (res/res_stasis.c stasis_app_is_registered). */
    public boolean registered(String name) {
        return apps.containsKey(name);
    }

    /** Registered and held by a socket (res/stasis/app.c app_is_active). */
    public boolean active(String name) {
        StasisApp app = apps.get(name);
        return app != null && app.active();
    }

    /** Every app in the registry, inactive ones included (res/res_stasis.c stasis_app_get_all). */
    public Collection<StasisApp> all() {
        return apps.values();
    }
}
