package io.switchboard.simulator.apps;

import static io.switchboard.simulator.apps.AppClient.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.simulator.SimConfig;
import io.switchboard.simulator.SimulatedAsterisk;
import io.switchboard.simulator.clock.ManualClock;
import io.switchboard.simulator.clock.SimClock;
import io.switchboard.simulator.control.CallControl;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * An app whose socket closes stays in the registry, inactive, while it follows something, and a new socket
 * for its name takes it back with all it followed (res/res_stasis.c stasis_app_unregister, __stasis_app_register;
 * res/stasis/app.c app_deactivate, app_update, app_is_finished).
 */
class InactiveAppTest {
    private static final String DEVICE = "Stasis:agent-1";

    @Test
    void aCallInStasisAndInABridgeIsHeardAgainByTheNextSocketAndNothingWhileNoSocketIsOpen() throws Exception {
        ManualClock clock = SimClock.manual();
        try (SimulatedAsterisk sim = SimulatedAsterisk.start(SimConfig.defaults().withClock(clock))) {
            AppClient app = new AppClient(sim);
            AppClient.EventSocket first = app.open("callcenter");
            // a channel the app originated: it hears the channel until ChannelDestroyed, not only until StasisEnd
            String channel = "out-1";
            assertEquals(200, app.ari("POST", "channels?endpoint=Local/answer@sim&app=callcenter&channelId=" + channel
                    + "&otherChannelId=phone-out-1").status());
            clock.settle();
            first.until("StasisStart", channel);
            assertEquals(200, app.ari("POST", "bridges?bridgeId=b1&type=mixing").status());
            assertEquals(204, app.ari("POST", "bridges/b1/addChannel?channel=" + channel).status());
            first.until("ChannelEnteredBridge", channel);
            assertEquals(200, app.ari("POST", "applications/callcenter/subscription?eventSource=deviceState:" + DEVICE)
                    .status());

            first.close();
            await("the socket's close deactivated the app", () -> !sim.appRegistered("callcenter"));

            // inactive, it still shows with all it follows
            JsonNode listed = only(app.ari("GET", "applications").body());
            assertEquals("callcenter", listed.path("name").asText());
            assertTrue(texts(listed.path("channel_ids")).contains(channel), listed.toString());
            assertEquals(List.of("b1"), texts(listed.path("bridge_ids")));
            assertEquals(List.of(DEVICE), texts(listed.path("device_names")));
            assertEquals(listed, app.ari("GET", "applications/callcenter").body());

            // its events are dropped: no socket is open, so nothing may be queued anywhere
            long framesBefore = sim.framesSent();
            sim.calls().pressDigits(channel, "1", Duration.ofMillis(100));
            clock.settle();
            assertEquals(204, app.ari("PUT", "deviceStates/" + DEVICE + "?deviceState=BUSY").status());
            assertEquals(framesBefore, sim.framesSent(), "an inactive app hears nothing");

            // Stasis() for the inactive app fails as for an unknown one
            CallControl.InboundCall refused = sim.calls().inbound("support", "answer", "Bob <5551002>");
            clock.settle();
            JsonNode record = app.call(refused.channelId());
            assertTrue(record.path("stasisFailed").asBoolean());
            assertEquals("dialplan", record.path("hungUpBy").asText());

            AppClient.EventSocket second = app.open("callcenter");
            sim.calls().pressDigits(channel, "2", Duration.ofMillis(100));
            clock.settle();
            JsonNode dtmf = second.next();
            assertEquals("ChannelDtmfReceived", dtmf.path("type").asText(), dtmf.toString());
            assertEquals("2", dtmf.path("digit").asText(), "the digit pressed while no socket was open is gone");
            assertEquals("callcenter", dtmf.path("application").asText());

            assertEquals(204, app.ari("PUT", "deviceStates/" + DEVICE + "?deviceState=INUSE").status());
            JsonNode device = second.next();
            assertEquals("DeviceStateChanged", device.path("type").asText(), device.toString());
            assertEquals("INUSE", device.path("device_state").path("state").asText());

            sim.calls().farEndHangup(channel);
            clock.settle();
            List<String> hangup = second.until("ChannelDestroyed", channel).stream()
                    .filter(f -> channel.equals(f.path("channel").path("id").asText()))
                    .map(f -> f.path("type").asText()).toList();
            assertEquals(List.of("ChannelHangupRequest", "ChannelLeftBridge", "StasisEnd"),
                    hangup.stream().filter(t -> !t.equals("ChannelVarset") && !t.equals("ChannelDestroyed")).toList(),
                    hangup.toString());
            assertEquals("ChannelDestroyed", hangup.get(hangup.size() - 1));

            assertEquals(204, app.ari("DELETE", "bridges/b1").status());
            JsonNode destroyed = nextOfType(second, "BridgeDestroyed");
            assertEquals("b1", destroyed.path("bridge").path("id").asText());
            second.close();
        }
    }

