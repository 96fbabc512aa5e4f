package io.switchboard.platform.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.platform.failover.CallerFates.Caller;
import io.switchboard.platform.failover.CallerFates.Fate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How NodeLossIT reads the simulator's GET /sim/calls: each caller's fate, the gap, the fate table. */
class CallerFatesTest {
    private static final Instant KILL = Instant.parse("2026-12-07T06:00:12Z");

    private static final String CALLS = """
            [
              {"channelId": "caller-1", "placedAt": "2026-12-07T06:00:01Z", "enteredStasisAt": "2026-12-07T06:00:01.1Z",
               "stasisFailed": false, "answeredAt": "2026-12-07T06:00:01.2Z", "talkedWith": ["agent1-1"],
               "firstTalkedAt": "2026-12-07T06:00:02.5Z", "endedAt": "2026-12-07T06:00:11.2Z", "hungUpBy": "caller"},
              {"channelId": "caller-2", "placedAt": "2026-12-07T06:00:02Z", "enteredStasisAt": "2026-12-07T06:00:02.1Z",
               "stasisFailed": false, "answeredAt": "2026-12-07T06:00:02.2Z", "talkedWith": [],
               "firstTalkedAt": null, "endedAt": "2026-12-07T06:00:12.2Z", "hungUpBy": "caller"},
              {"channelId": "caller-13", "placedAt": "2026-12-07T06:00:13Z", "enteredStasisAt": "2026-12-07T06:00:13.1Z",
               "stasisFailed": false, "answeredAt": null, "talkedWith": [],
               "firstTalkedAt": null, "endedAt": "2026-12-07T06:00:40Z", "hungUpBy": "caller"},
              {"channelId": "caller-14", "placedAt": "2026-12-07T06:00:14Z", "enteredStasisAt": "2026-12-07T06:00:14.1Z",
               "stasisFailed": false, "answeredAt": "2026-12-07T06:00:15.5+00:00", "talkedWith": [],
               "firstTalkedAt": null, "endedAt": "2026-12-07T06:00:20Z", "hungUpBy": "app"},
              {"channelId": "caller-30", "placedAt": "2026-12-07T06:00:30Z", "enteredStasisAt": "2026-12-07T06:00:30.1Z",
               "stasisFailed": false, "answeredAt": "2026-12-07T06:00:30.200+0000", "talkedWith": ["agent2-7"],
               "firstTalkedAt": "2026-12-07T06:00:31.5Z", "endedAt": "2026-12-07T06:00:40.2Z", "hungUpBy": "caller"},
              {"channelId": "someone-else", "placedAt": "2026-12-07T06:00:03Z", "enteredStasisAt": null,
               "stasisFailed": true, "answeredAt": null, "talkedWith": [], "endedAt": null, "hungUpBy": null}
            ]
            """;

    private static List<Caller> callers() throws Exception {
        JsonNode calls = JsonHttp.JSON.readTree(CALLS);
        return CallerFates.of(calls, Set.of("caller-30", "caller-1", "caller-2", "caller-13", "caller-14"));
    }

    @Test
    void eachCallerHasOneFateAndOnlyOurCallersCount() throws Exception {
        List<Caller> callers = callers();
        assertEquals(List.of("caller-1", "caller-2", "caller-13", "caller-14", "caller-30"),
                callers.stream().map(Caller::channelId).toList(), "in the order they were placed");
        assertEquals(List.of(Fate.TALKED, Fate.ABANDONED, Fate.NEVER_REACHED_QUEUE, Fate.HUNG_UP_BY_APP, Fate.TALKED),
                callers.stream().map(Caller::fate).toList());
    }

    @Test
    void theGapRunsFromTheKillToTheFirstLaterCallerTheApplicationAnswered() throws Exception {
        // caller-13 was never answered: caller-14, answered 3.5 s after the kill, ends the gap
        assertEquals(Optional.of(Duration.ofMillis(3500)), CallerFates.gap(callers(), KILL));
        assertEquals(Optional.empty(), CallerFates.gap(callers(), Instant.parse("2026-12-07T06:00:31Z")));
    }

    @Test
    void theSlowestAnswerAfterTheKillIsNamed() throws Exception {
        assertEquals(Optional.of("caller-14 waited 1500 ms to be answered"),
                CallerFates.slowestAnswerAfter(callers(), KILL));
    }

    @Test
    void theTableCountsFatesBeforeTheKillJustAfterItAndLater() throws Exception {
        String table = CallerFates.table(callers(), KILL, Duration.ofSeconds(10));
        assertTrue(table.contains("| before the kill | 2 | 1 | 1 | 0 | 0 |"), table);
        assertTrue(table.contains("| 0-10 s after | 2 | 0 | 0 | 1 | 1 |"), table);
        assertTrue(table.contains("| later | 1 | 1 | 0 | 0 | 0 |"), table);
        assertTrue(table.contains("| all | 5 | 2 | 1 | 1 | 1 |"), table);
    }
}
