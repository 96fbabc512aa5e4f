package io.switchboard.simulator.state;

import io.switchboard.ari.model.Bridge;
import java.util.ArrayList;
import java.util.List;

/** A live bridge; {@code channels} keeps join order. */
public final class SimBridge {
    public final String id;
    public final String type;
    public final String name;
    public final String creationtime;
    public final List<String> channels = new ArrayList<>();
    public String mohClass;

    public SimBridge(String id, String type, String name, String creationtime) {
        this.id = id;
        this.type = type;
        this.name = name;
        this.creationtime = creationtime;
    }

    public boolean holding() {
        return "holding".equals(type);
    }

    public Bridge toModel() {
        String technology = holding() ? "holding_bridge" : "simple_bridge";
        return new Bridge(id, technology, type, "stasis", "Stasis", name, channels.stream().sorted().toList(), "talker", null,
                creationtime, null);
    }
}
