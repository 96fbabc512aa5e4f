package io.switchboard.queues.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.actors.SwitchboardActors;
import io.switchboard.actors.channel.ChannelEntity;
import io.switchboard.actors.gateway.AriGateway;
import io.switchboard.ari.events.PlaybackStarted;
import io.switchboard.queues.agent.AgentState;
import io.switchboard.simulator.phones.PhoneScript;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What callers and agents hear: position, estimated wait, and the queue's name to the agent. */
class QueueAnnouncementTest {
    private static final Duration STEP = Duration.ofMillis(250);
    /** The queues' tick in queues-test.conf: announcements come due on a tick. */
    private static final Duration TICK = Duration.ofMillis(100);
    private final Map<String, List<String>> heard = new ConcurrentHashMap<>();
    /** When (on the one clock) each channel's playbacks started, in order. */
    private final Map<String, List<Instant>> heardAt = new ConcurrentHashMap<>();
    private final java.util.Set<String> bridged = ConcurrentHashMap.newKeySet();

    @RegisterExtension
    final QueueHarnessExtension node = new QueueHarnessExtension();

    private void listen() {
        node.harness().sim().tapEvents(event -> {
            if (event instanceof io.switchboard.ari.events.ChannelEnteredBridge entered) {
                bridged.add(entered.channel().id());
            }
            if (event instanceof PlaybackStarted started && started.playback().targetUri().startsWith("channel:")) {
                String channel = started.playback().targetUri().substring(8);
                heardAt.computeIfAbsent(channel, id -> new CopyOnWriteArrayList<>()).add(node.harness().time().now());
                heard.computeIfAbsent(channel, id -> new CopyOnWriteArrayList<>()).add(started.playback().mediaUri());
            }
        });
    }

    private List<String> heardBy(String channelId) {
        return heard.getOrDefault(channelId, List.of());
    }

    private String caller() {
        return node.harness().sim().calls().inbound("announced", "talk", "Caller <5551000>").channelId();
    }

    @Test
    void callersHearTheirPositionAndAWaitEstimatedFromThePresent() throws Exception {
        QueueHarness harness = node.start("announced { announce-position-every = 30s, wrap-up = 0s,"
                + " announce-to-agent = \"sound:queue-announced\" }");
        listen();
        harness.sim().scriptEndpoint("PJSIP/agent1", PhoneScript.answerAfter(Duration.ofSeconds(1))
                .thenHangupAfter(Duration.ofSeconds(120)));
        harness.login("agent1", Map.of("announced", 0), Map.of());

        // a first conversation of 120 s sets the average handle time
        String first = caller();
        harness.runUntil("first caller talking", () -> harness.agentStatus("agent1").state() == AgentState.ON_CALL,
                STEP, Duration.ofSeconds(10));
        harness.runUntil("the agent heard the queue's name before being put through",
                () -> heard.values().stream().anyMatch(list -> list.contains("sound:queue-announced")), STEP,
                Duration.ofSeconds(5));
        harness.runUntil("first caller put through", () -> bridged.contains(first)
                && harness.snapshot("announced").callers().isEmpty(), Duration.ofMillis(20), Duration.ofSeconds(10));
        harness.advance(Duration.ofSeconds(120));
        harness.runUntil("first conversation over", () -> harness.agentStatus("agent1").state() == AgentState.AVAILABLE,
                STEP, Duration.ofSeconds(30));

        // the agent takes a second caller and keeps talking; two more wait behind
        harness.sim().scriptEndpoint("PJSIP/agent1", PhoneScript.answerAfter(Duration.ofSeconds(1)));
        String second = caller();
        harness.runUntil("second caller talking", () -> harness.agentStatus("agent1").state() == AgentState.ON_CALL
                && harness.snapshot("announced").callers().isEmpty(), STEP, Duration.ofSeconds(10));
        String third = caller();
        harness.runUntil("one waiting", () -> harness.snapshot("announced").callers().size() == 1, STEP,
                Duration.ofSeconds(10));
        String fourth = caller();
        harness.runUntil("two waiting", () -> harness.snapshot("announced").callers().size() == 2, STEP,
                Duration.ofSeconds(10));

        harness.advance(Duration.ofSeconds(30));
        try {
            harness.runUntil("both announced", () -> heardBy(fourth).contains("sound:queue-minutes")
                    && heardBy(third).contains("sound:queue-minutes"), STEP, Duration.ofSeconds(10));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; heard " + heard + "; " + harness.snapshot("announced"));
        }
        // 1 agent, none idle, 120 s per call: the next caller waits about 2 minutes, the one after about 4
        assertEquals(List.of("sound:queue-youarenext", "sound:queue-holdtime", "number:2", "sound:queue-minutes"),
                heardBy(third).subList(heardBy(third).indexOf("sound:queue-youarenext"), heardBy(third).size()));
        assertEquals(List.of("sound:queue-thereare", "number:1", "sound:queue-callswaiting", "sound:queue-holdtime",
                "number:4", "sound:queue-minutes"), heardBy(fourth).subList(
                        heardBy(fourth).indexOf("sound:queue-thereare"), heardBy(fourth).size()));
        assertTrue(heardBy(first).stream().noneMatch(m -> m.startsWith("sound:queue-")), "no wait, no announcement");
        assertTrue(heardBy(second).stream().noneMatch(m -> m.startsWith("sound:queue-")));
    }

