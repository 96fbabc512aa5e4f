package io.switchboard.actors.flow;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Which flow runs for a call entering an application, chosen by the application's name and the call's
 * {@code Stasis()} arguments. Register the same flows on every node: a call's flow runs where its entity is.
 */
public final class FlowRegistry {
    /** Stasis argument that marks channels Switchboard dialled itself: they join an existing flow. */
    public static final String PEER_ARG = "switchboard-peer";

    private record Route(Predicate<List<String>> args, CallFlow flow) {
    }

    private final Map<String, List<Route>> routes = new ConcurrentHashMap<>();

    /** Runs {@code flow} for every call entering {@code app}. */
    public FlowRegistry register(String app, CallFlow flow) {
        return register(app, args -> true, flow);
    }

    /** Runs {@code flow} for calls entering {@code app} whose first argument is {@code firstArg}. */
    public FlowRegistry register(String app, String firstArg, CallFlow flow) {
        return register(app, args -> !args.isEmpty() && args.get(0).equals(firstArg), flow);
    }

    /**
     * Runs {@code flow} for calls entering {@code app} whose arguments match. Routes are tried in the order
     * they were registered and the first match wins, so register specific routes before catch-alls.
     */
    public FlowRegistry register(String app, Predicate<List<String>> args, CallFlow flow) {
        routes.compute(app, (k, list) -> {
            java.util.ArrayList<Route> updated = list == null ? new java.util.ArrayList<>()
                    : new java.util.ArrayList<>(list);
            updated.add(new Route(args, flow));
            return List.copyOf(updated);
        });
        return this;
    }

    public Optional<CallFlow> find(String app, List<String> args) {
        if (args.size() == 1 && PEER_ARG.equals(args.get(0))) {
            return Optional.empty();
        }
        return routes.getOrDefault(app, List.of()).stream().filter(r -> r.args().test(args)).map(Route::flow)
                .findFirst();
    }
}
