package io.switchboard.platform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /metrics} on a demo node: queue, agent and gateway series in the Prometheus text format. */
class MetricsEndpointTest {
    @RegisterExtension
    static final ApiTestNode api = new ApiTestNode();

    @Test
    void scrapeShowsQueueAndGatewaySeriesOnceCallsAreAnswered() throws Exception {
        ApiTestNode.Answer scrape = api.await("/metrics", a -> a.status() == 200
                && a.text().matches("(?s).*\nswitchboard_queue_answered_total\\{queue=\"support\"} [1-9].*"));
        String text = scrape.text();
        assertTrue(value(text, "switchboard_queue_calls_waiting{queue=\"support\"}") >= 0, text);
        assertTrue(value(text, "switchboard_queue_longest_wait_seconds{queue=\"support\"}") >= 0, text);
        assertTrue(value(text, "switchboard_queue_abandoned_total{queue=\"support\"}") >= 0, text);
        double serviceLevel = value(text, "switchboard_queue_service_level{queue=\"support\"}");
        assertTrue(serviceLevel >= 0 && serviceLevel <= 1, text);
        double abandonment = value(text, "switchboard_queue_abandonment_rate{queue=\"support\"}");
        assertTrue(abandonment >= 0 && abandonment <= 1, text);
        assertTrue(value(text, "switchboard_queue_average_speed_of_answer_seconds{queue=\"support\"}") >= 0, text);
        for (String window : new String[] {"today", "15m", "1h"}) {
            String labels = "{queue=\"support\",window=\"" + window + "\"}";
            double windowLevel = value(text, "switchboard_queue_window_service_level" + labels);
            assertTrue(windowLevel >= 0 && windowLevel <= 1, text);
            assertTrue(value(text, "switchboard_queue_window_average_speed_of_answer_seconds" + labels) >= 0, text);
        }
        double agents = 0;
        for (String state : new String[] {"available", "reserved", "ringing", "on_call", "wrap_up", "paused"}) {
            agents += value(text, "switchboard_queue_agents{queue=\"support\",state=\"" + state + "\"}");
        }
        assertTrue(agents >= 1, "some agent of the demo serves the queue: " + text);

        assertEquals(1.0, value(text, "switchboard_gateway_connected{asterisk=\"demo\"}"), text);
        assertTrue(value(text, "switchboard_gateway_connections_total{asterisk=\"demo\"}") >= 1, text);
        assertTrue(value(text, "switchboard_gateway_events_routed_total{asterisk=\"demo\"}") >= 1, text);
        assertTrue(value(text, "switchboard_gateway_live_channels{asterisk=\"demo\"}") >= 0, text);
        assertEquals(0.0, value(text, "switchboard_gateway_malformed_frames_total{asterisk=\"demo\"}"), text);
        assertTrue(value(text, "switchboard_gateway_command_latency_seconds_count{asterisk=\"demo\"}") >= 1, text);
        assertTrue(value(text, "switchboard_gateway_command_latency_seconds_sum{asterisk=\"demo\"}") > 0, text);
        assertTrue(value(text, "switchboard_gateway_command_latency_recent_p99_seconds{asterisk=\"demo\"}") > 0, text);
        assertTrue(value(text, "switchboard_gateway_commands_failed_total{asterisk=\"demo\"}") >= 0, text);
    }

    @Test
    void eventsRoutedGrowBetweenScrapes() throws Exception {
        String series = "switchboard_gateway_events_routed_total{asterisk=\"demo\"}";
        double first = value(api.await("/metrics", a -> a.status() == 200 && a.text().contains(series)).text(),
                series);
        // the demo's callers keep events coming: a later scrape counts more, never fewer
        double later = value(api.await("/metrics", a -> a.status() == 200 && value(a.text(), series) != first).text(),
                series);
        assertTrue(later > first, later + " after " + first);
    }

    @Test
    void metricsNeedTheBearerToken() {
        ApiTestNode.Answer missing = api.send("GET", "/metrics", null, Optional.empty());
        assertEquals(401, missing.status());
        assertEquals(401, api.send("GET", "/metrics", null, Optional.of("wrong")).status());
    }

    /** The value of one series (name with its labels, as rendered) in a Prometheus text scrape. */
    private static double value(String scrape, String series) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        assertTrue(line.find(), "no series " + series + " in:\n" + scrape);
        return Double.parseDouble(line.group(1));
    }
}
