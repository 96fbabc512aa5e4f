package io.switchboard.ari.client;

import io.switchboard.ari.events.EventStreamItem;
import java.util.function.Function;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.javadsl.Source;

/** An {@link EventReceiver}-driven socket as a Pekko Streams source: the receiver's backlog is the buffer. */
final class ReceiverSource {
    /** Room past the buffer size for the Disconnected that reports an overflow and the next Connected. */
    private static final int SIGNALS = 4;

    private ReceiverSource() {
    }

    /** Each materialization starts one subscription and closes it when the stream stops. */
    static Source<EventStreamItem, NotUsed> of(int bufferSize, Function<EventReceiver, AriSubscription> start) {
        return Source.<EventStreamItem>queue(bufferSize + SIGNALS).watchTermination((queue, done) -> {
            AriSubscription subscription = start.apply(receiverFor(queue));
            done.whenComplete((ok, failure) -> subscription.close());
            return NotUsed.getInstance();
        });
    }

    private static EventReceiver receiverFor(BoundedSourceQueue<EventStreamItem> queue) {
        return new EventReceiver() {
            @Override
            public void receive(EventStreamItem item) {
                queue.offer(item);
            }

            @Override
            public int backlog() {
                return queue.size();
            }
        };
    }
}
