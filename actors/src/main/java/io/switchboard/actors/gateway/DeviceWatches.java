package io.switchboard.actors.gateway;

import io.switchboard.ari.events.DeviceStateChanged;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The devices (e.g. agents' phones {@code PJSIP/agent1}) whose state someone follows through one gateway, and
 * who. Owned by the gateway's actor: it subscribes the application to each device and passes the changes on.
 */
final class DeviceWatches {
    private final String asteriskId;
    private final Map<String, ActorRef<AriGateway.DeviceStateSeen>> watchers = new HashMap<>();

    DeviceWatches(String asteriskId) {
        this.asteriskId = asteriskId;
    }

    /** True when the device was not watched yet (or by someone else): it then needs subscribing and reading. */
    boolean watch(String device, ActorRef<AriGateway.DeviceStateSeen> watcher) {
        return !watcher.equals(watchers.put(device, watcher));
    }

    boolean unwatch(String device) {
        return watchers.remove(device) != null;
    }

    Set<String> devices() {
        return Set.copyOf(watchers.keySet());
    }

    /** Tells the watcher of the device in the event, if any; false when nobody watches it. */
    boolean deliver(DeviceStateChanged changed) {
        if (changed.deviceState() == null) {
            return false;
        }
        return tell(changed.deviceState().name(), changed.deviceState().state());
    }

    boolean tell(String device, String state) {
        ActorRef<AriGateway.DeviceStateSeen> watcher = watchers.get(device);
        if (watcher == null || state == null) {
            return false;
        }
        watcher.tell(new AriGateway.DeviceStateSeen(asteriskId, device, state));
        return true;
    }
}
