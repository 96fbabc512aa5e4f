package io.switchboard.platform.demo;

import io.switchboard.simulator.SimulatedAsterisk;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's conference room: simulated members call into {@code Stasis(callcenter, conference, <room>)}, stay one
 * to three minutes, and one of them talks for a few seconds now and then, so that the wallboard's Conferences
 * section shows who is talking. A member put out of the room (kicked from the API) is replaced.
 */
public final class DemoConference {
    private static final Logger log = LoggerFactory.getLogger(DemoConference.class);
    private static final Duration BEAT = Duration.ofMillis(1500);

    private final SimulatedAsterisk sim;
    private final DemoSettings demo;
    private final List<Member> members = new ArrayList<>();
    private int placed;

    private record Member(String channelId, long leavesAtBeat) {
    }

    private DemoConference(SimulatedAsterisk sim, DemoSettings demo) {
        this.sim = sim;
        this.demo = demo;
    }

    /** Starts the room's traffic unless the demo has no room; stopped with the returned handle. */
    public static Cancellable start(ActorSystem<?> system, SimulatedAsterisk sim, DemoSettings demo) {
        if (demo.conferenceRoom().isEmpty() || demo.conferenceTalkers() == 0) {
            return Cancellable.alreadyCancelled();
        }
        DemoConference room = new DemoConference(sim, demo);
        long[] beats = {0};
        return system.scheduler().scheduleWithFixedDelay(Duration.ofSeconds(2), BEAT, () -> {
            try {
                room.beat(++beats[0]);
            } catch (RuntimeException e) {
                log.debug("demo conference beat: {}", e.toString());
            }
        }, system.executionContext());
    }

    private void beat(long beat) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        members.removeIf(m -> !sim.live(m.channelId()));
        for (Member member : List.copyOf(members)) {
            if (beat >= member.leavesAtBeat()) {
                members.remove(member);
                sim.calls().farEndHangup(member.channelId());
            }
        }
        if (members.size() < demo.conferenceTalkers()) {
            int n = ++placed;
            String channel = sim.calls().inboundTo("callcenter", List.of("conference", demo.conferenceRoom()),
                    "answer", "Member " + n + " <" + (5557000 + n) + ">").channelId();
            long stay = (60_000 + random.nextLong(120_000)) / BEAT.toMillis();
            members.add(new Member(channel, beat + stay));
        }
        if (!members.isEmpty() && random.nextInt(3) > 0) {
            Member talker = members.get(random.nextInt(members.size()));
            sim.calls().talk(talker.channelId(), Duration.ofMillis(1000 + random.nextLong(4000)));
        }
    }
}
