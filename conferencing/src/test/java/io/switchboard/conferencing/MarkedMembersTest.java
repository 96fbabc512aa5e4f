package io.switchboard.conferencing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.switchboard.conferencing.flow.JoinOptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A room that waits for its leader (a marked member) and ends when the leader leaves. */
class MarkedMembersTest {
    private static final Duration STEP = Duration.ofMillis(200);
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void membersHearMusicAndAreNotHeardUntilTheLeaderComesAndLeaveWhenTheLeaderGoes() throws Exception {
        String profiles = "led { wait-for-marked = yes, end-when-marked-leaves = yes, music-class = \"calm\" }";
        try (ConferenceHarness h = ConferenceHarness.start(profiles, "board = led", flows ->
                flows.register("callcenter", "chair", call -> call.answer().thenCompose(x ->
                        SwitchboardConferences.get(call.system()).join(call, "board",
                                JoinOptions.asMember().andMarked()))))) {
            String ann = h.call("board", "Ann <5551001>");
            h.runUntil("Ann waits for the leader, muted, with music", () -> h.members("board").equals(List.of(ann))
                    && h.playedTo("channel:" + ann).contains("sound:conf-waitforleader")
                    && "in".equals(h.sim().media(ann).muted())
                    && "calm".equals(h.sim().bridge("conf-board").orElseThrow().mohClass()), STEP, MINUTE);
            String bob = h.call("board", "Bob <5551002>");
            h.runUntil("Bob waits too", () -> h.members("board").size() == 2
                    && "in".equals(h.sim().media(bob).muted()), STEP, MINUTE);

            String chair = h.sim().calls().inboundTo("callcenter", List.of("chair"), "answer", "Chair <5550000>")
                    .channelId();
            h.runUntil("the leader in: music off, members heard", () -> h.members("board").size() == 3
                    && h.sim().media(ann).muted() == null && h.sim().media(bob).muted() == null
                    && h.sim().bridge("conf-board").orElseThrow().mohClass() == null, STEP, MINUTE);
            assertNull(h.sim().media(chair).muted());

            h.sim().calls().farEndHangup(chair);
            h.runUntil("the others told the leader has left, and hung up", () -> List.of(ann, bob).stream()
                    .allMatch(m -> h.playedTo("channel:" + m).contains("sound:conf-leaderhasleft")
                            && ConferenceEntryTest.ended(h, m)), STEP, MINUTE);
            h.runUntil("the room's bridge gone", () -> h.sim().bridge("conf-board").isEmpty(), STEP, MINUTE);
            assertEquals(List.of(), h.members("board"));
        }
    }
}
