package io.switchboard.simulator.channels;

import java.util.List;
import java.util.Map;

/** The parameters of POST /channels and /channels/create, already parsed. */
public record OriginateRequest(String endpoint, String app, List<String> appArgs, String context, String extension,
                               long priority, String callerId, int timeoutSeconds, String channelId,
                               String otherChannelId, String originator, Map<String, String> variables) {
}
