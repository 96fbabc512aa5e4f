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
 * followed while any reason remains.
 */
public final class StasisApp {
    public enum Follow { STASIS, ORIGINATED, DIAL_PARTY, EXPLICIT }

    public final String name;
    public final AppSocket socket;
    public final boolean subscribeAll;
    private final Map<String, Set<Follow>> channels = new LinkedHashMap<>();
    private final Map<String, Integer> bridges = new LinkedHashMap<>();
    public final Set<String> endpoints = new LinkedHashSet<>();
    public final Set<String> devices = new LinkedHashSet<>();
    public List<JsonNode> allowed = new ArrayList<>();
    public List<JsonNode> disallowed = new ArrayList<>();

    public StasisApp(String name, AppSocket socket, boolean subscribeAll) {
        this.name = name;
        this.socket = socket;
        this.subscribeAll = subscribeAll;
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
