package io.switchboard.conferencing.profile;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code switchboard.conferences}, read once.
 *
 * @param profiles        profile name → profile (each falls back on "default" for what it does not set)
 * @param rooms           room name → profile name, for rooms known up front
 * @param stasisArg       the first Stasis argument that joins a conference: {@code Stasis(app, conference, room)}
 * @param memberHeartbeat how often a member's flow tells its room it is still in
 * @param watchRenewal    how often a room tells each member's channel entity again that it watches it
 * @param snapshotEvery   a room snapshots its state after this many events
 */
public record ConferenceSettings(Map<String, RoomProfile> profiles, Map<String, String> rooms, String stasisArg,
                                 Duration memberHeartbeat, Duration watchRenewal, int snapshotEvery) {
    public static final String DEFAULT_PROFILE = "default";

    public ConferenceSettings {
        profiles = Map.copyOf(profiles);
        rooms = Map.copyOf(rooms);
        for (Map.Entry<String, String> room : rooms.entrySet()) {
            if (!profiles.containsKey(room.getValue())) {
                throw new IllegalArgumentException("conference room " + room.getKey() + " names profile "
                        + room.getValue() + ", which is not in switchboard.conferences.profiles");
            }
        }
    }

    public static ConferenceSettings fromConfig(Config root) {
        Config conferences = root.getConfig("switchboard.conferences");
        Config profilesConfig = conferences.getConfig("profiles");
        Config defaults = profilesConfig.getConfig(DEFAULT_PROFILE);
        Map<String, RoomProfile> profiles = new LinkedHashMap<>();
        for (String name : profilesConfig.root().keySet()) {
            profiles.put(name, RoomProfile.fromConfig(name,
                    profilesConfig.getConfig("\"" + name + "\"").withFallback(defaults)));
        }
        Map<String, String> rooms = new LinkedHashMap<>();
        Config roomsConfig = conferences.getConfig("rooms");
        for (String room : roomsConfig.root().keySet()) {
            rooms.put(room, roomsConfig.getString("\"" + room + "\""));
        }
        return new ConferenceSettings(profiles, rooms, conferences.getString("stasis-arg"),
                conferences.getDuration("member-heartbeat"), conferences.getDuration("watch-renewal"),
                conferences.getInt("snapshot-every"));
    }

    public Optional<RoomProfile> profile(String name) {
        return Optional.ofNullable(profiles.get(name));
    }

    /** The profile a room starts with when nobody named one: its configured one, else the default. */
    public RoomProfile profileOfRoom(String room) {
        return profiles.get(rooms.getOrDefault(room, DEFAULT_PROFILE));
    }
}
