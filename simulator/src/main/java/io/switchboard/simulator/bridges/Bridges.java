package io.switchboard.simulator.bridges;

import io.switchboard.ari.events.BridgeCreated;
import io.switchboard.ari.events.BridgeDestroyed;
import io.switchboard.ari.events.ChannelEnteredBridge;
import io.switchboard.ari.events.ChannelLeftBridge;
import io.switchboard.ari.model.Bridge;
import io.switchboard.ari.model.Channel;
import io.switchboard.simulator.channels.ChannelEvents;
import io.switchboard.simulator.channels.ChannelLifecycle;
import io.switchboard.simulator.state.AriError;
import io.switchboard.simulator.state.AsteriskState;
import io.switchboard.simulator.state.SimBridge;
import io.switchboard.simulator.state.SimChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Bridges: membership, the BRIDGEPEER bookkeeping Asterisk does for two-party mixing, and which bridges an
 * app follows. An app follows a bridge once per channel of its own that joined; a channel that departs
 * (removed, moved, bridge destroyed) takes that away, one that hangs up inside does not.
 */
public final class Bridges {
    private final AsteriskState ast;
    private final ChannelEvents events;
    private final List<Consumer<SimBridge>> destroyHooks = new ArrayList<>();

    public Bridges(AsteriskState ast, ChannelEvents events, ChannelLifecycle lifecycle) {
        this.ast = ast;
        this.events = events;
        lifecycle.onHangup(ch -> {
            if (ch.bridgeId != null && ast.bridges.containsKey(ch.bridgeId)) {
                leave(ch, ast.bridges.get(ch.bridgeId), false);
            }
        });
    }

    public void onDestroy(Consumer<SimBridge> hook) {
        destroyHooks.add(hook);
    }

    public SimBridge create(String id, String type, String name) {
        String bridgeId = id != null ? id : java.util.UUID.randomUUID().toString();
        if (ast.bridges.containsKey(bridgeId)) {
            throw AriError.conflict("Bridge with id '" + bridgeId + "' already exists");
        }
        String kind = type != null && type.contains("holding") ? "holding" : "mixing";
        SimBridge bridge = new SimBridge(bridgeId, kind, name == null ? "" : name, ast.timestamp());
        ast.bridges.put(bridgeId, bridge);
        Bridge model = bridge.toModel();
        String ts = ast.timestamp();
        ast.bus.toBridge(bridge, app -> new BridgeCreated(ast.asteriskId, app, ts, model));
        return bridge;
    }

    public void addChannels(String bridgeId, String channelList) {
        SimBridge bridge = ast.requireBridge(bridgeId);
        List<SimChannel> channels = resolve(channelList);
        for (SimChannel ch : channels) {
            if (!ch.inStasis()) {
                throw AriError.unprocessable("Channel not in Stasis application");
            }
        }
        for (SimChannel ch : channels) {
            if (bridge.id.equals(ch.bridgeId)) {
                continue;
            }
            if (ch.bridgeId != null && ast.bridges.containsKey(ch.bridgeId)) {
                leave(ch, ast.bridges.get(ch.bridgeId), true);
            }
            join(ch, bridge);
        }
    }

    public void removeChannels(String bridgeId, String channelList) {
        SimBridge bridge = ast.requireBridge(bridgeId);
        List<SimChannel> channels = resolve(channelList);
        for (SimChannel ch : channels) {
            if (!bridge.id.equals(ch.bridgeId)) {
                throw AriError.unprocessable("Channel not in this bridge");
            }
        }
        channels.forEach(ch -> leave(ch, bridge, true));
    }

    public void destroy(String bridgeId) {
        SimBridge bridge = ast.requireBridge(bridgeId);
        for (String id : List.copyOf(bridge.channels)) {
            ast.channel(id).ifPresent(ch -> leave(ch, bridge, true));
        }
        destroyHooks.forEach(h -> h.accept(bridge));
        Bridge model = bridge.toModel();
        String ts = ast.timestamp();
        ast.bus.toBridge(bridge, app -> new BridgeDestroyed(ast.asteriskId, app, ts, model));
        ast.bridges.remove(bridge.id);
        ast.apps.all().forEach(app -> app.forgetBridge(bridge.id));
    }

