package io.switchboard.conferencing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.conferencing.flow.ConferenceExit;
import io.switchboard.conferencing.flow.JoinOptions;
import io.switchboard.conferencing.room.RoomEntity;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;

/** Recording a room from the API or from its profile, and what a call put out of a room goes on with. */
class RoomRecordingTest {
    private static final Duration STEP = Duration.ofMillis(200);
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void aRoomIsRecordedFromStartToStopAndAStartTwiceOrAStopOfNothingIsRefused() throws Exception {
        try (ConferenceHarness h = ConferenceHarness.start("", "", flows -> { })) {
            var room = SwitchboardConferences.get(h.testKit().system()).room(ConferenceHarness.ASTERISK, "sales");
            TestProbe<RoomEntity.ModerationReply> replies = h.testKit().createTestProbe();
            room.tell(new RoomEntity.StartRecording(replies.getRef()));
            assertEquals("the room is empty", assertInstanceOf(RoomEntity.NotNow.class, replies.receiveMessage())
                    .message());

            String ann = h.call("sales", "Ann <5551001>");
            h.runUntil("Ann in", () -> h.members("sales").equals(List.of(ann)), STEP, MINUTE);
            room.tell(new RoomEntity.StartRecording(replies.getRef()));
            String name = assertInstanceOf(RoomEntity.Done.class, replies.receiveMessage()).room().recording();
            assertTrue(name.startsWith("conference-sales-"), name);
            assertEquals(1, h.sim().counts().recordings(), "Asterisk records the bridge");
            room.tell(new RoomEntity.StartRecording(replies.getRef()));
            assertInstanceOf(RoomEntity.NotNow.class, replies.receiveMessage());

            h.advance(Duration.ofSeconds(5));
            room.tell(new RoomEntity.StopRecording(replies.getRef()));
            assertNull(assertInstanceOf(RoomEntity.Done.class, replies.receiveMessage()).room().recording());
            h.runUntil("the recording stored", () -> h.sim().counts().recordings() == 0, STEP, MINUTE);
            room.tell(new RoomEntity.StopRecording(replies.getRef()));
            assertEquals("the room is not recording", assertInstanceOf(RoomEntity.NotNow.class,
                    replies.receiveMessage()).message());
        }
    }

    @Test
    void aProfileThatRecordsStartsWithTheFirstMemberAndStopsWhenTheRoomCloses() throws Exception {
        try (ConferenceHarness h = ConferenceHarness.start("taped { record = yes }", "board = taped", flows -> { })) {
            String ann = h.call("board", "Ann <5551001>");
            h.runUntil("recording from Ann's arrival", () -> h.view("board").recording() != null
                    && h.sim().counts().recordings() == 1, STEP, MINUTE);
            h.sim().calls().farEndHangup(ann);
            h.runUntil("the room closed, its recording stored", () -> h.sim().bridge("conf-board").isEmpty()
                    && h.sim().counts().recordings() == 0, STEP, MINUTE);
            assertNull(h.view("board").recording());
        }
    }

    @Test
    void aMemberPutOutWhileMutedIsHeardAgainByWhatTheFlowDoesNext() throws Exception {
        CompletableFuture<ConferenceExit> exit = new CompletableFuture<>();
        try (ConferenceHarness h = ConferenceHarness.start("", "", flows ->
                flows.register("callcenter", "then-ivr", call -> call.answer()
                        .thenCompose(x -> SwitchboardConferences.get(call.system()).join(call, "sales",
                                JoinOptions.asMember()))
                        .thenCompose(out -> {
                            exit.complete(out);
                            return call.ended();   // the flow goes on with the call (an IVR, another queue)
                        })))) {
            String ann = h.sim().calls().inboundTo("callcenter", List.of("then-ivr"), "answer", "Ann <5551001>")
                    .channelId();
            h.runUntil("Ann in", () -> h.members("sales").equals(List.of(ann)), STEP, MINUTE);
            var room = SwitchboardConferences.get(h.testKit().system()).room(ConferenceHarness.ASTERISK, "sales");
            TestProbe<RoomEntity.ModerationReply> replies = h.testKit().createTestProbe();
            room.tell(new RoomEntity.SetMute(ann, true, replies.getRef()));
            replies.expectMessageClass(RoomEntity.Done.class);
            h.runUntil("Ann muted", () -> "in".equals(h.sim().media(ann).muted()), STEP, MINUTE);
            room.tell(new RoomEntity.Kick(ann, replies.getRef()));
            replies.expectMessageClass(RoomEntity.Done.class);
            h.runUntil("Ann's flow told she was kicked", exit::isDone, STEP, MINUTE);
            assertEquals(ConferenceExit.Reason.KICKED, exit.join().reason());
            h.runUntil("Ann heard again, out of the room", () -> h.sim().media(ann).muted() == null
                    && h.sim().bridge("conf-sales").isEmpty(), STEP, MINUTE);
        }
    }
}
