package io.switchboard.queues.queue;

import io.switchboard.actors.channel.ChannelAction;
import io.switchboard.actors.channel.ChannelEntity;
import io.switchboard.actors.channel.Outcome;
import io.switchboard.queues.queue.QueueEntity.AnnouncementDone;
import io.switchboard.queues.queue.QueueEntity.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.persistence.typed.javadsl.Effect;

/**
 * What waiting callers hear besides music: their position (with the estimated wait) and the periodic
 * announcement, each when it comes due. Callers being offered, typing a callback number or waiting for a call
 * back hear none.
 */
final class Announcer {
    private final QueueContext queue;
    private final Offers offers;
    private final QueueAgents agents;
    /** When each waiting caller next hears their position, and the periodic announcement. */
    private final Map<String, Instant> nextPosition = new HashMap<>();
    private final Map<String, Instant> nextPeriodic = new HashMap<>();
    private final Set<String> announcing = new HashSet<>();

    Announcer(QueueContext queue, Offers offers, QueueAgents agents) {
        this.queue = queue;
        this.offers = offers;
        this.agents = agents;
    }

    void forget(String callerId) {
        nextPosition.remove(callerId);
        nextPeriodic.remove(callerId);
    }

    /** Position (with the estimated wait) and periodic announcements that have come due. */
    void announceDue(QueueState state, Instant now) {
        QueueConfig.Announcements a = state.config.announcements();
        if (a.positionEvery() == null && (a.periodic().isEmpty() || a.periodicEvery() == null)) {
            return;
        }
        List<WaitingCaller> ordered = state.inOrder();
        for (int i = 0; i < ordered.size(); i++) {
            WaitingCaller caller = ordered.get(i);
            String id = caller.callerId();
            if (offers.has(id) || announcing.contains(id) || state.collectingNumber.contains(id)
                    || state.callbacks.containsKey(id)) {
                continue;
            }
            if (a.positionEvery() != null && !now.isBefore(nextPosition.computeIfAbsent(id,
                    x -> caller.joinedAt().plus(a.positionEvery())))) {
                nextPosition.put(id, now.plus(a.positionEvery()));
                announce(state, caller, positionMedia(state, i + 1, a.holdTime()));
            } else if (!a.periodic().isEmpty() && a.periodicEvery() != null && !now.isBefore(
                    nextPeriodic.computeIfAbsent(id, x -> caller.joinedAt().plus(a.periodicEvery())))) {
                nextPeriodic.put(id, now.plus(a.periodicEvery()));
                announce(state, caller, a.periodic());
            }
        }
    }

    private List<String> positionMedia(QueueState state, int position, boolean holdTime) {
        List<String> media = new ArrayList<>();
        if (position == 1) {
            media.add("sound:queue-youarenext");
        } else {
            media.add("sound:queue-thereare");
            media.add("number:" + (position - 1));
            media.add("sound:queue-callswaiting");
        }
        if (holdTime) {
            WaitEstimate.estimate(position, agents.staffing(), agents.idle(), state.ahtSeconds).ifPresent(wait -> {
                media.add("sound:queue-holdtime");
                media.add("number:" + Math.max(1, (wait.toSeconds() + 59) / 60));
                media.add("sound:queue-minutes");
            });
        }
        return media;
    }

    /** Music stops for the announcement and starts again after it, unless the caller is on their way out. */
    private void announce(QueueState state, WaitingCaller caller, List<String> media) {
        announcing.add(caller.callerId());
        if (!state.config.waitsInBridge()) {
            queue.perform(caller.channelEntityId(), new ChannelAction.StopMoh());
        }
        queue.context.ask(Outcome.class, queue.channel(caller.channelEntityId()), Duration.ofMinutes(2),
                replyTo -> new ChannelEntity.Play(media, "", null, replyTo),
                (outcome, failure) -> new AnnouncementDone(caller.callerId()));
    }

    Effect<Event, QueueState> onAnnouncementDone(QueueState state, AnnouncementDone done) {
        announcing.remove(done.callerId());
        Offers.InFlight offer = offers.get(done.callerId());
        WaitingCaller waiting = state.callers.get(done.callerId());
        if (waiting != null && (offer == null || !offer.answered) && !state.config.waitsInBridge()
                && !state.callbacks.containsKey(done.callerId())) {
            queue.perform(waiting.channelEntityId(), new ChannelAction.StartMoh(state.config.musicClass()));
        }
        return queue.effect().none();
    }
}
