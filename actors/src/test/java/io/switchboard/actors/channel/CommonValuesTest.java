package io.switchboard.actors.channel;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class CommonValuesTest {
    @Test
    void equalValuesBecomeOneCopyUntilThePoolIsFull() {
        CommonValues values = new CommonValues(2);
        String up = values.pooled(new String("Up"));
        assertSame(up, values.pooled(new String("Up")));
        String ring = values.pooled(new String("Ring"));
        assertSame(ring, values.pooled(new String("Ring")));

        // full: a new value is its own copy, and the pooled ones stay pooled
        String down = new String("Down");
        assertSame(down, values.pooled(down));
        String downAgain = new String("Down");
        assertSame(downAgain, values.pooled(downAgain));
        assertSame(up, values.pooled(new String("Up")));
        assertNull(values.pooled(null));
    }
}
