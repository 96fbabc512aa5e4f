package io.switchboard.actors.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.BehaviorTestKit;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;

class ReceiveTableTest {

    interface Message {
    }

    record Add(String item) implements Message {
    }

    record Stop() implements Message {
    }

    enum Tick implements Message { NOW }

    record Unknown() implements Message {
    }

    static final class Counter {
        final List<String> seen = new ArrayList<>();

        Behavior<Message> onAdd(Add add) {
            seen.add(add.item());
            return Behaviors.same();
        }
    }

    private static final ReceiveTable<Counter, Message> TABLE = ReceiveTable.builder(Counter.class, Message.class)
            .on(Add.class, Counter::onAdd)
            .onThen(Tick.class, (counter, tick) -> counter.seen.add("tick"))
            .on(Stop.class, (counter, stop) -> Behaviors.stopped())
            .build();

    @Test
    void each_instance_gets_its_own_messages_from_the_shared_table() {
        Counter first = new Counter();
        Counter second = new Counter();
        BehaviorTestKit<Message> a = BehaviorTestKit.create(TABLE.receive(first));
        BehaviorTestKit<Message> b = BehaviorTestKit.create(TABLE.receive(second));

        a.run(new Add("x"));
        b.run(new Add("y"));
        a.run(Tick.NOW);

        assertEquals(List.of("x", "tick"), first.seen);
        assertEquals(List.of("y"), second.seen);
        assertTrue(a.isAlive());
    }

    @Test
    void a_handler_decides_the_next_behavior() {
        BehaviorTestKit<Message> kit = BehaviorTestKit.create(TABLE.receive(new Counter()));
        kit.run(new Stop());
        assertFalse(kit.isAlive());
    }

    @Test
    void a_message_without_a_handler_is_unhandled() {
        Counter counter = new Counter();
        BehaviorTestKit<Message> kit = BehaviorTestKit.create(TABLE.receive(counter));
        kit.run(new Unknown());
        assertTrue(kit.isAlive());
        assertTrue(counter.seen.isEmpty());
    }

    @Test
    void the_first_handler_declared_for_a_supertype_takes_its_subtypes() {
        ReceiveTable<Counter, Message> table = ReceiveTable.builder(Counter.class, Message.class)
                .onThen(Add.class, (counter, add) -> counter.seen.add("add"))
                .onThen(Message.class, (counter, other) -> counter.seen.add("other " + other.getClass().getSimpleName()))
                .build();
        Counter counter = new Counter();
        BehaviorTestKit<Message> kit = BehaviorTestKit.create(table.receive(counter));
        kit.run(new Add("a"));
        kit.run(new Unknown());
        assertEquals(List.of("add", "other Unknown"), counter.seen);
    }
}
