package io.switchboard.platform.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingQuery;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /api/cluster}: this node's view of the cluster (members, their status and roles, the oldest, the
 * unreachable) and the shards and entity ids of every sharded entity type that this node hosts, so that an
 * operator or a test can tell which node runs, say, queue {@code support}.
 */
final class ClusterRoutes extends ApiDirectives {

    ClusterRoutes(ActorSystem<?> system) {
        super(system);
    }

    record MemberView(String address, String status, List<String> roles, int upNumber, boolean reachable) {
    }

    /**
     * @param shards     shard id to the ids of the entities running in it on this node
     * @param unanswered shards that did not report their entities in time
     */
    record HostedEntities(int entityCount, Map<String, List<String>> shards, List<String> unanswered) {
    }

    /**
     * @param oldest the oldest Up (or Leaving) member: where cluster singletons run; null while none is Up
     * @param hosted sharded entity type name (e.g. Queue, Agent, Channel, Bridge) to what this node hosts of it
     */
    record ClusterView(String self, String selfStatus, String leader, String oldest, List<MemberView> members,
                       List<String> unreachable, Map<String, HostedEntities> hosted) {
    }

    Route route() {
        return path("cluster", () -> get(() -> respond(view())));
    }

    private CompletionStage<ClusterView> view() {
        Cluster cluster = Cluster.get(system);
        ClusterEvent.CurrentClusterState state = cluster.state();
        TreeSet<String> unreachable = new TreeSet<>();
        state.getUnreachable().forEach(m -> unreachable.add(m.address().toString()));
        List<Member> members = StreamSupport.stream(state.getMembers().spliterator(), false).toList();
        List<MemberView> memberViews = members.stream()
                .map(m -> new MemberView(m.address().toString(), status(m.status()), new ArrayList<>(new TreeSet<>(
                        m.getRoles())), m.upNumber(), !unreachable.contains(m.address().toString())))
                .sorted(Comparator.comparing(MemberView::address)).toList();
        String oldest = members.stream()
                .filter(m -> m.status() == MemberStatus.up() || m.status() == MemberStatus.leaving())
                .reduce((a, b) -> a.isOlderThan(b) ? a : b)
                .map(m -> m.address().toString()).orElse(null);
        String leader = Optional.ofNullable(state.getLeader()).map(Object::toString).orElse(null);
        return hosted().thenApply(hosted -> new ClusterView(cluster.selfMember().address().toString(),
                status(cluster.selfMember().status()), leader, oldest, memberViews, List.copyOf(unreachable), hosted));
    }

    /** Asks the shard region of every entity type started on this node what it hosts. */
    private CompletionStage<Map<String, HostedEntities>> hosted() {
        TreeSet<String> typeNames = new TreeSet<>(org.apache.pekko.cluster.sharding.ClusterSharding
                .get(Adapter.toClassic(system)).getShardTypeNames());
        TreeMap<String, CompletableFuture<HostedEntities>> asks = new TreeMap<>();
        for (String typeName : typeNames) {
            EntityTypeKey<Object> key = EntityTypeKey.create(Object.class, typeName);
            asks.put(typeName, this.<ClusterShardingQuery, ShardRegion.CurrentShardRegionState>ask(
                    ClusterSharding.get(system).shardState(),
                    replyTo -> new GetShardRegionState(key, replyTo))
                    .thenApply(ClusterRoutes::hostedEntities).toCompletableFuture());
        }
        return CompletableFuture.allOf(asks.values().toArray(CompletableFuture[]::new)).thenApply(done -> {
            TreeMap<String, HostedEntities> out = new TreeMap<>();
            asks.forEach((type, ask) -> out.put(type, ask.join()));
            return out;
        });
    }

    private static HostedEntities hostedEntities(ShardRegion.CurrentShardRegionState state) {
        TreeMap<String, List<String>> shards = new TreeMap<>();
        int count = 0;
        for (ShardRegion.ShardState shard : state.getShards()) {
            shards.put(shard.shardId(), List.copyOf(new TreeSet<>(shard.getEntityIds())));
            count += shard.getEntityIds().size();
        }
        return new HostedEntities(count, shards, List.copyOf(new TreeSet<>(state.getFailed())));
    }

    /** Pekko's member status in the API's lower-case words: up, joining, weakly-up, leaving, exiting, down... */
    static String status(MemberStatus status) {
        return status.toString().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
