package io.switchboard.examples.support;

import io.switchboard.actors.flow.CallFlow;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/** What each call's flow ended with (its value, or the failure it met), by channel id. */
public final class FlowReports {
    private final Map<String, CompletableFuture<Object>> reports = new ConcurrentHashMap<>();

    /** The same flow, reporting here how it ended. */
    public CallFlow reported(CallFlow flow) {
        return call -> flow.run(call).handle((value, failure) -> {
            Throwable cause = failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
            of(call.channelId()).complete(cause != null ? cause : value != null ? value : "completed");
            return value;
        });
    }

    public CompletableFuture<Object> of(String channelId) {
        return reports.computeIfAbsent(channelId, id -> new CompletableFuture<>());
    }
}
