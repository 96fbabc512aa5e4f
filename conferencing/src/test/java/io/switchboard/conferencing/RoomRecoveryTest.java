package io.switchboard.conferencing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.conferencing.room.RoomEntity;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;

/** A room that loses its actor (its node) and one that Asterisk refuses. */
class RoomRecoveryTest {
    private static final Duration STEP = Duration.ofMillis(200);
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void aLostRoomComesBackWithItsMembersRolesAndMuteAndForgetsWhoHungUpMeanwhile() throws Exception {
        try (ConferenceHarness h = ConferenceHarness.start("", "", flows -> { })) {
            String ann = h.call("sales", "Ann <5551001>");
            h.runUntil("Ann in", () -> h.members("sales").equals(List.of(ann)), STEP, MINUTE);
            String bob = h.call("sales", "Bob <5551002>");
            h.runUntil("Bob in", () -> h.members("sales").equals(List.of(ann, bob)), STEP, MINUTE);
            String cat = h.call("sales", "Cat <5551003>");
            h.runUntil("all in, in this order", () -> h.members("sales").equals(List.of(ann, bob, cat)), STEP, MINUTE);
            var room = SwitchboardConferences.get(h.testKit().system()).room(ConferenceHarness.ASTERISK, "sales");
            TestProbe<RoomEntity.ModerationReply> replies = h.testKit().createTestProbe();
            room.tell(new RoomEntity.SetMute(bob, true, replies.getRef()));
            replies.expectMessageClass(RoomEntity.Done.class);
            room.tell(new RoomEntity.SetLock(true, replies.getRef()));
            replies.expectMessageClass(RoomEntity.Done.class);

            h.loseRoom("sales");
            h.sim().calls().farEndHangup(ann);
            h.runUntil("Ann's call over", () -> ConferenceEntryTest.ended(h, ann), STEP, MINUTE);
            // the members' flows tell the room every heartbeat that they wait: that starts it again
            h.advance(Duration.ofSeconds(2));
            h.runUntil("the room back without Ann", () -> h.members("sales").equals(List.of(bob, cat)), STEP,
                    MINUTE);
            RoomEntity.RoomView back = h.view("sales");
            assertTrue(back.locked(), "still locked");
            assertTrue(back.members().get(0).muted(), "Bob still muted");
            assertEquals("in", h.sim().media(bob).muted());
            assertEquals(List.of(bob, cat), h.sim().bridge("conf-sales").orElseThrow().channels());

            // and it works as before: Cat is kicked, Bob unmutes himself, and hangs up last
            room.tell(new RoomEntity.Kick(cat, replies.getRef()));
            replies.expectMessageClass(RoomEntity.Done.class);
            h.runUntil("Cat told she was kicked", () -> h.playedTo("channel:" + cat).contains("sound:conf-kicked"),
                    STEP, MINUTE);
            h.sim().calls().pressDigits(bob, "1", Duration.ofMillis(100));
            h.runUntil("Bob unmuted by his digit", () -> h.sim().media(bob).muted() == null, STEP, MINUTE);
            h.sim().calls().farEndHangup(bob);
            h.runUntil("the room's bridge gone", () -> h.sim().bridge("conf-sales").isEmpty(), STEP, MINUTE);
        }
    }

    @Test
    void aJoinAsteriskRefusesIsAnsweredWithWhyAndLeavesNoBridge() throws Exception {
        try (ConferenceHarness h = ConferenceHarness.start("", "", flows -> { })) {
            var room = SwitchboardConferences.get(h.testKit().system()).room(ConferenceHarness.ASTERISK, "sales");
            TestProbe<RoomEntity.JoinReply> reply = h.testKit().createTestProbe();
            room.tell(new RoomEntity.Join("no-such-channel", "", "", false, false, null, reply.getRef()));
            RoomEntity.Refused refused = assertInstanceOf(RoomEntity.Refused.class,
                    reply.receiveMessage(Duration.ofSeconds(10)));
            assertEquals(RoomEntity.Refused.Refusal.FAILED, refused.refusal());
            assertTrue(refused.message().contains("not found") || refused.message().contains("422")
                    || refused.message().contains("404"), refused.message());
            h.runUntil("no bridge left behind", () -> h.sim().bridge("conf-sales").isEmpty(), STEP, MINUTE);
            assertEquals(List.of(), h.members("sales"));
        }
    }
}
