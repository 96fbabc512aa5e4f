package io.switchboard.queues.log;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.Sequence;

/**
 * The checkpoint part of a {@link JournalFollower}: loads the view's checkpoint before the feed starts, and writes
 * one now and then as events are applied ({@link Checkpointing}). One write at a time; a failed write (the database
 * down, another node's write first) is logged and tried again at the next occasion, from the stored revision.
 */
final class Checkpointer<C, V> {
    /** The checkpointer's messages, wrapped like the follower's. */
    sealed interface Message extends JournalFollower.Feed {
    }

    private record Loaded(Optional<CheckpointStore.Stored> stored, Throwable failure) implements Message {
    }

    private record Saved(long revision) implements Message {
    }

    private record SaveFailed(Throwable failure) implements Message {
    }

    private record RevisionRead(long revision) implements Message {
    }

    private enum Due implements Message { INSTANCE }

    private enum Reload implements Message { INSTANCE }

    /** A checkpoint that cannot be read is tried this often, this far apart, before reading the whole journal. */
    private static final int LOAD_ATTEMPTS = 3;
    private static final Duration LOAD_RETRY = Duration.ofSeconds(2);

    private final ActorContext<C> context;
    private final TimerScheduler<C> timers;
    private final Function<JournalFollower.Feed, C> wrap;
    private final Checkpointing<V> checkpointing;
    /** The stored checkpoint's revision (0: none stored), or -1 while unknown. */
    private long revision = -1;
    private int appliedSinceSaved;
    /** How many of those the write in flight covers. */
    private int inFlight;
    private boolean saving;
    private int failedLoads;

    Checkpointer(ActorContext<C> context, TimerScheduler<C> timers, Function<JournalFollower.Feed, C> wrap,
                 Checkpointing<V> checkpointing) {
        this.context = context;
        this.timers = timers;
        this.wrap = wrap;
        this.checkpointing = checkpointing;
    }

    void load() {
        context.pipeToSelf(checkpointing.store().load(checkpointing.viewId()),
                (stored, failure) -> wrap.apply(new Loaded(stored, failure)));
    }

    /**
     * Handles one of its messages; when the checkpoint is loaded, answers the offsets to read from (empty: from the
     * start), else null.
     */
    Map<String, Offset> on(Message message, Map<String, Offset> offsets) {
        if (message instanceof Loaded loaded) {
            if (loaded.failure() != null && ++failedLoads < LOAD_ATTEMPTS) {
                context.getLog().warn("checkpoint of {} not read ({}); trying again in {}", checkpointing.viewId(),
                        loaded.failure().toString(), LOAD_RETRY);
                timers.startSingleTimer(wrap.apply(Reload.INSTANCE), LOAD_RETRY);
                return null;
            }
            timers.startTimerWithFixedDelay(wrap.apply(Due.INSTANCE), checkpointing.settings().interval());
            return restored(loaded);
        }
        if (message == Reload.INSTANCE) {
            load();
            return null;
        }
        if (message instanceof Saved saved) {
            saving = false;
            revision = saved.revision();
            appliedSinceSaved -= inFlight;
        } else if (message instanceof SaveFailed failed) {
            saving = false;
            revision = -1;
            context.getLog().warn("checkpoint of {} not written ({}); trying again later", checkpointing.viewId(),
                    failed.failure().toString());
        } else if (message instanceof RevisionRead read) {
            saving = false;
            revision = read.revision();
        } else if (message == Due.INSTANCE && appliedSinceSaved > 0) {
            save(offsets);
        }
        return null;
    }

    private Map<String, Offset> restored(Loaded loaded) {
        Map<String, Offset> offsets = new HashMap<>();
        if (loaded.failure() != null) {
            context.getLog().warn("checkpoint of {} not read ({}): reading the journal from the start",
                    checkpointing.viewId(), loaded.failure().toString());
            return offsets;
        }
        revision = loaded.stored().map(CheckpointStore.Stored::revision).orElse(0L);
        loaded.stored().ifPresent(stored -> {
            try {
                checkpointing.restore().apply(stored.checkpoint()).forEach((tag, ordering) ->
                        offsets.put(tag, Offset.sequence(ordering)));
                context.getLog().info("{} starts from its checkpoint: journal offsets {}", checkpointing.viewId(),
                        offsets);
            } catch (RuntimeException e) {
                offsets.clear();
                context.getLog().warn("checkpoint of {} not usable ({}): reading the journal from the start",
                        checkpointing.viewId(), e.toString());
            }
        });
        return offsets;
    }

    /** {@code count} events were applied; the offsets are those reached with them. */
    void applied(int count, Map<String, Offset> offsets) {
        appliedSinceSaved += count;
        if (appliedSinceSaved >= checkpointing.settings().everyEvents()) {
            save(offsets);
        }
    }

    private void save(Map<String, Offset> offsets) {
        if (saving) {
            return;
        }
        saving = true;
        if (revision < 0) {
            // unknown after a failure: read it, and write at the next occasion
            context.pipeToSelf(checkpointing.store().load(checkpointing.viewId()), (stored, failure) ->
                    wrap.apply(failure != null ? new SaveFailed(failure)
                            : new RevisionRead(stored.map(CheckpointStore.Stored::revision).orElse(0L))));
            return;
        }
        Map<String, Long> reached = new HashMap<>();
        offsets.forEach((tag, offset) -> {
            if (offset instanceof Sequence sequence) {
                reached.put(tag, sequence.value());
            }
        });
        long next = revision + 1;
        inFlight = appliedSinceSaved;
        CompletionStage<Done> written;
        try {
            written = checkpointing.store().save(checkpointing.viewId(), next, checkpointing.take().apply(reached));
        } catch (RuntimeException e) {
            written = CompletableFuture.failedFuture(e);
        }
        context.pipeToSelf(written,
                (done, failure) -> wrap.apply(failure != null ? new SaveFailed(failure) : new Saved(next)));
    }
}
