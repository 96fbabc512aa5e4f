package io.switchboard.examples.conference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.switchboard.ari.events.PlaybackStarted;
import io.switchboard.conferencing.SwitchboardConferences;
import io.switchboard.conferencing.room.RoomEntity;
import io.switchboard.examples.runner.ExampleRunner;
import io.switchboard.examples.support.SimulatedCallCenter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.junit.jupiter.api.Test;

/**
 * The team conference on the simulator: PINs, music for the first member alone, and the admin muting everyone
 * else with 9 (and letting them speak again).
 */
class TeamConferenceTest {
    private static final Duration STEP = Duration.ofMillis(200);

    @Test
    void membersMeetWithTheirPinAndTheAdminMutesEveryoneElse() throws Exception {
        try (SimulatedCallCenter center = SimulatedCallCenter.start(TeamConference.example())) {
            String alice = enter(center, "Alice <2001>", "1234");
            center.awaitValue(() -> bridge(center).filter(b -> b.channels().equals(List.of(alice))
                    && "default".equals(b.mohClass())), STEP, "Alice alone in the room, with music");

            String bob = enter(center, "Bob <2002>", "1234");
            center.awaitValue(() -> bridge(center).filter(b -> b.channels().equals(List.of(alice, bob))
                    && b.mohClass() == null), STEP, "Bob in: the music stops");

            String carol = enter(center, "Carol <2003>", "4321");
            center.awaitValue(() -> Optional.of(true).filter(x -> members(center).contains(carol)), STEP,
                    "Carol in the room");
            center.sim().calls().pressDigits(carol, "9", Duration.ofMillis(100));
            center.awaitValue(() -> Optional.of(true).filter(x -> "in".equals(center.sim().media(alice).muted())
                    && "in".equals(center.sim().media(bob).muted())), STEP, "everyone but the admin muted");
            assertNull(center.sim().media(carol).muted(), "the admin is heard");

            center.sim().calls().pressDigits(carol, "9", Duration.ofMillis(100));
            center.awaitValue(() -> Optional.of(true).filter(x -> center.sim().media(alice).muted() == null
                    && center.sim().media(bob).muted() == null), STEP, "everyone heard again");
            assertEquals(3, bridge(center).orElseThrow().channels().size());
        }
    }

    /** A caller who types {@code pin} once asked for it; answers the caller's channel id. */
    private static String enter(SimulatedCallCenter center, String callerId, String pin) {
        String channel = center.sim().calls().inboundTo("callcenter", List.of(), "answer", callerId).channelId();
        center.awaitEvent(PlaybackStarted.class, p -> p.playback().targetUri().equals("channel:" + channel)
                && p.playback().mediaUri().equals("sound:conf-getpin"), STEP);
        center.sim().calls().pressDigits(channel, pin + "#", Duration.ofMillis(300));
        return channel;
    }

    /** The room's members as the room has them (a member is in once the room journaled it). */
    private static List<String> members(SimulatedCallCenter center) {
        try {
            return AskPattern.<RoomEntity.Command, RoomEntity.RoomView>ask(SwitchboardConferences.get(center.node())
                            .room(ExampleRunner.ASTERISK_ID, TeamConference.ROOM), RoomEntity.GetView::new,
                    Duration.ofSeconds(5), center.node().scheduler()).toCompletableFuture().get(10, TimeUnit.SECONDS)
                    .members().stream().map(RoomEntity.MemberView::channelId).toList();
        } catch (Exception e) {
            throw new AssertionError("the room did not answer", e);
        }
    }

    private static Optional<io.switchboard.simulator.SimulatedAsterisk.BridgeState> bridge(
            SimulatedCallCenter center) {
        return center.sim().bridge("conf-" + TeamConference.ROOM);
    }
}
