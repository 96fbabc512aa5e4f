package io.switchboard.simulator.clock;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The single thread that owns all simulator state. Everything that reads or changes state runs here, so
 * nothing needs locks and events leave in the order they were raised.
 */
public final class StateExecutor implements AutoCloseable {
    private final ExecutorService thread;
    private volatile Thread owner;

    public StateExecutor(String name) {
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            owner = t;
            return t;
        });
    }

    public boolean isOwnerThread() {
        return Thread.currentThread() == owner;
    }

    public <T> CompletableFuture<T> submit(Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        thread.execute(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    public void execute(Runnable work) {
        submit(() -> {
            work.run();
            return null;
        });
    }

    /** Runs {@code work} on the state thread and waits for it (directly when already on that thread). */
    public <T> T call(Callable<T> work) {
        try {
            if (isOwnerThread()) {
                return work.call();
            }
            return submit(work).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("simulator state thread did not answer within 30 s", e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
