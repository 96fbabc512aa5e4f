package io.switchboard.actors.runtime;

import java.util.concurrent.ForkJoinPool;

/**
 * Keeps the JDK's common pool from degrading into a thread per task. Pekko's Java {@code ask} (and so every
 * {@code context.ask} and {@code pipeToSelf} of one) completes a Scala-made CompletableFuture whose plain
 * {@code thenApply} / {@code whenComplete} run on the common pool. On a machine with two CPUs or fewer that
 * pool's parallelism is 1, and CompletableFuture then starts a new thread for every such step: five threads per
 * call in the peer benchmark, most of the CPU it cost and most of the node's memory at 100 calls in flight.
 */
public final class CommonPool {
    static final String PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    private CommonPool() {
    }

    /**
     * Asks for a common pool of at least two threads, unless one is configured. Call it first thing in a main
     * method: the pool reads the setting once, when it is first used. Returns the parallelism in effect.
     */
    public static int ensureParallel() {
        if (System.getProperty(PARALLELISM) == null && Runtime.getRuntime().availableProcessors() <= 2) {
            System.setProperty(PARALLELISM, "2");
        }
        return ForkJoinPool.getCommonPoolParallelism();
    }
}
