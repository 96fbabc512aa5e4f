package io.switchboard.actors.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.switchboard.ari.rest.ChannelsApi;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Where a node sends the commands of an Asterisk that connects out: to the gateway registered as holding its
 * socket, the newest one when two are registered (the old holder's registration outlives its node for a
 * while), this node's own gateway while none is, and again through its own gateway when the holder does not
 * answer. Device watches follow the socket.
 */
class GatewayLinkTest {
    private static final Duration FORWARD_TIMEOUT = Duration.ofMillis(300);
    private static ActorTestKit testKit;

    @BeforeAll
    static void start() {
        testKit = ActorTestKit.create("gateway-link-test", ConfigFactory.parseResources("actors-test.conf")
                .withFallback(ConfigFactory.load()).resolve());
        Cluster cluster = Cluster.get(testKit.system());
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
    }

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
    }

    private static AriGateway.Execute answer(String channel, ActorRef<CommandResult> replyTo) {
        return new AriGateway.Execute(AriCommand.of(new ChannelsApi(null).answer(channel)), replyTo);
    }

    private static void register(String asteriskId, TestProbe<AriGateway.Command> gateway) {
        TestProbe<Receptionist.Registered> ack = testKit.createTestProbe();
        testKit.system().receptionist().tell(Receptionist.register(AriGateway.connectedKey(asteriskId),
                gateway.getRef(), ack.getRef()));
        ack.receiveMessage();
    }

    /** Sends commands through the link until one reaches {@code gateway} (registrations spread asynchronously). */
    private static AriGateway.Execute awaitRoutedTo(ActorRef<AriGateway.Command> link,
                                                    TestProbe<AriGateway.Command> gateway) {
        TestProbe<CommandResult> replies = testKit.createTestProbe();
        return gateway.awaitAssert(Duration.ofSeconds(10), Duration.ofMillis(50), () -> {
            link.tell(answer("probe", replies.getRef()));
            return (AriGateway.Execute) gateway.receiveMessage(Duration.ofMillis(100));
        });
    }

    @Test
    void commandsFollowTheSocketAndComeBackThroughThisNodeWhenItsHolderIsSilent() {
        TestProbe<AriGateway.Command> local = testKit.createTestProbe();
        TestProbe<AriGateway.Command> holder = testKit.createTestProbe();
        TestProbe<AriGateway.Command> newer = testKit.createTestProbe();
        ActorRef<AriGateway.Command> link = testKit.spawn(GatewayLink.create("pbx-a", local.getRef(), FORWARD_TIMEOUT));
        TestProbe<CommandResult> caller = testKit.createTestProbe();

        link.tell(new AriGateway.WatchDevice("PJSIP/agent1", testKit.<AriGateway.DeviceStateSeen>createTestProbe()
                .getRef()));
        assertTrue(local.receiveMessage() instanceof AriGateway.WatchDevice, "no holder yet: this node's gateway");
        link.tell(answer("c1", caller.getRef()));
        assertEquals(answer("c1", caller.getRef()), local.receiveMessage());

        register("pbx-a", holder);
        holder.awaitAssert(Duration.ofSeconds(10), Duration.ofMillis(20), () ->
                holder.receiveMessage(Duration.ofMillis(50)) instanceof AriGateway.WatchDevice w
                        && w.device().equals("PJSIP/agent1") ? w : fail("the watch follows the socket"));
        awaitRoutedTo(link, holder).replyTo().tell(new CommandResult.Succeeded(null));
        link.tell(answer("c2", caller.getRef()));
        AriGateway.Execute forwarded = (AriGateway.Execute) holder.receiveMessage();
        forwarded.replyTo().tell(new CommandResult.Succeeded("{}"));
        assertEquals(new CommandResult.Succeeded("{}"), caller.receiveMessage());

        link.tell(answer("c3", caller.getRef()));
        holder.receiveMessage();
        AriGateway.Execute again = (AriGateway.Execute) local.fishForMessage(Duration.ofSeconds(5),
                "c3 sent again here", m -> m instanceof AriGateway.Execute e && e.resent()
                        ? org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.complete()
                        : org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.continueAndIgnore()).get(0);
        assertEquals(caller.getRef(), again.replyTo(), "the answer goes straight to the asker");

        register("pbx-a", newer);
        awaitRoutedTo(link, newer);
        assertFalse(newer.getRef().equals(holder.getRef()));
    }

    private static <T> T fail(String message) {
        throw new AssertionError(message);
    }
}
