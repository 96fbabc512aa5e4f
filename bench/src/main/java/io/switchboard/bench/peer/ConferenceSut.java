package io.switchboard.bench.peer;

import io.switchboard.actors.flow.FlowRegistry;
import io.switchboard.actors.time.Timekeeper;
import io.switchboard.ari.events.ChannelTalkingStarted;
import io.switchboard.ari.json.AriTimestamps;
import io.switchboard.conferencing.SwitchboardConferences;
import io.switchboard.conferencing.flow.JoinOptions;
import io.switchboard.conferencing.room.RoomChange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.pubsub.Topic;

/**
 * The conference bench's node: every caller answered and put, as a member, in the room its first Stasis argument
 * names. With a talk file, each member's ChannelTalkingStarted (Asterisk's timestamp, to the millisecond) is paired
 * with the room's TALKING change as a subscriber of the node's room changes gets it (what the live feed relays),
 * and the time between them is written to the file, one line of milliseconds per talk.
 */
final class ConferenceSut {
    private ConferenceSut() {
    }

    static FlowRegistry flows(ActorSystem<?> system, Timekeeper time, String app, Path talkFile) {
        SwitchboardConferences conferences = SwitchboardConferences.get(system).start(time);
        Map<String, Instant> talkStarted = new ConcurrentHashMap<>();
        if (talkFile != null) {
            Writer out = writer(talkFile);
            ActorRef<RoomChange> timer = system.systemActorOf(Behaviors.receive(RoomChange.class)
                    .onMessage(RoomChange.class, change -> {
                        if (change.kind() == RoomChange.Kind.TALKING && change.on()) {
                            Instant started = talkStarted.remove(change.channelId());
                            if (started != null) {
                                out.write(Duration.between(started, Instant.now()).toMillis() + "\n");
                                out.flush();
                            }
                        }
                        return Behaviors.same();
                    }).build(), "talk-timings", Props.empty());
            conferences.changes().tell(Topic.subscribe(timer));
        }
        return new FlowRegistry().register(app, call -> {
            if (talkFile != null) {
                call.onEvent(event -> {
                    if (event instanceof ChannelTalkingStarted started) {
                        AriTimestamps.parse(started.timestamp()).ifPresent(at -> talkStarted.put(call.channelId(), at));
                    }
                });
            }
            return call.answer().thenCompose(x -> conferences.join(call, call.args().isEmpty() ? "bench"
                    : call.args().get(0), JoinOptions.asMember()));
        });
    }

    private static Writer writer(Path file) {
        try {
            return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
