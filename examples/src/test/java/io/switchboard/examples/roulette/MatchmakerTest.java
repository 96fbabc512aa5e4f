package io.switchboard.examples.roulette;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.actors.channel.ChannelEntity;
import io.switchboard.actors.channel.Outcome;
import io.switchboard.ari.model.Channel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The matchmaker alone; probes stand in for the callers' channel entities and flows. */
class MatchmakerTest {
    private static final ActorTestKit testKit = ActorTestKit.create();

    private final Map<String, TestProbe<ChannelEntity.Command>> channels = new ConcurrentHashMap<>();
    private final Map<String, TestProbe<Matchmaker.Paired>> flows = new ConcurrentHashMap<>();
    private ActorRef<Matchmaker.Command> matchmaker;

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
    }

    @BeforeEach
    void start() {
        matchmaker = testKit.spawn(Matchmaker.create(entityId -> channel(entityId.substring("pbx1/".length()))
                .getRef()));
    }

    @Test
    void pairsTwoLiveCallersAndTheOneWhoWaitedBridges() {
        join("a");
        answerCheck("a", false);
        channel("a").expectMessageClass(ChannelEntity.WhenEnded.class);
        awaitWaiting("a");

        join("b");
        answerCheck("b", false);
        assertEquals(new Matchmaker.Paired("b", true), flow("a").receiveMessage());
        assertEquals(new Matchmaker.Paired("a", false), flow("b").receiveMessage());
        awaitWaiting(null);
    }

    @Test
    void aJoinThatArrivesAfterItsCallEndedNeverWaitsNorPairs() {
        join("gone");
        answerCheck("gone", true);

        join("next");
        answerCheck("next", false);
        // had the ended call been kept, "next" would have been paired with it instead of waiting
        awaitWaiting("next");
    }

    @Test
    void aWaitingCallerIsForgottenWhenItsChannelSaysTheCallEnded() {
        join("a");
        answerCheck("a", false);
        ChannelEntity.WhenEnded watch = channel("a").expectMessageClass(ChannelEntity.WhenEnded.class);
        awaitWaiting("a");

        watch.replyTo().tell(new Outcome.Done());
        awaitWaiting(null);
        join("b");
        answerCheck("b", false);
        awaitWaiting("b");
    }

    private void join(String channelId) {
        matchmaker.tell(new Matchmaker.Join("pbx1", channelId, flow(channelId).getRef()));
    }

    /** The caller's channel entity answers the matchmaker's check. */
    private void answerCheck(String channelId, boolean ended) {
        ChannelEntity.GetSnapshot get = channel(channelId).expectMessageClass(ChannelEntity.GetSnapshot.class);
        Channel channel = new Channel(channelId, null, "Local/roulette@inbound-00000001;2", "Up", null, null, null,
                null, null, null, null, null, null);
        get.replyTo().tell(new ChannelEntity.Snapshot("pbx1/" + channelId, channel, !ended, ended, List.of()));
    }

    private void awaitWaiting(String channelId) {
        TestProbe<Matchmaker.Waiting> probe = testKit.createTestProbe();
        probe.awaitAssert(() -> {
            matchmaker.tell(new Matchmaker.GetWaiting(probe.getRef()));
            assertEquals(new Matchmaker.Waiting(channelId), probe.receiveMessage());
            return null;
        });
    }

    private TestProbe<ChannelEntity.Command> channel(String channelId) {
        return channels.computeIfAbsent(channelId, id -> testKit.createTestProbe());
    }

    private TestProbe<Matchmaker.Paired> flow(String channelId) {
        return flows.computeIfAbsent(channelId, id -> testKit.createTestProbe());
    }
}
