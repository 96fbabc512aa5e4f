package io.switchboard.queues.log;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * How a journal-following view keeps a checkpoint ({@link CheckpointStore}) so that it does not read the journal
 * from the start each time it starts: what it folded so far, with the offsets it reached, written every
 * {@code everyEvents} events applied or every {@code interval} if fewer came.
 *
 * @param viewId  the view's name in the store, the same on every node
 * @param take    the view now as a checkpoint holding the given offsets (tag → journal ordering), in the actor;
 *                it must not share anything the view goes on changing: it is serialized on another thread
 * @param restore sets the view to a stored checkpoint and answers its offsets; throws on one it cannot read
 * @param <V>     the view's checkpoint type (serializable, e.g. CBOR)
 */
public record Checkpointing<V>(String viewId, CheckpointStore store, Settings settings,
                               Function<Map<String, Long>, V> take, Function<Object, Map<String, Long>> restore) {

    /** {@code switchboard.queues.read-side-checkpoint}. */
    public record Settings(int everyEvents, Duration interval) {
        public Settings {
            if (everyEvents < 1 || interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("switchboard.queues.read-side-checkpoint: every-events must be "
                        + "at least 1 and interval positive, got " + everyEvents + " and " + interval);
            }
        }

        public static Settings fromConfig(Config root) {
            Config c = root.getConfig("switchboard.queues.read-side-checkpoint");
            return new Settings(c.getInt("every-events"), c.getDuration("interval"));
        }
    }
}