    @Test
    void anInactiveAppIsRemovedWhenItsLastCallLeavesStasisButItsDeviceSubscriptionsStayWithItsName()
            throws Exception {
        ManualClock clock = SimClock.manual();
        try (SimulatedAsterisk sim = SimulatedAsterisk.start(SimConfig.defaults().withClock(clock))) {
            AppClient app = new AppClient(sim);
            AppClient.EventSocket first = app.open("callcenter");
            assertEquals(200, app.ari("POST", "applications/callcenter/subscription?eventSource=deviceState:" + DEVICE)
                    .status());
            CallControl.InboundCall call = sim.calls().inbound("support", "answer", "Alice <5551001>");
            clock.settle();
            first.until("StasisStart", call.channelId());

            first.close();
            await("the socket's close deactivated the app", () -> !sim.appRegistered("callcenter"));
            assertEquals(200, app.ari("GET", "applications/callcenter").status());

            sim.calls().farEndHangup(call.channelId());
            clock.settle();
            assertEquals(0, app.ari("GET", "applications").body().size(), "cleanup() after the call left Stasis");
            assertEquals(404, app.ari("GET", "applications/callcenter").status());

            // res_stasis_device_state.c keeps device subscriptions by app name, apart from the app
            AppClient.EventSocket second = app.open("callcenter");
            JsonNode fresh = app.ari("GET", "applications/callcenter").body();
            assertEquals(List.of(), texts(fresh.path("channel_ids")));
            assertEquals(List.of(DEVICE), texts(fresh.path("device_names")));
            assertEquals(204, app.ari("PUT", "deviceStates/" + DEVICE + "?deviceState=INUSE").status());
            JsonNode device = second.next();
            assertEquals("DeviceStateChanged", device.path("type").asText(), device.toString());
            second.close();
        }
    }

    @Test
    void anAppFollowingNothingIsGoneWhenItsSocketClosesAndAnAppOfAllEventsComesBackWithoutThem()
            throws Exception {
        ManualClock clock = SimClock.manual();
        try (SimulatedAsterisk sim = SimulatedAsterisk.start(SimConfig.defaults().withClock(clock))) {
            AppClient app = new AppClient(sim);
            AppClient.EventSocket idle = app.open("idle");
            idle.close();
            await("the idle socket's close reached the app", () -> !sim.appRegistered("idle"));
            assertEquals(404, app.ari("GET", "applications/idle").status(), "it followed nothing: removed at once");

            AppClient.EventSocket watcher = app.open("watcher", true);
            assertEquals("__AST_CHANNEL_ALL_TOPIC",
                    app.ari("GET", "applications/watcher").body().path("channel_ids").get(0).asText());
            assertEquals(200, app.ari("POST", "bridges?bridgeId=kept&type=mixing").status());
            assertEquals(200, app.ari("POST", "applications/watcher/subscription?eventSource=bridge:kept").status());
            watcher.close();
            await("the watcher is inactive", () -> !sim.appRegistered("watcher"));
            JsonNode inactive = app.ari("GET", "applications/watcher").body();
            assertEquals(List.of(), texts(inactive.path("channel_ids")), "stasis_app_unregister dropped the all-topics");
            assertEquals(List.of("kept"), texts(inactive.path("bridge_ids")));

            // __stasis_app_register only updates an app it still has: subscribeAll is not given back
            AppClient.EventSocket again = app.open("watcher", true);
            JsonNode back = app.ari("GET", "applications/watcher").body();
            assertEquals(List.of(), texts(back.path("channel_ids")));
            assertEquals(List.of("kept"), texts(back.path("bridge_ids")));
            assertFalse(again.frames().stream().anyMatch(f -> f.path("type").asText().equals("ApplicationReplaced")));
            again.close();
        }
    }

    @Test
    void aMoveIntoAnInactiveAppFails() throws Exception {
        ManualClock clock = SimClock.manual();
        try (SimulatedAsterisk sim = SimulatedAsterisk.start(SimConfig.defaults().withClock(clock))) {
            AppClient app = new AppClient(sim);
            AppClient.EventSocket callcenter = app.open("callcenter");
            AppClient.EventSocket other = app.open("other");
            assertEquals(200, app.ari("POST", "bridges?bridgeId=kept&type=mixing").status());
            assertEquals(200, app.ari("POST", "applications/other/subscription?eventSource=bridge:kept").status());
            other.close();
            await("other is inactive", () -> !sim.appRegistered("other"));
            assertEquals(200, app.ari("GET", "applications/other").status(), "the bridge keeps it in the registry");

            CallControl.InboundCall call = sim.calls().inbound("support", "answer", "Alice <5551001>");
            clock.settle();
            callcenter.until("StasisStart", call.channelId());
            assertEquals(204, app.ari("POST", "channels/" + call.channelId() + "/move?app=other").status());
            JsonNode failed = callcenter.next();
            assertEquals("ApplicationMoveFailed", failed.path("type").asText(), failed.toString());
            assertEquals("other", failed.path("destination").asText());
            assertEquals("callcenter", app.call(call.channelId()).path("stasisApp").asText());
            callcenter.close();
        }
    }

    private static JsonNode nextOfType(AppClient.EventSocket socket, String type) throws InterruptedException {
        while (true) {
            JsonNode frame = socket.next();
            if (type.equals(frame.path("type").asText())) {
                return frame;
            }
        }
    }

    private static JsonNode only(JsonNode array) {
        assertEquals(1, array.size(), array.toString());
        return array.get(0);
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
