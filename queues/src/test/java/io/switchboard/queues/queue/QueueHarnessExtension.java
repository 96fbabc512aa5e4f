package io.switchboard.queues.queue;

import com.typesafe.config.Config;
import io.switchboard.simulator.SimulatedAsterisk;
import io.switchboard.testkit.time.TestTime;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The {@link QueueHarness} a test starts, closed (node and simulated Asterisk) after that test:
 * {@code @RegisterExtension final QueueHarnessExtension node = new QueueHarnessExtension();} then
 * {@code node.start(...)} in the test and {@link #harness()} in its helpers.
 */
final class QueueHarnessExtension implements AfterEachCallback {
    private QueueHarness harness;

    /** As {@link QueueHarness#start(String)}, closed after the test. */
    QueueHarness start(String definitions) {
        return started(() -> QueueHarness.start(definitions));
    }

    /** As {@link QueueHarness#start(SimulatedAsterisk, Config, TestTime, String)}; {@code sim} is closed too. */
    QueueHarness start(SimulatedAsterisk sim, Config persistence, TestTime time, String definitions) {
        return started(() -> QueueHarness.start(sim, persistence, time, definitions));
    }

    boolean started() {
        return harness != null;
    }

    /** The harness this test started. */
    QueueHarness harness() {
        if (harness == null) {
            throw new IllegalStateException("this test has not started a queue harness yet: call start(...) first");
        }
        return harness;
    }

    private QueueHarness started(Supplier<QueueHarness> start) {
        if (harness != null) {
            throw new IllegalStateException("this test already started a queue harness; a second node goes through "
                    + "QueueHarness.start(...) and the test stops it itself");
        }
        harness = start.get();
        return harness;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (harness != null) {
            QueueHarness closing = harness;
            harness = null;
            closing.close();
        }
    }
}
