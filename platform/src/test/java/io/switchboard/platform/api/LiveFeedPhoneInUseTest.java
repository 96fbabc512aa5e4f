package io.switchboard.platform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.actors.SwitchboardActors;
import io.switchboard.ari.client.AriSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An agent whose phone takes a call no queue placed shows IN_USE on the live feed, though that state is never
 * journaled, and available again once the call is over.
 */
class LiveFeedPhoneInUseTest {
    /** A queue no demo caller calls, so that its agent stays available until its phone is busy. */
    @RegisterExtension
    static final ApiTestNode api = new ApiTestNode("switchboard.queues.definitions.backoffice { }");

    @Test
    void anAvailableAgentOnAnOutsideCallIsShownInUse() throws Exception {
        LinkedBlockingQueue<JsonNode> received = LiveFeedTest.open(api, "");
        List<JsonNode> seen = new ArrayList<>();
        ApiTestNode.Answer login = api.post("/api/agents/desk/login",
                "{\"asteriskId\":\"demo\",\"endpoint\":\"PJSIP/caller\",\"queues\":{\"backoffice\":0}}");
        assertEquals(200, login.status(), login.text());
        LiveFeedTest.find(received, seen, m -> isDesk(m, "AVAILABLE"));

        // the phone calls out on its own: Asterisk's device state says it is in use
        int originated = ari("POST", "/channels?endpoint=PJSIP/caller&context=sim&extension=answer&priority=1"
                + "&channelId=desk-outside");
        assertEquals(200, originated);
        JsonNode inUse = LiveFeedTest.find(received, seen, m -> isDesk(m, "IN_USE"));
        assertTrue(inUse.get("since").asLong() > 0, inUse.toString());
        assertEquals("backoffice", inUse.get("queues").get(0).asText());

        assertEquals(204, ari("DELETE", "/channels/desk-outside"));
        LiveFeedTest.find(received, new ArrayList<>(), m -> isDesk(m, "AVAILABLE"));
    }

    private static boolean isDesk(JsonNode message, String state) {
        return message.get("type").asText().equals("agent") && message.get("agentId").asText().equals("desk")
                && message.get("state").asText().equals(state);
    }

    private static int ari(String method, String pathAndQuery) throws Exception {
        AriSettings ari = SwitchboardActors.get(api.node.system()).settings().servers().get(0).ari();
        String credentials = Base64.getEncoder().encodeToString(
                (ari.username() + ":" + ari.password()).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(ari.baseUrl() + pathAndQuery))
                .header("Authorization", "Basic " + credentials)
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
