package io.switchboard.ari.client;

import java.net.http.WebSocket;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends text frames on a JDK {@link WebSocket} from any thread. The JDK allows one send in progress at a time,
 * so frames wait in a bounded queue and whichever thread finds the socket idle sends the next one; a send that
 * completes at once is followed by the next in the same loop rather than by recursion.
 */
final class TextSender implements FrameSink {
    private final WebSocket socket;
    private final int capacity;
    private final Queue<String> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicInteger work = new AtomicInteger();
    private volatile boolean sending;
    private volatile boolean failed;

    TextSender(WebSocket socket, int capacity) {
        this.socket = socket;
        this.capacity = capacity;
    }

    @Override
    public boolean send(String frame) {
        if (failed || socket.isOutputClosed()) {
            return false;
        }
        if (size.incrementAndGet() > capacity) {
            size.decrementAndGet();
            return false;
        }
        waiting.add(frame);
        drain();
        return true;
    }

    private void drain() {
        if (work.getAndIncrement() != 0) {
            return;
        }
        do {
            if (!sending && !failed) {
                String next = waiting.poll();
                if (next != null) {
                    size.decrementAndGet();
                    sending = true;
                    socket.sendText(next, true).whenComplete((ws, failure) -> {
                        if (failure != null) {
                            failed = true;
                        }
                        sending = false;
                        drain();
                    });
                }
            }
        } while (work.decrementAndGet() != 0);
    }
}
