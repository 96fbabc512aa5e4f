package io.switchboard.conferencing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.conferencing.room.RoomChange;
import io.switchboard.conferencing.room.RoomEntity;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;

/** Members in a room: joining, talking, muted, kicked, locked out, by the API and by their own digits. */
class ConferenceRoomTest {
    private static final Duration STEP = Duration.ofMillis(200);
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void callersMeetInTheRoomAndTheRoomFollowsWhoTalksUntilTheLastOneLeaves() throws Exception {
        try (ConferenceHarness h = ConferenceHarness.start("", "", flows -> { })) {
            String ann = h.call("sales", "Ann <5551001>");
            h.runUntil("Ann in the room", () -> h.members("sales").equals(List.of(ann)), STEP, MINUTE);
            h.runUntil("Ann told she is alone", () -> h.playedTo("channel:" + ann).contains("sound:conf-onlyperson"),
                    STEP, MINUTE);
            String bob = h.call("sales", "Bob <5551002>");
            h.runUntil("Bob in the room", () -> h.members("sales").equals(List.of(ann, bob)), STEP, MINUTE);
            assertEquals(List.of(ann, bob), h.sim().bridge("conf-sales").orElseThrow().channels());
            assertFalse(h.playedTo("channel:" + bob).contains("sound:conf-onlyperson"), "Bob is not alone");
            RoomEntity.MemberView bobSeen = h.view("sales").members().get(1);
            assertEquals("5551002", bobSeen.callerNumber());
            assertFalse(bobSeen.admin() || bobSeen.marked() || bobSeen.muted());

            expectChange(h, RoomChange.Kind.JOINED, ann, true);
            expectChange(h, RoomChange.Kind.JOINED, bob, true);
            h.sim().calls().talk(ann, Duration.ofSeconds(2));
            h.advance(Duration.ZERO);
            expectChange(h, RoomChange.Kind.TALKING, ann, true);
            assertTrue(h.view("sales").members().get(0).talking(), "Ann is talking");
            h.advance(Duration.ofMillis(4499));
            h.advance(Duration.ofMillis(1));
            expectChange(h, RoomChange.Kind.TALKING, ann, false);
            assertFalse(h.view("sales").members().get(0).talking(), "Ann fell silent 2.5 s after her last word");

            h.sim().calls().farEndHangup(ann);
            expectChange(h, RoomChange.Kind.LEFT, ann, false);
            assertEquals(List.of(bob), h.members("sales"));
            h.sim().calls().farEndHangup(bob);
            expectChange(h, RoomChange.Kind.LEFT, bob, false);
            h.runUntil("the room's bridge destroyed", () -> h.sim().bridge("conf-sales").isEmpty(), STEP, MINUTE);
            assertEquals(List.of(), h.members("sales"));
        }
    }

    @Test
    void anAdminMutesKicksAndLocksThroughTheRoom() throws Exception {
        try (ConferenceHarness h = ConferenceHarness.start("", "", flows -> { })) {
            String ann = h.call("sales", "Ann <5551001>");
            h.runUntil("Ann in", () -> h.members("sales").equals(List.of(ann)), STEP, MINUTE);
            String bob = h.call("sales", "Bob <5551002>");
            h.runUntil("Bob in", () -> h.members("sales").size() == 2, STEP, MINUTE);
            var room = SwitchboardConferences.get(h.testKit().system()).room(ConferenceHarness.ASTERISK, "sales");
            TestProbe<RoomEntity.ModerationReply> replies = h.testKit().createTestProbe();

            room.tell(new RoomEntity.SetMute(bob, true, replies.getRef()));
            RoomEntity.Done muted = assertInstanceOf(RoomEntity.Done.class, replies.receiveMessage());
            assertTrue(muted.room().members().get(1).muted());
            h.runUntil("Bob muted in Asterisk", () -> "in".equals(h.sim().media(bob).muted()), STEP, MINUTE);
            h.sim().calls().talk(bob, Duration.ofSeconds(1));
            room.tell(new RoomEntity.SetMute(bob, false, replies.getRef()));
            replies.expectMessageClass(RoomEntity.Done.class);
            h.runUntil("Bob unmuted in Asterisk", () -> h.sim().media(bob).muted() == null, STEP, MINUTE);

            room.tell(new RoomEntity.SetLock(true, replies.getRef()));
            assertTrue(assertInstanceOf(RoomEntity.Done.class, replies.receiveMessage()).room().locked());
            String cat = h.call("sales", "Cat <5551003>");
            h.runUntil("Cat told the room is locked and hung up", () -> h.playedTo("channel:" + cat)
                    .contains("sound:conf-locked") && h.sim().callRecords().stream()
                    .anyMatch(r -> r.channelId().equals(cat) && r.endedAt() != null), STEP, MINUTE);
            assertEquals(List.of(ann, bob), h.members("sales"));

            room.tell(new RoomEntity.Kick(bob, replies.getRef()));
            assertEquals(List.of(ann), assertInstanceOf(RoomEntity.Done.class, replies.receiveMessage()).room()
                    .members().stream().map(RoomEntity.MemberView::channelId).toList());
            h.runUntil("Bob told he was kicked, and hung up", () -> h.playedTo("channel:" + bob)
                    .contains("sound:conf-kicked") && h.sim().callRecords().stream()
                    .anyMatch(r -> r.channelId().equals(bob) && r.endedAt() != null), STEP, MINUTE);
            assertEquals(List.of(ann), h.sim().bridge("conf-sales").orElseThrow().channels());
            room.tell(new RoomEntity.Kick(bob, replies.getRef()));
            assertEquals(new RoomEntity.NoSuchMember(bob), replies.receiveMessage());
        }
    }

