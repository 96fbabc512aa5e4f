package io.switchboard.actors.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A watch on a call's end that is renewed now and then (a queue asks again every watch renewal, its earlier ask
 * timed out) keeps one reply waiting per named watcher, however long the call lasts; the latest is told of the end.
 */
class CallWatchersTest {
    private static final ActorTestKit testKit = ActorTestKit.create("call-watchers");

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
    }

    @Test
    void aNamedWatcherRenewingItsWatchKeepsOneReplyWaiting() {
        CallWatchers watchers = new CallWatchers("ast/caller-1", "caller-1");
        TestProbe<Outcome> first = testKit.createTestProbe();
        TestProbe<Outcome> renewed = testKit.createTestProbe();
        TestProbe<Outcome> otherQueue = testKit.createTestProbe();
        TestProbe<Outcome> anonymous = testKit.createTestProbe();
        watchers.whenEnded(first.getRef(), "queue:support", false);
        for (int i = 0; i < 360; i++) {
            watchers.whenEnded(renewed.getRef(), "queue:support", false);
        }
        watchers.whenEnded(otherQueue.getRef(), "queue:sales", false);
        watchers.whenEnded(anonymous.getRef(), null, false);
        assertEquals(3, watchers.endWatcherCount(), "an hour of renewals every 10 s, one reply per watcher");

        watchers.ended("hangup", 16);
        renewed.expectMessageClass(Outcome.Done.class);
        otherQueue.expectMessageClass(Outcome.Done.class);
        anonymous.expectMessageClass(Outcome.Done.class);
        first.expectNoMessage(Duration.ofMillis(100));
        assertEquals(0, watchers.endWatcherCount());
    }

    @Test
    void aWatchAfterTheEndIsAnsweredAtOnce() {
        CallWatchers watchers = new CallWatchers("ast/caller-2", "caller-2");
        TestProbe<Outcome> late = testKit.createTestProbe();
        watchers.whenEnded(late.getRef(), "queue:support", true);
        late.expectMessageClass(Outcome.Done.class);
        assertEquals(0, watchers.endWatcherCount());
    }

    @Test
    void aWatchByTellKeepsOneNoticePerNameAndNamesTheChannelAtTheEnd() {
        CallWatchers watchers = new CallWatchers("ast/caller-3", "caller-3");
        TestProbe<ChannelEntity.CallEnded> queue = testKit.createTestProbe();
        TestProbe<ChannelEntity.CallEnded> otherQueue = testKit.createTestProbe();
        for (int i = 0; i < 360; i++) {
            watchers.watchEnd(queue.getRef(), "queue:support", false);
        }
        watchers.watchEnd(otherQueue.getRef(), "queue:sales", false);
        assertEquals(2, watchers.endWatcherCount(), "renewals replace the watch of the same name");

        watchers.ended("hangup", 16);
        assertEquals(new ChannelEntity.CallEnded("ast/caller-3"), queue.receiveMessage());
        assertEquals(new ChannelEntity.CallEnded("ast/caller-3"), otherQueue.receiveMessage());
        assertEquals(0, watchers.endWatcherCount());

        TestProbe<ChannelEntity.CallEnded> late = testKit.createTestProbe();
        watchers.watchEnd(late.getRef(), "queue:late", true);
        assertEquals(new ChannelEntity.CallEnded("ast/caller-3"), late.receiveMessage());
        assertEquals(0, watchers.endWatcherCount());
    }
}
