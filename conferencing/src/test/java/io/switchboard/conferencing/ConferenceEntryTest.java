package io.switchboard.conferencing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.conferencing.room.RoomEntity;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The way in: PINs, three tries, a full room, a caller hanging up on the way in, recorded names announced. */
class ConferenceEntryTest {
    private static final Duration STEP = Duration.ofMillis(200);
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final String PINS = "secure { user-pin = \"1234\", admin-pin = \"9999\", max-members = 2 }";
    private static final String ROOMS = "board = secure";

    @Test
    void threeWrongPinsEndTheCallWithoutEverJoining() throws Exception {
        try (ConferenceHarness h = ConferenceHarness.start(PINS, ROOMS, flows -> { })) {
            String eve = h.call("board", "Eve <5556666>");
            for (int attempt = 1; attempt <= 3; attempt++) {
                int asked = attempt;
                h.runUntil("asked for the PIN " + asked + " times", () -> Collections.frequency(
                        h.playedTo("channel:" + eve), "sound:conf-getpin") == asked, STEP, MINUTE);
                h.sim().calls().pressDigits(eve, "1111#", Duration.ofMillis(300));
                h.runUntil("told the PIN is wrong " + asked + " times", () -> Collections.frequency(
                        h.playedTo("channel:" + eve), "sound:conf-invalidpin") == asked, STEP, MINUTE);
            }
            h.runUntil("goodbye, and hung up", () -> h.playedTo("channel:" + eve).contains("sound:vm-goodbye")
                    && ended(h, eve), STEP, MINUTE);
            assertEquals(3, Collections.frequency(h.playedTo("channel:" + eve), "sound:conf-getpin"));
            assertEquals(List.of(), h.members("board"));
        }
    }

    @Test
    void theAdminPinMakesAMarkedAdminWhoGetsIntoAFullRoom() throws Exception {
        try (ConferenceHarness h = ConferenceHarness.start(PINS, ROOMS, flows -> { })) {
            String ann = enterWithPin(h, "Ann <5551001>", "1234");
            h.runUntil("Ann in", () -> h.members("board").equals(List.of(ann)), STEP, MINUTE);
            String bob = enterWithPin(h, "Bob <5551002>", "1234");
            h.runUntil("two members", () -> h.members("board").equals(List.of(ann, bob)), STEP, MINUTE);

            String cat = enterWithPin(h, "Cat <5551003>", "1234");
            h.runUntil("Cat told the room is full, and hung up", () -> h.playedTo("channel:" + cat)
                    .contains("sound:conf-locked") && ended(h, cat), STEP, MINUTE);
            assertEquals(List.of(ann, bob), h.members("board"));

            String boss = enterWithPin(h, "Boss <5550000>", "9999");
            h.runUntil("the admin in although the room is full", () -> h.members("board").contains(boss), STEP,
                    MINUTE);
            RoomEntity.MemberView admin = h.view("board").members().get(2);
            assertTrue(admin.admin() && admin.marked(), "the admin PIN makes a marked admin");
            assertFalse(h.view("board").members().get(0).admin(), "the user PIN makes a member");
        }
    }

    @Test
    void aCallerWhoHangsUpDuringThePinPromptIsNeverListed() throws Exception {
        try (ConferenceHarness h = ConferenceHarness.start(PINS, ROOMS, flows -> { })) {
            String ann = enterWithPin(h, "Ann <5551001>", "1234");
            h.runUntil("Ann in", () -> h.members("board").equals(List.of(ann)), STEP, MINUTE);
            String quitter = h.call("board", "Quit <5559999>");
            h.runUntil("asked for the PIN", () -> h.playedTo("channel:" + quitter).contains("sound:conf-getpin"),
                    STEP, MINUTE);
            h.sim().calls().farEndHangup(quitter);
            h.runUntil("the quitter's call over", () -> ended(h, quitter), STEP, MINUTE);
            h.advance(Duration.ofSeconds(30));
            assertEquals(List.of(ann), h.members("board"));
        }
    }

    @Test
    void aRoomThatAnnouncesMembersHasEachRecordTheirNameAndPlaysItAsTheyComeAndGo() throws Exception {
        String profiles = "named { announce-join-leave = yes }";
        try (ConferenceHarness h = ConferenceHarness.start(profiles, "club = named", flows -> { })) {
            String ann = h.call("club", "Ann <5551001>");
            h.runUntil("Ann asked her name", () -> h.playedTo("channel:" + ann).contains("sound:vm-rec-name"), STEP,
                    MINUTE);
            h.runUntil("Ann in", () -> h.members("club").equals(List.of(ann)), STEP, MINUTE);
            String bob = h.call("club", "Bob <5551002>");
            h.runUntil("Bob in", () -> h.members("club").equals(List.of(ann, bob)), STEP, MINUTE);
            h.runUntil("the room heard Bob's name", () -> h.playedTo("bridge:conf-club").equals(List.of(
                    "recording:conference-name-club-" + bob, "sound:conf-hasjoin")), STEP, MINUTE);
            h.sim().calls().farEndHangup(bob);
            h.runUntil("the room heard Bob leave", () -> h.playedTo("bridge:conf-club").containsAll(List.of(
                    "recording:conference-name-club-" + bob, "sound:conf-hasleft")), STEP, MINUTE);
            assertFalse(h.playedTo("bridge:conf-club").contains("recording:conference-name-club-" + ann),
                    "nobody else was there to hear Ann arrive");
        }
    }

    @Test
    void aRoomWithAnAdminPinOnlyLetsEveryoneElseInAsAMember() throws Exception {
        try (ConferenceHarness h = ConferenceHarness.start("desk { admin-pin = \"9999\" }", "help = desk",
                flows -> { })) {
            String ann = h.call("help", "Ann <5551001>");
            h.runUntil("Ann asked for the PIN", () -> h.playedTo("channel:" + ann).contains("sound:conf-getpin"),
                    STEP, MINUTE);
            h.sim().calls().pressDigits(ann, "#", Duration.ofMillis(100));
            h.runUntil("Ann in as a member", () -> h.members("help").equals(List.of(ann)), STEP, MINUTE);
            assertFalse(h.view("help").members().get(0).admin());
            String boss = h.call("help", "Boss <5550000>");
            h.runUntil("the boss asked for the PIN", () -> h.playedTo("channel:" + boss)
                    .contains("sound:conf-getpin"), STEP, MINUTE);
            h.sim().calls().pressDigits(boss, "9999#", Duration.ofMillis(300));
            h.runUntil("the boss in as admin", () -> h.view("help").members().size() == 2
                    && h.view("help").members().get(1).admin(), STEP, MINUTE);
        }
    }

    /** A caller who types {@code pin} once asked for it. */
    private static String enterWithPin(ConferenceHarness h, String callerId, String pin) throws Exception {
        String channel = h.call("board", callerId);
        h.runUntil(callerId + " asked for the PIN", () -> h.playedTo("channel:" + channel)
                .contains("sound:conf-getpin"), STEP, MINUTE);
        h.sim().calls().pressDigits(channel, pin + "#", Duration.ofMillis(300));
        return channel;
    }

    static boolean ended(ConferenceHarness h, String channelId) {
        return h.sim().callRecords().stream().anyMatch(r -> r.channelId().equals(channelId) && r.endedAt() != null);
    }
}
