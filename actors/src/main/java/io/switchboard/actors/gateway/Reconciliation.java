package io.switchboard.actors.gateway;

import io.switchboard.actors.bridge.BridgeEntity;
import io.switchboard.actors.channel.ChannelEntity;
import io.switchboard.actors.settings.AsteriskServer;
import io.switchboard.ari.events.AriEvent;
import io.switchboard.ari.events.BridgeDestroyed;
import io.switchboard.ari.events.ChannelDestroyed;
import io.switchboard.ari.events.StasisEnd;
import io.switchboard.ari.model.Bridge;
import io.switchboard.ari.model.Channel;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

/**
 * The gateway's view of which channels and bridges are live, and how it squares that view with what Asterisk
 * lists: after a (re)connect, when events may have been missed, and on every sweep, when entities may have
 * been lost with a node.
 */
final class Reconciliation {

    /** What one reconciliation did. */
    record Outcome(int channels, int bridges, int adopted, int gone) {
    }

    private final AsteriskServer server;
    private final ClusterSharding sharding;
    private final Set<String> liveChannels = new HashSet<>();
    private final Set<String> liveBridges = new HashSet<>();
    /** Channels and bridges that ended while a snapshot was being taken. */
    private final Set<String> endedDuringSnapshot = new HashSet<>();
    /** ...and those that appeared meanwhile, which the snapshot may not show yet. */
    private final Set<String> startedDuringSnapshot = new HashSet<>();

    Reconciliation(AsteriskServer server, ClusterSharding sharding) {
        this.server = server;
        this.sharding = sharding;
    }

    /** Routes an event to the entities it concerns, in socket order, and keeps the live sets. */
    void route(AriEvent event) {
        for (EventOwners.Owner owner : EventOwners.of(event)) {
            String entityId = EntityIds.of(server.id(), owner.id());
            if (owner.kind() == EventOwners.Owner.Kind.CHANNEL) {
                boolean ends = event instanceof ChannelDestroyed || event instanceof StasisEnd;
                if (ends) {
                    liveChannels.remove(owner.id());
                    endedDuringSnapshot.add(owner.id());
                } else if (liveChannels.add(owner.id())) {
                    startedDuringSnapshot.add(owner.id());
                }
                sharding.entityRefFor(ChannelEntity.TYPE_KEY, entityId).tell(new ChannelEntity.EventReceived(event));
            } else {
                if (event instanceof BridgeDestroyed) {
                    liveBridges.remove(owner.id());
                    endedDuringSnapshot.add(owner.id());
                } else if (liveBridges.add(owner.id())) {
                    startedDuringSnapshot.add(owner.id());
                }
                sharding.entityRefFor(BridgeEntity.TYPE_KEY, entityId).tell(new BridgeEntity.EventReceived(event));
            }
        }
    }

    /** A snapshot is about to be taken: from now on note what starts and ends until it is applied. */
    void snapshotRequested() {
        endedDuringSnapshot.clear();
        startedDuringSnapshot.clear();
    }

    /**
     * Squares the live sets with Asterisk's lists. After a reconnect ({@code sweep} false) known channels are
     * resynced, since events may have been missed. On a sweep they are only reminded, which costs a known
     * entity nothing and starts a lost one again. Channels of our applications that nobody knew are adopted;
     * entities whose channel or bridge is gone are told so.
     */
    Outcome apply(List<Channel> channels, List<Bridge> bridges, boolean sweep) {
        Set<String> channelsNow = new HashSet<>();
        int adopted = 0;
        for (Channel channel : channels) {
            channelsNow.add(channel.id());
            if (endedDuringSnapshot.contains(channel.id())) {
                continue;
            }
            if (liveChannels.contains(channel.id())) {
                channelRef(channel.id()).tell(sweep ? new ChannelEntity.Sweep(channel)
                        : new ChannelEntity.Resync(channel));
            } else if (inOurApps(channel)) {
                liveChannels.add(channel.id());
                channelRef(channel.id()).tell(new ChannelEntity.Adopt(channel));
                adopted++;
            }
        }
        Set<String> bridgesNow = new HashSet<>();
        bridges.forEach(b -> bridgesNow.add(b.id()));
        int gone = 0;
        for (String id : Set.copyOf(liveChannels)) {
            if (!channelsNow.contains(id) && !startedDuringSnapshot.contains(id)) {
                liveChannels.remove(id);
                channelRef(id).tell(new ChannelEntity.Gone("ended while its events were not heard"));
                gone++;
            }
        }
        for (String id : Set.copyOf(liveBridges)) {
            if (!bridgesNow.contains(id) && !startedDuringSnapshot.contains(id)) {
                liveBridges.remove(id);
                sharding.entityRefFor(BridgeEntity.TYPE_KEY, EntityIds.of(server.id(), id))
                        .tell(new BridgeEntity.Gone("destroyed while its events were not heard"));
                gone++;
            }
        }
        return new Outcome(liveChannels.size(), liveBridges.size(), adopted, gone);
    }

    int liveChannels() {
        return liveChannels.size();
    }

    int liveBridges() {
        return liveBridges.size();
    }

    private boolean inOurApps(Channel channel) {
        if (channel.dialplan() == null || !"Stasis".equals(channel.dialplan().appName())) {
            return false;
        }
        String data = channel.dialplan().appData() == null ? "" : channel.dialplan().appData();
        String app = data.split(",", 2)[0];
        return server.ari().apps().contains(app);
    }

    private EntityRef<ChannelEntity.Command> channelRef(String id) {
        return sharding.entityRefFor(ChannelEntity.TYPE_KEY, EntityIds.of(server.id(), id));
    }
}