    public void startMoh(String bridgeId, String mohClass) {
        SimBridge bridge = ast.requireBridge(bridgeId);
        bridge.mohClass = mohClass == null ? "default" : mohClass;
    }

    public void stopMoh(String bridgeId) {
        SimBridge bridge = ast.requireBridge(bridgeId);
        if (bridge.mohClass == null) {
            throw AriError.conflict("Bridge isn't playing music");
        }
        bridge.mohClass = null;
    }

    /** Sets BRIDGEPEER on each member to the others, with {@code extraPeer} (an announcer) first when given. */
    public void refreshPeers(SimBridge bridge, String extraPeer) {
        if (bridge.holding()) {
            return;
        }
        List<SimChannel> members = members(bridge);
        for (SimChannel ch : members) {
            List<String> peers = new ArrayList<>();
            if (extraPeer != null) {
                peers.add(extraPeer);
            }
            members.stream().filter(o -> o != ch).map(o -> o.name).forEach(peers::add);
            if (peers.isEmpty()) {
                continue;
            }
            String value = String.join(",", peers);
            if (!value.equals(ch.variables.getOrDefault("BRIDGEPEER", ""))) {
                events.varset(ch, "BRIDGEPEER", value);
            }
        }
    }

    private void join(SimChannel ch, SimBridge bridge) {
        bridge.channels.add(ch.id);
        ch.bridgeId = bridge.id;
        ast.apps.find(ch.stasisApp).ifPresent(app -> app.followBridge(bridge.id));
        Bridge model = bridge.toModel();
        Channel channel = ch.toModel();
        String ts = ast.timestamp();
        ast.bus.toChannelInBridge(ch, bridge, app -> new ChannelEnteredBridge(ast.asteriskId, app, ts, model, channel));
        if (bridge.holding() || bridge.channels.size() < 2) {
            return;
        }
        List<SimChannel> members = members(bridge);
        members.stream().filter(m -> m != ch).forEach(m -> ast.callRecords.talking(ch.id, m.id));
        List<SimChannel> joinerLast = new ArrayList<>(members.stream().filter(m -> m != ch).toList());
        joinerLast.add(ch);
        for (SimChannel member : joinerLast) {
            List<SimChannel> others = members.stream().filter(o -> o != member).toList();
            String value = String.join(",", others.stream().map(o -> o.name).toList());
            if (!value.equals(member.variables.getOrDefault("BRIDGEPEER", ""))) {
                events.varset(member, "BRIDGEPEER", value);
            }
            if (others.size() == 1 && others.get(0).kind == SimChannel.Kind.PJSIP) {
                events.varset(member, "BRIDGEPVTCALLID", others.get(0).protocolId);
            }
        }
        if (members.size() == 2) {
            for (SimChannel member : members) {
                SimChannel other = members.get(0) == member ? members.get(1) : members.get(0);
                events.connectTo(member, other.callerName, other.callerNumber);
            }
        }
    }

    private void leave(SimChannel ch, SimBridge bridge, boolean departure) {
        for (String variable : List.of("BRIDGEPEER", "BRIDGEPVTCALLID")) {
            if (!ch.variables.getOrDefault(variable, "").isEmpty()) {
                events.varset(ch, variable, "");
            }
        }
        bridge.channels.remove(ch.id);
        ch.bridgeId = null;
        Bridge model = bridge.toModel();
        Channel channel = ch.toModel();
        String ts = ast.timestamp();
        ast.bus.toChannelInBridge(ch, bridge, app -> new ChannelLeftBridge(ast.asteriskId, app, ts, model, channel));
        if (departure) {
            ast.apps.find(ch.stasisApp).ifPresent(app -> app.unfollowBridge(bridge.id));
        }
        if (bridge.channels.isEmpty()) {
            bridge.mohClass = null;
        }
    }

    private List<SimChannel> members(SimBridge bridge) {
        return bridge.channels.stream().map(id -> ast.channels.get(id)).filter(c -> c != null).toList();
    }

    private List<SimChannel> resolve(String channelList) {
        if (channelList == null || channelList.isBlank()) {
            throw AriError.badRequest("Missing parameter channel");
        }
        List<SimChannel> result = new ArrayList<>();
        for (String id : channelList.split(",")) {
            result.add(ast.channel(id.trim()).orElseThrow(() -> AriError.badRequest("Channel not found")));
        }
        return result;
    }
}
