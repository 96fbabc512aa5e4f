package io.switchboard.queues.log;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;

/**
 * Where a read-side view keeps its checkpoint: what it has folded so far and the journal offsets it reached, in
 * one value, so that the two are always written together (the node's: {@code CheckpointTable}, next to the
 * journal). A view started again reads the journal from there
 * instead of from the start. Every node folds the same journal into the same view, so they share one checkpoint
 * per view; a write that loses the race to another node's fails on its revision and is simply tried later.
 */
public interface CheckpointStore {

    /** A checkpoint as stored, with the revision the next write must follow. */
    record Stored(Object checkpoint, long revision) {
    }

    /** The view's checkpoint, if one was written. */
    CompletionStage<Optional<Stored>> load(String viewId);

    /** Writes {@code checkpoint} as revision {@code revision}: it fails unless the stored one is revision - 1. */
    CompletionStage<Done> save(String viewId, long revision, Object checkpoint);

}
