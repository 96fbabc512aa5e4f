package io.switchboard.queues.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.queues.agent.AgentEvent;
import io.switchboard.queues.queue.QueueConfig;
import io.switchboard.queues.queue.QueueEntity;
import io.switchboard.queues.queue.WaitingCaller;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each journaled queue and agent event read as its queue log lines. */
class QueueLogTest {
    private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");
    private static final Instant STORED = Instant.parse("2026-11-26T09:30:00Z");
    private static final String QUEUE = "Queue|support";
    private static final String AGENT = "Agent|agent1";

    private final QueueLog log = new QueueLog();

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    private List<QueueLogEntry> read(String persistenceId, Object event) {
        return log.entriesFor(persistenceId, event, STORED);
    }

    private List<QueueLogEntry> join(String callerId, int priority, long atSecond) {
        return read(QUEUE, new QueueEntity.CallerJoined(new WaitingCaller(callerId, "pbx1", callerId.substring(5),
                priority, Map.of(), at(atSecond), atSecond, null)));
    }

    private static QueueLogEntry line(Instant time, String callerId, String agent, QueueEventType event, long wait,
                                      long talk, long wrapUp, long ring, int position, String detail) {
        return new QueueLogEntry(time, "support", callerId, agent, event, wait, talk, wrapUp, ring, position, detail);
    }

    @Test
    void aJoiningCallerIsLoggedAtThePositionItsPriorityGivesIt() {
        assertEquals(List.of(line(at(0), "pbx1/a", null, QueueEventType.ENTERQUEUE, 0, 0, 0, 0, 1, null)),
                join("pbx1/a", 0, 0));
        assertEquals(2, join("pbx1/b", 0, 1).get(0).position());
        assertEquals(1, join("pbx1/c", 5, 2).get(0).position(), "a higher priority goes ahead");
        assertEquals(List.of(), read(QUEUE, new QueueEntity.PriorityChanged("pbx1/b", 9)));
        assertEquals(3, join("pbx1/d", 5, 3).get(0).position(), "behind b (9) and c (5)");
        read(QUEUE, new QueueEntity.CallerConnected("pbx1/b", "agent1", 10, at(10)));
        read(QUEUE, new QueueEntity.CallerLeft("pbx1/c", "ABANDON", 9, 1, at(11)));
        assertEquals(2, join("pbx1/e", 5, 12).get(0).position(), "b and c are gone: behind d");
    }

    @Test
    void leavingWithoutAnAgentIsLoggedWithItsReason() {
        for (String reason : List.of("ABANDON", "EXITWITHTIMEOUT", "EXITEMPTY", "EXITWITHKEY")) {
            assertEquals(List.of(line(at(40), "pbx1/a", null, QueueEventType.valueOf(reason), 40, 0, 0, 0, 2, null)),
                    read(QUEUE, new QueueEntity.CallerLeft("pbx1/a", reason, 40, 2, at(40))));
        }
    }

    @Test
    void refusalsAreLoggedAsFullOrJoinEmpty() {
        assertEquals(List.of(line(at(1), "pbx1/a", null, QueueEventType.FULL, 0, 0, 0, 0, 0, null)),
                read(QUEUE, new QueueEntity.CallerRefused("pbx1/a", "FULL", at(1))));
        assertEquals(List.of(line(at(2), "pbx1/b", null, QueueEventType.JOINEMPTY, 0, 0, 0, 0, 0, null)),
                read(QUEUE, new QueueEntity.CallerRefused("pbx1/b", "JOINEMPTY", at(2))));
    }

    @Test
    void aConnectionAndItsEndAreLoggedWithWaitAndTalk() {
        assertEquals(List.of(line(at(15), "pbx1/a", "agent1", QueueEventType.CONNECT, 15, 0, 0, 0, 0, null)),
                read(QUEUE, new QueueEntity.CallerConnected("pbx1/a", "agent1", 15, at(15))));
        assertEquals(List.of(line(at(75), "pbx1/a", "agent1", QueueEventType.COMPLETECALLER, 0, 60, 0, 0, 0, null)),
                read(QUEUE, new QueueEntity.ConversationEnded("pbx1/a", "agent1", 60, "CALLER", at(75))));
        assertEquals(List.of(line(at(90), "pbx1/b", "agent2", QueueEventType.COMPLETEAGENT, 0, 30, 0, 0, 0, null)),
                read(QUEUE, new QueueEntity.ConversationEnded("pbx1/b", "agent2", 30, "AGENT", at(90))));
    }

    @Test
    void offersAndMembersAreDatedWhenTheyHappened() {
        assertEquals(List.of(line(at(15), "pbx1/a", "agent1", QueueEventType.RINGNOANSWER, 0, 0, 0, 15, 0,
                        "NOANSWER")),
                read(QUEUE, new QueueEntity.OfferFailed("pbx1/a", "agent1", "NOANSWER", 15, at(20), at(15))));
        assertEquals(List.of(line(at(3), null, "agent1", QueueEventType.ADDMEMBER, 0, 0, 0, 0, 0, null)),
                read(QUEUE, new QueueEntity.MemberAdded("agent1", at(3))));
        assertEquals(List.of(line(at(4), null, "agent1", QueueEventType.REMOVEMEMBER, 0, 0, 0, 0, 0, null)),
                read(QUEUE, new QueueEntity.MemberRemoved("agent1", at(4))));
    }

