package io.switchboard.queues.log;

import java.time.Duration;

/**
 * @param serviceLevel  a call answered within this wait (inclusive) counts as answered in service level
 * @param shortAbandon  callers who hang up before waiting this long (exclusive) are short abandons: they are
 *                      left out of the service level and the abandonment rate (misdials, instant hang-ups)
 */
public record MetricsThresholds(Duration serviceLevel, Duration shortAbandon) {
}