    @Test
    void waitingCallersHearThePeriodicAnnouncement() throws Exception {
        QueueHarness harness = node.start("announced { periodic-announce = [\"sound:queue-periodic-announce\"],"
                + " periodic-announce-every = 20s }");
        listen();
        Instant joined = harness.time().now();
        String caller = caller();
        harness.await("waiting", () -> harness.snapshot("announced").callers().size() == 1);
        assertEquals(joined, harness.time().now(), "time stood still while the caller joined");

        harness.advance(Duration.ofSeconds(20).minusMillis(1));
        passedOn(caller);
        assertTrue(heardBy(caller).isEmpty(), "nothing 1 ms before 20 s: " + heardBy(caller));
        harness.advance(TICK);
        harness.await("the periodic announcement", () -> heardBy(caller).contains("sound:queue-periodic-announce"));
        Instant first = periodicAt(caller, 0);
        assertTrue(!first.isBefore(joined.plusSeconds(20)) && !first.isAfter(harness.time().now()),
                "first heard at " + first + ", joined at " + joined);

        // the next one is due 20 s after the tick that played the first
        harness.advance(Duration.ofSeconds(20).minus(TICK));
        harness.runUntil("again 20 s later", () -> heardBy(caller).stream()
                .filter("sound:queue-periodic-announce"::equals).count() == 2, TICK, Duration.ofSeconds(1));
        Duration between = Duration.between(first, periodicAt(caller, 1));
        assertTrue(between.compareTo(Duration.ofSeconds(20).minus(TICK)) > 0
                && between.compareTo(Duration.ofSeconds(20).plus(TICK)) <= 0, "20 s apart: " + between);
    }

    /**
     * Whatever the queue asked of the caller's channel up to now has been passed on to Asterisk: the queue has
     * handled every tick due by now before it answers a snapshot, the channel entity has handled what the queue
     * sent it before it answers one (same region, in order), and the gateway has sent on what the entity gave it
     * before it answers its status. A playback asked for before now thus starts at this moment of the one clock,
     * which the time it started (heardAt) shows.
     */
    private void passedOn(String channelId) {
        QueueHarness harness = node.harness();
        harness.snapshot("announced");
        TestProbe<ChannelEntity.Snapshot> channel = harness.testKit().createTestProbe();
        ClusterSharding.get(harness.testKit().system()).entityRefFor(ChannelEntity.TYPE_KEY,
                QueueHarness.ASTERISK + "/" + channelId).tell(new ChannelEntity.GetSnapshot(channel.getRef()));
        channel.receiveMessage(Duration.ofSeconds(5));
        TestProbe<AriGateway.Status> gateway = harness.testKit().createTestProbe();
        SwitchboardActors.get(harness.testKit().system()).gateway(QueueHarness.ASTERISK)
                .tell(new AriGateway.GetStatus(gateway.getRef()));
        gateway.receiveMessage(Duration.ofSeconds(5));
    }

    /** When the {@code n}th periodic announcement (from 0) to {@code channelId} started. */
    private Instant periodicAt(String channelId, int n) {
        List<String> media = heardBy(channelId);
        int seen = 0;
        for (int i = 0; i < media.size(); i++) {
            if (media.get(i).equals("sound:queue-periodic-announce") && seen++ == n) {
                return heardAt.get(channelId).get(i);
            }
        }
        throw new AssertionError("no periodic announcement " + n + " for " + channelId + ": " + media);
    }

    @Test
    void theEstimateIsDocumentedArithmetic() {
        assertEquals(Duration.ofSeconds(240), WaitEstimate.estimate(2, 1, 0, 120).orElseThrow());
        assertEquals(Duration.ZERO, WaitEstimate.estimate(1, 3, 1, 120).orElseThrow(), "an idle agent is there");
        assertEquals(Duration.ofSeconds(80), WaitEstimate.estimate(3, 3, 1, 120).orElseThrow());
        assertTrue(WaitEstimate.estimate(3, 0, 0, 120).isEmpty(), "nobody staffs the queue");
        assertEquals(120, WaitEstimate.nextAverage(0, 120));
        assertEquals(104, WaitEstimate.nextAverage(120, 40), 1e-9);
    }
}
