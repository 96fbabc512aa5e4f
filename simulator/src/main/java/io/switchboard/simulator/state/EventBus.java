package io.switchboard.simulator.state;

import io.switchboard.ari.events.AriEvent;
import io.switchboard.ari.json.AriJson;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Decides which apps hear an event and sends it on their sockets; an app without a socket hears nothing.
 * An event is built per app because it names the receiving application. A channel event reaches an app
 * once per way the app follows the channel: the channel itself, and its endpoint when the app subscribed
 * to that endpoint (Asterisk then delivers it twice).
 */
public final class EventBus {
    private final StasisApps apps;
    private final List<Consumer<AriEvent>> taps = new ArrayList<>();

    public EventBus(StasisApps apps) {
        this.apps = apps;
    }

    /** Sees every event sent to any socket (tests validate shapes with it). */
    public void tap(Consumer<AriEvent> tap) {
        taps.add(tap);
    }

    public void toChannel(SimChannel channel, Function<String, AriEvent> event) {
        for (StasisApp app : List.copyOf(apps.all())) {
            int copies = app.subscribeAll() || app.follows(channel.id) ? 1 : 0;
            if (channel.endpoint != null && app.endpoints.contains(channel.endpoint)) {
                copies++;
            }
            send(app, event, copies);
        }
    }

    public void toBridge(SimBridge bridge, Function<String, AriEvent> event) {
        for (StasisApp app : List.copyOf(apps.all())) {
            send(app, event, app.subscribeAll() || app.followsBridge(bridge.id) ? 1 : 0);
        }
    }

    /** Bridge membership events: heard once by apps following the channel or the bridge. */
    public void toChannelInBridge(SimChannel channel, SimBridge bridge, Function<String, AriEvent> event) {
        for (StasisApp app : List.copyOf(apps.all())) {
            boolean hears = app.subscribeAll() || app.follows(channel.id) || app.followsBridge(bridge.id);
            send(app, event, hears ? 1 : 0);
        }
    }

    public void toEndpoint(String endpoint, Function<String, AriEvent> event) {
        for (StasisApp app : List.copyOf(apps.all())) {
            send(app, event, app.subscribeAll() || app.endpoints.contains(endpoint) ? 1 : 0);
        }
    }

    public void toDevice(String device, Function<String, AriEvent> event) {
        for (StasisApp app : List.copyOf(apps.all())) {
            send(app, event, app.subscribeAll() || app.devices.contains(device) ? 1 : 0);
        }
    }

    public void toApp(String appName, Function<String, AriEvent> event) {
        apps.find(appName).ifPresent(app -> send(app, event, 1));
    }

    public void toAllApps(Function<String, AriEvent> event) {
        for (StasisApp app : List.copyOf(apps.all())) {
            send(app, event, 1);
        }
    }

    private void send(StasisApp app, Function<String, AriEvent> factory, int copies) {
        // an inactive app misses the message (res/stasis/app.c app_send)
        if (copies == 0 || !app.active()) {
            return;
        }
        AriEvent event = factory.apply(app.name);
        if (!app.allows(event.type())) {
            return;
        }
        String frame = AriJson.encode(event);
        for (int i = 0; i < copies; i++) {
            taps.forEach(t -> t.accept(event));
            app.socket().send(frame);
        }
    }
}