    @Test
    void aMemberKickedWhileTalkingIsOutAtOnceAndTheirLastWordsChangeNothing() throws Exception {
        try (ConferenceHarness h = ConferenceHarness.start("", "", flows -> { })) {
            String ann = h.call("sales", "Ann <5551001>");
            h.runUntil("Ann in", () -> h.members("sales").equals(List.of(ann)), STEP, MINUTE);
            String bob = h.call("sales", "Bob <5551002>");
            h.runUntil("Bob in", () -> h.members("sales").equals(List.of(ann, bob)), STEP, MINUTE);
            expectChange(h, RoomChange.Kind.JOINED, bob, true);
            h.sim().calls().talk(bob, Duration.ofSeconds(5));
            h.advance(Duration.ZERO);
            expectChange(h, RoomChange.Kind.TALKING, bob, true);

            var room = SwitchboardConferences.get(h.testKit().system()).room(ConferenceHarness.ASTERISK, "sales");
            TestProbe<RoomEntity.ModerationReply> replies = h.testKit().createTestProbe();
            room.tell(new RoomEntity.Kick(bob, replies.getRef()));
            RoomEntity.Done kicked = assertInstanceOf(RoomEntity.Done.class, replies.receiveMessage());
            assertEquals(List.of(ann), kicked.room().members().stream().map(RoomEntity.MemberView::channelId).toList());
            expectChange(h, RoomChange.Kind.LEFT, bob, false);
            h.runUntil("Bob out of the bridge, told he was kicked", () -> h.sim().bridge("conf-sales").orElseThrow()
                    .channels().equals(List.of(ann)) && h.playedTo("channel:" + bob).contains("sound:conf-kicked"),
                    STEP, MINUTE);
            assertFalse(h.view("sales").members().stream().anyMatch(RoomEntity.MemberView::talking));
            assertEquals(List.of(ann), h.members("sales"), "Bob's talk ending after he left changes nothing");
        }
    }

    @Test
    void aMemberMutesAndUnmutesThemselvesWithTheMenuAndAMemberCannotLockTheRoom() throws Exception {
        try (ConferenceHarness h = ConferenceHarness.start("", "", flows -> { })) {
            String ann = h.call("sales", "Ann <5551001>");
            h.runUntil("Ann in", () -> h.members("sales").equals(List.of(ann)), STEP, MINUTE);
            h.runUntil("Ann told she is alone", () -> h.playedTo("channel:" + ann).contains("sound:conf-onlyperson"),
                    STEP, MINUTE);
            h.runUntil("the prompt over", () -> h.sim().counts().playbacks() == 0, STEP, MINUTE);

            h.sim().calls().pressDigits(ann, "1", Duration.ofMillis(100));
            h.runUntil("Ann muted by her digit", () -> "in".equals(h.sim().media(ann).muted())
                    && h.playedTo("channel:" + ann).contains("sound:conf-muted"), STEP, MINUTE);
            assertTrue(h.view("sales").members().get(0).muted());
            h.sim().calls().pressDigits(ann, "2", Duration.ofMillis(100));   // lock: for admins only
            h.sim().calls().pressDigits(ann, "1", Duration.ofMillis(100));
            h.runUntil("Ann unmuted by her digit", () -> h.sim().media(ann).muted() == null
                    && h.playedTo("channel:" + ann).contains("sound:conf-unmuted"), STEP, MINUTE);
            assertFalse(h.view("sales").locked(), "a member's 2 does not lock the room");
            assertNull(h.sim().media(ann).muted());

            h.sim().calls().pressDigits(ann, "8", Duration.ofMillis(100));
            h.runUntil("Ann left by the menu and was hung up", () -> h.sim().callRecords().stream()
                    .anyMatch(r -> r.channelId().equals(ann) && r.endedAt() != null), STEP, MINUTE);
            assertEquals(List.of(), h.members("sales"));
        }
    }

    /** The next change about {@code channelId} (others' changes are skipped) is {@code kind} with {@code on}. */
    private static void expectChange(ConferenceHarness h, RoomChange.Kind kind, String channelId, boolean on) {
        h.changes().fishForMessage(Duration.ofSeconds(10), "a " + kind + " of " + channelId, change -> {
            if (!channelId.equals(change.channelId())) {
                return FishingOutcomes.continueAndIgnore();
            }
            assertEquals(kind, change.kind(), change.toString());
            assertEquals(on, change.on(), change.toString());
            assertEquals("sales", change.room());
            return FishingOutcomes.complete();
        });
    }
}
