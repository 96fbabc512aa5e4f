package io.switchboard.simulator.server;

import io.switchboard.simulator.state.AppSocket;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.QueueOfferResult;

/** One connected events WebSocket; frames are queued in order from the state thread. */
final class EventSocketSession implements AppSocket {
    private final BoundedSourceQueue<Message> out;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong allSockets;
    private volatile boolean open = true;

    EventSocketSession(BoundedSourceQueue<Message> out, AtomicLong allSockets) {
        this.out = out;
        this.allSockets = allSockets;
    }

    @Override
    public void send(String frame) {
        if (open && out.offer(TextMessage.create(frame)) == QueueOfferResult.enqueued()) {
            sent.incrementAndGet();
            allSockets.incrementAndGet();
        }
    }

    @Override
    public long sent() {
        return sent.get();
    }

    void closed() {
        open = false;
        out.complete();
    }
}
