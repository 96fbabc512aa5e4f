package io.switchboard.examples.roulette;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Stands between the roulette flows and the real matchmaker, as a slow network would: on the test's word it
 * holds the flows' joins, or the matchmaker's answers to them, until the test lets them through. Every other
 * message passes at once.
 */
final class MatchmakerGate {
    private record HeldAnswer(String channelId, ActorRef<Matchmaker.Paired> flow, Matchmaker.Paired paired) {
    }

    private final ActorRef<Matchmaker.Command> matchmaker;
    private final AtomicBoolean holdJoins = new AtomicBoolean();
    private final AtomicBoolean holdAnswers = new AtomicBoolean();
    private final List<Matchmaker.Join> heldJoins = new ArrayList<>();
    private final List<HeldAnswer> heldAnswers = new ArrayList<>();
    private final ActorRef<Matchmaker.Command> ref;

    MatchmakerGate(ActorSystem<?> system, ActorRef<Matchmaker.Command> matchmaker) {
        this.matchmaker = matchmaker;
        this.ref = system.systemActorOf(gate(), "roulette-matchmaker-gate", Props.empty());
    }

    /** What the flows take for the matchmaker. */
    ActorRef<Matchmaker.Command> ref() {
        return ref;
    }

    void holdJoins() {
        holdJoins.set(true);
    }

    void holdAnswers() {
        holdAnswers.set(true);
    }

    /** The channels whose joins are held, in the order they came. */
    synchronized List<String> heldJoins() {
        return heldJoins.stream().map(Matchmaker.Join::channelId).toList();
    }

    /** The channels whose answers (their partners) are held. */
    synchronized List<String> heldAnswers() {
        return heldAnswers.stream().map(HeldAnswer::channelId).toList();
    }

    /** Lets the held joins and answers through, and stops holding. */
    synchronized void open() {
        holdJoins.set(false);
        holdAnswers.set(false);
        heldJoins.forEach(matchmaker::tell);
        heldJoins.clear();
        heldAnswers.forEach(held -> held.flow().tell(held.paired()));
        heldAnswers.clear();
    }

    private Behavior<Matchmaker.Command> gate() {
        return Behaviors.receive((context, command) -> {
            if (command instanceof Matchmaker.Join join) {
                ActorRef<Matchmaker.Paired> relay = context.spawnAnonymous(answers(join.channelId(), join.replyTo()));
                pass(new Matchmaker.Join(join.asteriskId(), join.channelId(), relay));
            } else {
                matchmaker.tell(command);
            }
            return Behaviors.same();
        });
    }

    private synchronized void pass(Matchmaker.Join join) {
        if (holdJoins.get()) {
            heldJoins.add(join);
        } else {
            matchmaker.tell(join);
        }
    }

    private Behavior<Matchmaker.Paired> answers(String channelId, ActorRef<Matchmaker.Paired> flow) {
        return Behaviors.receive((context, paired) -> {
            hold(channelId, flow, paired);
            return Behaviors.stopped();
        });
    }

    private synchronized void hold(String channelId, ActorRef<Matchmaker.Paired> flow, Matchmaker.Paired paired) {
        if (holdAnswers.get()) {
            heldAnswers.add(new HeldAnswer(channelId, flow, paired));
        } else {
            flow.tell(paired);
        }
    }
}
