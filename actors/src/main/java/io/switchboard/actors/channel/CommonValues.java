package io.switchboard.actors.channel;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One copy, for the whole node, of the channel values most calls share: states, languages, account codes, dialplan
 * contexts and applications. Each event decodes them afresh, and a node holding ten thousand calls would otherwise
 * hold ten thousand copies of "Up". Only the first {@value #LIMIT} distinct values are pooled, and nothing is taken
 * out, so only values from a small set belong here (not extensions dialled or the applications' arguments).
 */
final class CommonValues {
    static final int LIMIT = 4096;
    private static final CommonValues NODE = new CommonValues(LIMIT);

    private final ConcurrentHashMap<String, String> pool = new ConcurrentHashMap<>();
    private final int limit;

    CommonValues(int limit) {
        this.limit = limit;
    }

    /** The node's pooled copy of {@code value} ({@link #pooled}). */
    static String of(String value) {
        return NODE.pooled(value);
    }

    /** The pooled copy of {@code value}, or {@code value} itself when it is new and the pool is full (or null). */
    String pooled(String value) {
        if (value == null) {
            return null;
        }
        String pooled = pool.get(value);
        if (pooled != null) {
            return pooled;
        }
        if (pool.size() >= limit) {
            return value;
        }
        String first = pool.putIfAbsent(value, value);
        return first != null ? first : value;
    }
}