    @Test
    void offersAndMembersJournaledWithoutTheirTimeAreDatedWhenStored() {
        assertEquals(List.of(line(STORED, "pbx1/a", "agent1", QueueEventType.RINGNOANSWER, 0, 0, 0, 15, 0,
                        "NOANSWER")),
                read(QUEUE, new QueueEntity.OfferFailed("pbx1/a", "agent1", "NOANSWER", 15, at(20), null)));
        assertEquals(List.of(line(STORED, null, "agent1", QueueEventType.ADDMEMBER, 0, 0, 0, 0, 0, null)),
                read(QUEUE, new QueueEntity.MemberAdded("agent1", null)));
        assertEquals(List.of(line(STORED, null, "agent1", QueueEventType.REMOVEMEMBER, 0, 0, 0, 0, 0, null)),
                read(QUEUE, new QueueEntity.MemberRemoved("agent1", null)));
    }

    @Test
    void anExitWithKeyCarriesTheKeyThePositionsAndTheWait() {
        join("pbx1/a", 0, 0);
        join("pbx1/b", 0, 1);
        join("pbx1/c", 0, 2);
        read(QUEUE, new QueueEntity.CallerConnected("pbx1/a", "agent1", 10, at(10)));
        // c joined third and is second when it presses 5 after 30 s
        assertEquals(List.of(new QueueLogEntry(at(32), "support", "pbx1/c", null, QueueEventType.EXITWITHKEY, 30, 0,
                        0, 0, 2, "5", 3)),
                read(QUEUE, new QueueEntity.CallerLeft("pbx1/c", "EXITWITHKEY", 30, 2, at(32), "5")));
        assertEquals(List.of(new QueueLogEntry(at(40), "support", "pbx1/b", null, QueueEventType.ABANDON, 39, 0, 0, 0,
                        1, null, 2)),
                read(QUEUE, new QueueEntity.CallerLeft("pbx1/b", "ABANDON", 39, 1, at(40))));
    }

    @Test
    void bookkeepingEventsAreNoLogLines() {
        assertEquals(List.of(), read(QUEUE, new QueueEntity.RoundRobinMoved("agent1")));
        assertEquals(List.of(), read(QUEUE, new QueueEntity.ConfigChanged(QueueConfig.named("support"))));
        assertEquals(List.of(), read(QUEUE, new QueueEntity.CallerReattached("pbx1/a")));
        assertEquals(List.of(), read("Other|x", "not a queue event"));
    }

    private static QueueLogEntry member(Instant time, String queue, QueueEventType what, String detail) {
        return new QueueLogEntry(time, queue, null, "agent1", what, 0, 0, 0, 0, 0, detail);
    }

    @Test
    void pausesAreLoggedInEveryQueueOfTheAgent() {
        assertEquals(List.of(), read(AGENT, new AgentEvent.LoggedIn("pbx1", "PJSIP/agent1",
                Map.of("support", 0, "sales", 1), Map.of(), at(0))));
        assertEquals(List.of(member(at(5), "sales", QueueEventType.PAUSE, "lunch"),
                        member(at(5), "support", QueueEventType.PAUSE, "lunch")),
                read(AGENT, new AgentEvent.Paused("lunch", at(5))));
        assertEquals(List.of(member(at(9), "sales", QueueEventType.UNPAUSE, null),
                        member(at(9), "support", QueueEventType.UNPAUSE, null)),
                read(AGENT, new AgentEvent.Unpaused(at(9))));
        read(AGENT, new AgentEvent.Reserved("support", "pbx1/a", at(30), at(10)));
        assertEquals(List.of(member(at(25), "sales", QueueEventType.PAUSE, "autopause"),
                        member(at(25), "support", QueueEventType.PAUSE, "autopause")),
                read(AGENT, new AgentEvent.OfferUnanswered("NOANSWER", true, at(25))));
    }

    private List<QueueLogEntry> call(String callerId, long from, long wrapUpSeconds) {
        read(AGENT, new AgentEvent.Reserved("support", callerId, at(from + 20), at(from)));
        read(AGENT, new AgentEvent.RingStarted(at(from)));
        read(AGENT, new AgentEvent.CallAnswered(at(from + 2)));
        return read(AGENT, new AgentEvent.CallFinished(at(from + 62 + wrapUpSeconds), at(from + 62)));
    }

    @Test
    void wrapUpEndIsLoggedInTheQueueOfTheCallWithItsLength() {
        read(AGENT, new AgentEvent.LoggedIn("pbx1", "PJSIP/agent1", Map.of("support", 0), Map.of(), at(0)));
        assertEquals(List.of(), call("pbx1/a", 0, 30));
        assertEquals(List.of(new QueueLogEntry(at(92), "support", "pbx1/a", "agent1", QueueEventType.WRAPUPEND,
                0, 0, 30, 0, 0, null)), read(AGENT, new AgentEvent.WrapUpEnded(at(92))));
        assertEquals(List.of(), call("pbx1/b", 100, 0), "no wrap-up, no line");
        call("pbx1/c", 200, 30);
        assertEquals(List.of(new QueueLogEntry(at(272), "support", "pbx1/c", "agent1", QueueEventType.WRAPUPEND,
                        0, 0, 10, 0, 0, null), member(at(272), "support", QueueEventType.PAUSE, "break")),
                read(AGENT, new AgentEvent.Paused("break", at(272))), "a pause cuts the wrap-up short");
    }
}
