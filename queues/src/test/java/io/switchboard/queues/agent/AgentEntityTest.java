package io.switchboard.queues.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.switchboard.queues.agent.AgentEntity.Answered;
import io.switchboard.queues.agent.AgentEntity.CallEnded;
import io.switchboard.queues.agent.AgentEntity.Command;
import io.switchboard.queues.agent.AgentEntity.Login;
import io.switchboard.queues.agent.AgentEntity.Logout;
import io.switchboard.queues.agent.AgentEntity.NotAnswered;
import io.switchboard.queues.agent.AgentEntity.Pause;
import io.switchboard.queues.agent.AgentEntity.Release;
import io.switchboard.queues.agent.AgentEntity.Reserve;
import io.switchboard.queues.agent.AgentEntity.ReserveReply;
import io.switchboard.queues.agent.AgentEntity.Ringing;
import io.switchboard.queues.agent.AgentEntity.SetQueues;
import io.switchboard.queues.agent.AgentEntity.StatusReply;
import io.switchboard.queues.agent.AgentEntity.Unpause;
import io.switchboard.testkit.time.TestTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.SerializationTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit.CommandResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The agent state machine on time the test moves ({@link TestTime}: its clock and its timers); every message
 * serialized. A timer due during an advance has told the agent before the advance returns, so what the agent
 * answers afterwards already shows whether the timer fired.
 */
class AgentEntityTest {
    private static final String QUEUE = "sales";
    private static final Instant START = Instant.parse("2025-03-03T09:00:00Z");
    private static final ActorTestKit testKit = ActorTestKit.create("agents", EventSourcedBehaviorTestKit.config()
            .withFallback(ConfigFactory.parseString("pekko.actor.serialize-messages = on"))
            .withFallback(ConfigFactory.load()));
    private static final AtomicInteger agents = new AtomicInteger();

    private TestTime time;
    private TestProbe<AgentStatus> changes;
    private EventSourcedBehaviorTestKit<Command, AgentEvent, AgentData> agent;

    @BeforeEach
    void newAgent() {
        time = TestTime.standalone();
        changes = testKit.createTestProbe();
        AgentNotifier notifier = changes.ref()::tell;
        agent = EventSourcedBehaviorTestKit.create(testKit.system(), AgentEntity.create(
                "agent" + agents.incrementAndGet(), new AgentSettings(100, time.timekeeper()), notifier));
    }

