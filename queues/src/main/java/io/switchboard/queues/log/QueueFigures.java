package io.switchboard.queues.log;

import io.switchboard.actors.serialization.CborSerializable;

/**
 * A queue's figures at one moment, from {@link QueueMetrics}. Ratios are 0..1 and 0 when undefined
 * (nothing to divide by); times are seconds.
 *
 * @param callsWaiting        callers holding a place now (a callback keeps its place)
 * @param longestWaitSeconds  how long the longest-waiting of them has waited
 * @param offered             callers with an outcome: answered + abandoned (short ones too) + exits
 * @param answered            CONNECTs
 * @param answeredInThreshold CONNECTs whose wait was at most the service-level threshold
 * @param abandoned           ABANDONs, short ones included
 * @param shortAbandoned      ABANDONs before the short-abandon threshold
 * @param timedOut            EXITWITHTIMEOUT
 * @param exitedWithKey       EXITWITHKEY
 * @param exitedEmpty         EXITEMPTY
 * @param callbacks           CALLBACK requests (not abandons: the caller keeps their place)
 * @param serviceLevel        SL  = answeredInThreshold / (answered + abandoned − shortAbandoned)
 * @param serviceLevel2       SL2 = answeredInThreshold / offered
 * @param averageSpeedOfAnswer ASA = Σ wait of answered calls / answered
 * @param averageHandleTime   AHT = (Σ talk + Σ wrap-up) / handled, handled = COMPLETECALLER + COMPLETEAGENT
 *                            + TRANSFER (talk from those entries, wrap-up from WRAPUPEND)
 * @param abandonmentRate     (abandoned − shortAbandoned) / (offered − shortAbandoned)
 */
public record QueueFigures(int callsWaiting, long longestWaitSeconds, long offered, long answered,
                           long answeredInThreshold, long abandoned, long shortAbandoned, long timedOut,
                           long exitedWithKey, long exitedEmpty, long callbacks, double serviceLevel,
                           double serviceLevel2, double averageSpeedOfAnswer, double averageHandleTime,
                           double abandonmentRate) implements CborSerializable {
}
