package io.switchboard.simulator.state;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ari.model.Application;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A registered Stasis application: its socket and what it follows. A channel can be followed for several
 * reasons at once (in Stasis, originated by the app, caller of a dial, explicit subscription); it stays
 * followed while any reason remains. Without a socket the app is inactive: it keeps what it follows but
 * hears nothing (res/stasis/app.c app_deactivate, app_send) until a socket registers its name again.
 */
public final class StasisApp {
    public enum Follow { STASIS, ORIGINATED, DIAL_PARTY, EXPLICIT }

    public final String name;
    private AppSocket socket;
    private boolean subscribeAll;
    private final Map<String, Set<Follow>> channels = new LinkedHashMap<>();
    private final Map<String, Integer> bridges = new LinkedHashMap<>();
    public final Set<String> endpoints = new LinkedHashSet<>();
    /** Shared with every app of this name (see {@link StasisApps}). */
    public final Set<String> devices;
    public List<JsonNode> allowed = new ArrayList<>();
    public List<JsonNode> disallowed = new ArrayList<>();

    StasisApp(String name, AppSocket socket, boolean subscribeAll, Set<String> devices) {
        this.name = name;
        this.socket = socket;
        this.subscribeAll = subscribeAll;
        this.devices = devices;
    }

    /** The socket the app's events go to; null while the app is inactive. */
    public AppSocket socket() {
        return socket;
    }

    public boolean active() {
        return socket != null;
    }

    public boolean subscribeAll() {
        return subscribeAll;
    }

    /** A socket took the app (res/stasis/app.c app_update): what it follows and its filters stay. */
    void activate(AppSocket newSocket) {
        socket = newSocket;
    }

    /**
     * The socket is gone (res/res_stasis.c stasis_app_unregister): the subscriptions to all channels,
     * bridges, endpoints and device states are dropped, then the handler is cleared (app_deactivate).
     */
    void deactivate() {
        socket = null;
        subscribeAll = false;
    }

    /**
     * res/stasis/app.c app_is_finished: inactive and forwarding no channel, bridge or endpoint. Device-state
     * subscriptions are no forwards, so they do not keep an app.
     */
    boolean finished() {
        return !active() && channels.isEmpty() && bridges.isEmpty() && endpoints.isEmpty();
    }

    public void follow(String channelId, Follow reason) {
        channels.computeIfAbsent(channelId, id -> new LinkedHashSet<>()).add(reason);
    }

    public void unfollow(String channelId, Follow reason) {
        Set<Follow> reasons = channels.get(channelId);
        if (reasons != null) {
            reasons.remove(reason);
            if (reasons.isEmpty()) {
                channels.remove(channelId);
            }
        }
    }

    public void forgetChannel(String channelId) {
        channels.remove(channelId);
    }

    public boolean follows(String channelId) {
        return channels.containsKey(channelId);
    }

    public boolean followsExplicitly(String channelId) {
        return channels.getOrDefault(channelId, Set.of()).contains(Follow.EXPLICIT);
    }

    public void followBridge(String bridgeId) {
        bridges.merge(bridgeId, 1, Integer::sum);
    }

    public void unfollowBridge(String bridgeId) {
        bridges.computeIfPresent(bridgeId, (id, n) -> n > 1 ? n - 1 : null);
    }

    public void forgetBridge(String bridgeId) {
        bridges.remove(bridgeId);
    }

    public boolean followsBridge(String bridgeId) {
        return bridges.containsKey(bridgeId);
    }

    /** Whether the app's event filter lets an event of this type through. */
    public boolean allows(String type) {
        if (!allowed.isEmpty() && allowed.stream().noneMatch(f -> type.equals(f.path("type").asText()))) {
            return false;
        }
        return disallowed.stream().noneMatch(f -> type.equals(f.path("type").asText()));
    }

    public Application toModel() {
        if (subscribeAll) {
            return new Application(name, List.of("__AST_CHANNEL_ALL_TOPIC"), List.of("__AST_BRIDGE_ALL_TOPIC"),
                    List.of("__AST_ENDPOINT_ALL_TOPIC"), List.of("__AST_DEVICE_STATE_ALL_TOPIC"),
                    List.copyOf(allowed), List.copyOf(disallowed));
        }
        List<String> explicitOrFollowed = new ArrayList<>(channels.keySet());
        return new Application(name, explicitOrFollowed, new ArrayList<>(bridges.keySet()),
                new ArrayList<>(endpoints), new ArrayList<>(devices), List.copyOf(allowed), List.copyOf(disallowed));
    }

    Map<String, Integer> bridgeCounts() {
        return new HashMap<>(bridges);
    }
}
