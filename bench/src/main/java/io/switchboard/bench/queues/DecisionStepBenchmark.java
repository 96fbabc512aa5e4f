package io.switchboard.bench.queues;

import io.switchboard.queues.agent.AgentState;
import io.switchboard.queues.agent.AgentStatus;
import io.switchboard.queues.strategy.AgentOrdering;
import io.switchboard.queues.strategy.Strategy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One queue's decision step as QueueEntity's dispatch makes it when an agent becomes available: 100 waiting
 * callers (10,000 across 100 queues) are scanned first to last, each filtering the queue's 20 member agents
 * (1,000 agents serving two queues each) by availability, penalty and skills; the first caller with a
 * candidate gets them ordered by the strategy and takes the first. Excludes messaging and the journal.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecisionStepBenchmark {
    private static final String QUEUE = "queue-0";

    @Param({"RRMEMORY", "LEASTRECENT", "RINGALL"})
    public Strategy strategy;

    private final List<AgentStatus> agents = new ArrayList<>();
    private final List<String> memberOrder = new ArrayList<>();
    private final List<Map<String, Integer>> callerSkills = new ArrayList<>();
    private final SplittableRandom random = new SplittableRandom(1);

    @Setup
    public void setUp() {
        for (int a = 0; a < 20; a++) {
            String id = "agent-" + a;
            // one of the 20 has just become available; the others are busy
            AgentState state = a == 13 ? AgentState.AVAILABLE : AgentState.ON_CALL;
            agents.add(new AgentStatus(id, state, "pbx1", "PJSIP/" + id, Map.of(QUEUE, a % 2, "queue-1", 1),
                    Map.of("billing", 50 + a), a, a * 60L, Instant.EPOCH.plusSeconds(a), Instant.EPOCH, null, null,
                    null));
            memberOrder.add(id);
        }
        for (int c = 0; c < 100; c++) {
            callerSkills.add(c % 4 == 0 ? Map.of("billing", 40) : Map.of());
        }
    }

    @Benchmark
    public List<AgentStatus> decide() {
        Set<String> taken = new HashSet<>();
        List<AgentStatus> chosen = List.of();
        for (Map<String, Integer> skills : callerSkills) {
            List<AgentStatus> candidates = agents.stream()
                    .filter(a -> a.available() && !taken.contains(a.agentId()))
                    .filter(a -> a.penaltyIn(QUEUE) <= Integer.MAX_VALUE)
                    .filter(a -> AgentOrdering.hasSkills(a, skills))
                    .toList();
            if (candidates.isEmpty()) {
                continue;
            }
            List<AgentStatus> ordered = AgentOrdering.order(strategy, candidates, QUEUE, memberOrder, "agent-3",
                    random);
            chosen = strategy == Strategy.RINGALL ? ordered : ordered.subList(0, 1);
            chosen.forEach(a -> taken.add(a.agentId()));
        }
        return chosen;
    }
}