    @AfterEach
    void stopTime() {
        time.close();
    }

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
    }

    @Test
    void aCallGoesReservedRingingOnCallWrapUpAndBackToAvailableAfterExactlyTheWrapUp() {
        login();
        AgentStatus reserved = reserve("c1", Duration.ofSeconds(15));
        assertEquals(AgentState.RESERVED, reserved.state());
        assertEquals("c1", reserved.busyWith());
        assertEquals(QUEUE, reserved.busyInQueue());
        assertNull(reserved.availableSince());
        expectChange(AgentState.RESERVED);

        assertEquals(AgentState.RINGING, agent.runCommand(new Ringing(QUEUE, "c1")).state().state());
        expectChange(AgentState.RINGING);
        assertEquals(0, time.simulatorClock().pendingTimers(), "the lease no longer runs once ringing");
        pass(Duration.ofSeconds(20));
        assertEquals(AgentState.RINGING, agent.getState().state(), "still ringing past the lease");

        AgentStatus onCall = agent.runCommand(new Answered(QUEUE, "c1")).state().status();
        assertEquals(AgentState.ON_CALL, onCall.state());
        assertEquals(1, onCall.callsTaken());
        expectChange(AgentState.ON_CALL);

        pass(Duration.ofSeconds(90));
        AgentStatus wrapUp = agent.runCommand(new CallEnded(QUEUE, "c1", Duration.ofSeconds(30))).state().status();
        assertEquals(AgentState.WRAP_UP, wrapUp.state());
        assertEquals(90, wrapUp.talkSeconds());
        assertEquals(time.now(), wrapUp.lastCallEnded());
        assertNull(wrapUp.busyWith());
        expectChange(AgentState.WRAP_UP);

        Instant wrapUpEnds = time.now().plusSeconds(30);
        pass(Duration.ofSeconds(30).minusMillis(1));
        assertEquals(AgentState.WRAP_UP, agent.getState().state(), "1 ms before the end of wrap-up");
        pass(Duration.ofMillis(1));
        AgentStatus available = expectChange(AgentState.AVAILABLE); // the next change: none came in between
        assertEquals(wrapUpEnds, available.availableSince());
        assertEquals(1, available.callsTaken());
        assertEquals(90, available.talkSeconds());
    }

    @Test
    void withoutWrapUpTheAgentIsAvailableWhenTheCallEnds() {
        login();
        reserve("c1", Duration.ofSeconds(15));
        agent.runCommand(new Answered(QUEUE, "c1"));
        pass(Duration.ofSeconds(61));
        AgentStatus after = agent.runCommand(new CallEnded(QUEUE, "c1", Duration.ZERO)).state().status();
        assertEquals(AgentState.AVAILABLE, after.state());
        assertEquals(61, after.talkSeconds());
        assertEquals(time.now(), after.availableSince());
    }

    @Test
    void anUnusedLeaseRunsOutAndTheAgentIsAvailableAgain() {
        login();
        Instant leaseEnds = time.now().plusSeconds(5);
        reserve("c1", Duration.ofSeconds(5));
        expectChange(AgentState.RESERVED);
        pass(Duration.ofMillis(4999));
        assertEquals(AgentState.RESERVED, agent.getState().state(), "1 ms before the lease ends");
        pass(Duration.ofMillis(1));
        assertEquals(leaseEnds, expectChange(AgentState.AVAILABLE).availableSince());
    }

    @Test
    void onlyAnAvailableAgentCanBeReservedAndTheSameCallerMayAskAgain() {
        assertInstanceOf(ReserveReply.NotAvailable.class, reserveReply("c1"));
        login();
        reserve("c1", Duration.ofSeconds(15));
        CommandResult<Command, AgentEvent, AgentData> again = agent.<ReserveReply>runCommand(
                replyTo -> new Reserve(QUEUE, "c1", Duration.ofSeconds(15), replyTo));
        assertTrue(again.hasNoEvents());
        assertInstanceOf(ReserveReply.Reserved.class, reserveReply("c1"));
        assertEquals(new ReserveReply.NotAvailable("RESERVED"), reserveReply("c2"));
        agent.runCommand(new Ringing(QUEUE, "c1"));
        assertEquals(new ReserveReply.NotAvailable("RINGING"), reserveReply("c1"));
        agent.runCommand(new Answered(QUEUE, "c1"));
        assertEquals(new ReserveReply.NotAvailable("ON_CALL"), reserveReply("c2"));
        agent.runCommand(new CallEnded(QUEUE, "c1", Duration.ofSeconds(10)));
        assertEquals(new ReserveReply.NotAvailable("WRAP_UP"), reserveReply("c2"));
    }

    @Test
    void aReleasedReservationOrCancelledRingLeavesTheAgentAvailable() {
        login();
        reserve("c1", Duration.ofSeconds(15));
        assertEquals(AgentState.AVAILABLE, agent.runCommand(new Release(QUEUE, "c1")).state().state());
        reserve("c2", Duration.ofSeconds(15));
        agent.runCommand(new Ringing(QUEUE, "c2"));
        assertEquals(AgentState.AVAILABLE, agent.runCommand(new Release(QUEUE, "c2")).state().state());
        assertEquals(0, agent.getState().unansweredInARow());
    }

    @Test
    void theAgentIsAutopausedOnTheNthUnansweredOfferInARow() {
        login();
        for (int offer = 1; offer <= 2; offer++) {
            offerUnanswered("c" + offer, 3);
            assertEquals(AgentState.AVAILABLE, agent.getState().state());
        }
        offerUnanswered("c3", 3);
        assertEquals(AgentState.PAUSED, agent.getState().state());
        assertEquals(AgentData.AUTOPAUSE, agent.getState().status().pauseReason());
        assertEquals(AgentState.AVAILABLE, agent.<StatusReply>runCommand(Unpause::new).state().state());
    }

    @Test
    void anAnsweredCallResetsTheUnansweredCountAndZeroNeverAutopauses() {
        login();
        offerUnanswered("c1", 2);
        reserve("c2", Duration.ofSeconds(15));
        agent.runCommand(new Answered(QUEUE, "c2"));
        agent.runCommand(new CallEnded(QUEUE, "c2", Duration.ZERO));
        offerUnanswered("c3", 2);
        assertEquals(AgentState.AVAILABLE, agent.getState().state());
        for (int offer = 4; offer < 10; offer++) {
            offerUnanswered("c" + offer, 0);
        }
        assertEquals(AgentState.AVAILABLE, agent.getState().state());
    }

    @Test
    void commandsAboutAnotherCallerAreIgnored() {
        login();
        reserve("c1", Duration.ofSeconds(15));
        AgentData before = agent.getState();
        for (Command stale : new Command[] {new Ringing(QUEUE, "c2"), new Answered(QUEUE, "c2"),
                new Release("support", "c1"), new NotAnswered(QUEUE, "c2", "timeout", 1),
                new CallEnded(QUEUE, "c0", Duration.ZERO)}) {
            assertTrue(agent.runCommand(stale).hasNoEvents(), stale.toString());
        }
        agent.runCommand(new Answered(QUEUE, "c1"));
        assertTrue(agent.runCommand(new Release(QUEUE, "c1")).hasNoEvents(), "no release of a call in progress");
        assertTrue(agent.runCommand(new Ringing(QUEUE, "c1")).hasNoEvents(), "a late ringing");
        assertEquals(before.status().callsTaken() + 1, agent.getState().status().callsTaken());
        assertEquals(AgentState.ON_CALL, agent.getState().state());
    }

    @Test
    void aPauseDuringACallAppliesWhenTheCallEnds() {
        login();
        reserve("c1", Duration.ofSeconds(15));
        agent.runCommand(new Answered(QUEUE, "c1"));
        StatusReply accepted = agent.<StatusReply>runCommand(replyTo -> new Pause("lunch", replyTo)).reply();
        AgentStatus pending = assertInstanceOf(StatusReply.Accepted.class, accepted).status();
        assertEquals(AgentState.ON_CALL, pending.state());
        assertEquals("lunch", pending.pauseReason());
        AgentStatus after = agent.runCommand(new CallEnded(QUEUE, "c1", Duration.ofSeconds(30))).state().status();
        assertEquals(AgentState.PAUSED, after.state());
        assertEquals("lunch", after.pauseReason());
    }

    @Test
    void aPauseDuringWrapUpAppliesAtOnceAndStopsTheWrapUpTimer() {
        login();
        reserve("c1", Duration.ofSeconds(15));
        agent.runCommand(new Answered(QUEUE, "c1"));
        agent.runCommand(new CallEnded(QUEUE, "c1", Duration.ofSeconds(30)));
        agent.<StatusReply>runCommand(replyTo -> new Pause("training", replyTo));
        changes.receiveSeveralMessages(4);
        assertEquals(0, time.simulatorClock().pendingTimers(), "the wrap-up timer is stopped");
        pass(Duration.ofSeconds(31));
        assertEquals(AgentState.PAUSED, agent.getState().state(), "still paused after the wrap-up would have ended");
        AgentStatus available = assertInstanceOf(StatusReply.Accepted.class,
                agent.<StatusReply>runCommand(Unpause::new).reply()).status();
        assertEquals(AgentState.AVAILABLE, available.state());
        assertNull(available.pauseReason());
        assertEquals(available, expectChange(AgentState.AVAILABLE), "the unpause is the only change after the pause");
    }

    @Test
    void loggedOutAgentsRefuseWorkAndBusyAgentsCannotLogOut() {
        assertInstanceOf(StatusReply.Rejected.class, agent.<StatusReply>runCommand(replyTo -> new Pause("x", replyTo)).reply());
        assertInstanceOf(StatusReply.Rejected.class,
                agent.<StatusReply>runCommand(replyTo -> new SetQueues(Map.of(QUEUE, 1), replyTo)).reply());
        login();
        assertInstanceOf(StatusReply.Accepted.class, agent.<StatusReply>runCommand(replyTo -> new Login("pbx1", "PJSIP/a",
                Map.of(QUEUE, 0), Map.of(), replyTo)).reply(), "the same login again");
        assertInstanceOf(StatusReply.Rejected.class, agent.<StatusReply>runCommand(replyTo -> new Login("pbx1", "PJSIP/other",
                Map.of(QUEUE, 0), Map.of(), replyTo)).reply());
        AgentStatus moved = agent.<StatusReply>runCommand(replyTo -> new SetQueues(Map.of("support", 2), replyTo)).state().status();
        assertEquals(Map.of("support", 2), moved.queuePenalties());
        agent.<ReserveReply>runCommand(replyTo -> new Reserve("support", "c1", Duration.ofSeconds(15), replyTo));
        assertInstanceOf(StatusReply.Rejected.class, agent.<StatusReply>runCommand(Logout::new).reply());
        agent.runCommand(new Release("support", "c1"));
        assertEquals(AgentState.LOGGED_OUT, agent.<StatusReply>runCommand(Logout::new).state().state());
    }

    @Test
    void aRestartedAgentKeepsItsStateAndItsLeaseEndsOnTime() {
        login();
        Instant leaseEnds = time.now().plusSeconds(10);
        reserve("c1", Duration.ofSeconds(10));
        expectChange(AgentState.RESERVED);
        pass(Duration.ofSeconds(4));
        AgentData before = agent.getState();
        assertEquals(before, agent.restart().state());
        assertEquals(AgentState.RESERVED, changes.receiveMessage().state(), "the recovered state is announced");
        pass(Duration.ofMillis(5999));
        assertEquals(AgentState.RESERVED, agent.getState().state(), "1 ms before the lease ends");
        pass(Duration.ofMillis(1));
        assertEquals(leaseEnds, expectChange(AgentState.AVAILABLE).availableSince());
    }

    @Test
    void aRestartedAgentEndsItsWrapUpOnTime() {
        login();
        reserve("c1", Duration.ofSeconds(10));
        agent.runCommand(new Answered(QUEUE, "c1"));
        agent.runCommand(new CallEnded(QUEUE, "c1", Duration.ofSeconds(20)));
        changes.receiveSeveralMessages(3);
        Instant wrapUpEnds = time.now().plusSeconds(20);
        pass(Duration.ofSeconds(15));
        AgentData before = agent.getState();
        assertEquals(before, agent.restart().state());
        assertEquals(AgentState.WRAP_UP, changes.receiveMessage().state());
        pass(Duration.ofMillis(4999));
        assertEquals(AgentState.WRAP_UP, agent.getState().state(), "1 ms before the end of wrap-up");
        pass(Duration.ofMillis(1));
        assertEquals(wrapUpEnds, expectChange(AgentState.AVAILABLE).availableSince());
    }

    @Test
    void everyReplyAndStatusSerializes() {
        login();
        SerializationTestKit serialization = testKit.serializationTestKit();
        AgentStatus status = agent.getState().status();
        for (Object message : new Object[] {status, new StatusReply.Accepted(status), new StatusReply.Rejected("no"),
                new ReserveReply.Reserved(status), new ReserveReply.NotAvailable("PAUSED"),
                new Release(QUEUE, "c1"), new Ringing(QUEUE, "c1"), new Answered(QUEUE, "c1"),
                new NotAnswered(QUEUE, "c1", "timeout", 3), new CallEnded(QUEUE, "c1", Duration.ofSeconds(5)),
                new AgentEvent.CallFinished(START, START), agent.getState()}) {
            assertEquals(message, serialization.verifySerialization(message, false));
        }
    }

    private void login() {
        StatusReply reply = agent.<StatusReply>runCommand(replyTo -> new Login("pbx1", "PJSIP/a", Map.of(QUEUE, 0),
                Map.of("english", 80), replyTo)).reply();
        AgentStatus status = assertInstanceOf(StatusReply.Accepted.class, reply).status();
        assertEquals(AgentState.AVAILABLE, status.state());
        assertEquals(time.now(), status.availableSince());
        expectChange(AgentState.AVAILABLE);
    }

    private AgentStatus reserve(String callerId, Duration lease) {
        ReserveReply reply = agent.<ReserveReply>runCommand(replyTo -> new Reserve(QUEUE, callerId, lease, replyTo)).reply();
        return assertInstanceOf(ReserveReply.Reserved.class, reply).status();
    }

    private ReserveReply reserveReply(String callerId) {
        return agent.<ReserveReply>runCommand(replyTo -> new Reserve(QUEUE, callerId, Duration.ofSeconds(15), replyTo)).reply();
    }

    private void offerUnanswered(String callerId, int autopauseAfter) {
        reserve(callerId, Duration.ofSeconds(15));
        agent.runCommand(new Ringing(QUEUE, callerId));
        agent.runCommand(new NotAnswered(QUEUE, callerId, "timeout", autopauseAfter));
    }

    private AgentStatus expectChange(AgentState expected) {
        AgentStatus status = changes.receiveMessage();
        assertEquals(expected, status.state(), status.toString());
        return status;
    }

    private void pass(Duration amount) {
        time.advance(amount);
    }
}
