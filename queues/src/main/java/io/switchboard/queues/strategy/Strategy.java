package io.switchboard.queues.strategy;

import java.util.Locale;

/** How a queue chooses among the agents that could take a caller (app_queue's and mod_callcenter's names). */
public enum Strategy {
    /** Ring every available agent at once; the first to answer gets the call. */
    RINGALL,
    /** The agent whose last call ended longest ago. */
    LEASTRECENT,
    /** The agent who took the fewest calls. */
    FEWESTCALLS,
    RANDOM,
    /** Round robin, remembering where the last offer stopped. */
    RRMEMORY,
    /** Round robin in the members' configured order, remembering where the last offer stopped. */
    RRORDERED,
    /** Always in the members' configured order, from the first. */
    LINEAR,
    /** Random, weighted so that agents with a lower penalty are chosen more often. */
    WRANDOM,
    /** The agent who has been available the longest. */
    LONGEST_IDLE_AGENT,
    /** The agent with the least talk time. */
    LEAST_TALK_TIME;

    /** Reads {@code rrmemory}, {@code longest-idle-agent}, {@code least-talk-time}... */
    public static Strategy parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown queue strategy '" + name + "'; one of ringall, leastrecent, "
                    + "fewestcalls, random, rrmemory, rrordered, linear, wrandom, longest-idle-agent, least-talk-time");
        }
    }
}
