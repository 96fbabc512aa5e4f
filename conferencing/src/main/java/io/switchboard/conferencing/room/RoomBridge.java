package io.switchboard.conferencing.room;

import io.switchboard.actors.gateway.AriCommand;
import io.switchboard.actors.gateway.CommandResult;
import io.switchboard.actors.gateway.GatewayCommands;
import io.switchboard.ari.rest.BridgesApi;
import io.switchboard.ari.rest.RecordingsApi;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The room's mixing bridge in Asterisk, id {@code conf-<room>}: made when the first member comes (or taken as it is
 * when it outlived the room's node: a 409 on create), music on it while the room wants some, announcements played
 * into it, destroyed once the last member left. Channels that come while it is being made or destroyed wait.
 */
final class RoomBridge {
    enum Step { CREATE, ADD, REMOVE, DESTROY, MUSIC_ON, MUSIC_OFF, ANNOUNCE, LOOK, RECORD, STOP_RECORDING }

    private enum Phase { UNKNOWN, CREATING, UP, DESTROYING }

    private static final BridgesApi BRIDGES = new BridgesApi(null);
    private static final RecordingsApi RECORDINGS = new RecordingsApi(null);

    private final RoomContext room;
    private final String bridgeId;
    private Phase phase = Phase.UNKNOWN;
    private final Set<String> waitingToEnter = new LinkedHashSet<>();
    /** Music as last told to Asterisk (null: not known, as after a restart); and as the room wants it. */
    private Boolean musicOn;
    private boolean musicWanted;
    private String musicClass;

    RoomBridge(RoomContext room) {
        this.room = room;
        this.bridgeId = "conf-" + room.name;
    }

    String id() {
        return bridgeId;
    }

    /** Puts a channel in the bridge, making the bridge first if needed; the ADD's answer says how it went. */
    void enter(String channelId) {
        if (phase == Phase.UP) {
            execute(AriCommand.of(BRIDGES.addChannel(bridgeId, channelId)), Step.ADD, channelId);
            return;
        }
        waitingToEnter.add(channelId);
        if (phase == Phase.UNKNOWN) {
            phase = Phase.CREATING;
            execute(AriCommand.of(BRIDGES.createWithId(bridgeId).type("mixing,dtmf_events").name(room.name)),
                    Step.CREATE, null);
        }
    }

    /**
     * The create's answer. Made, or there already (the room restarted): the waiting channels go in. Refused: the
     * channels that waited are returned, they do not get in.
     */
    List<String> created(CommandResult result) {
        List<String> waited = new ArrayList<>(waitingToEnter);
        waitingToEnter.clear();
        if (result instanceof CommandResult.Failed failed && failed.status() != 409) {
            phase = Phase.UNKNOWN;
            return waited;
        }
        phase = Phase.UP;
        if (result instanceof CommandResult.Succeeded) {
            musicOn = false;
        }
        waited.forEach(this::enter);
        applyMusic();
        return List.of();
    }

    /** The room restarted: nothing it knew of the bridge holds. */
    void reset() {
        phase = Phase.UNKNOWN;
        waitingToEnter.clear();
        musicOn = null;
    }

    /** Known up (after a restart, the bridge Asterisk still has). */
    void found() {
        phase = Phase.UP;
        applyMusic();
    }

    /** Takes a channel out (also while the bridge's state is not known yet: a refusal then does no harm). */
    void leave(String channelId) {
        if (phase != Phase.DESTROYING) {
            execute(AriCommand.of(BRIDGES.removeChannel(bridgeId, channelId)), Step.REMOVE, channelId);
        }
    }

    /** Music of {@code mohClass} for everyone in the room, or none. */
    void music(boolean on, String mohClass) {
        musicWanted = on;
        musicClass = mohClass;
        applyMusic();
    }

    private void applyMusic() {
        if (phase != Phase.UP || Boolean.valueOf(musicWanted).equals(musicOn)) {
            return;
        }
        musicOn = musicWanted;
        if (musicWanted) {
            execute(AriCommand.of(BRIDGES.startMoh(bridgeId).mohClass(musicClass)), Step.MUSIC_ON, null);
        } else {
            execute(AriCommand.of(BRIDGES.stopMoh(bridgeId)), Step.MUSIC_OFF, null);
        }
    }

    /** Plays {@code media} to everyone in the room. */
    void announce(List<String> media) {
        if (phase == Phase.UP && !media.isEmpty()) {
            execute(AriCommand.of(BRIDGES.playWithId(bridgeId, "conf-" + UUID.randomUUID(),
                    media.toArray(new String[0]))), Step.ANNOUNCE, null);
        }
    }

    /** Records the bridge into {@code name}; false when there is no bridge up to record. */
    boolean record(String name, String format) {
        if (phase != Phase.UP) {
            return false;
        }
        execute(AriCommand.of(BRIDGES.record(bridgeId, name, format).ifExists("fail")), Step.RECORD, name);
        return true;
    }

    void stopRecording(String name) {
        execute(AriCommand.of(RECORDINGS.stop(name)), Step.STOP_RECORDING, name);
    }

    /** Asks Asterisk for the bridge as it is (after a restart); the LOOK's answer carries it. */
    void look() {
        execute(AriCommand.of(BRIDGES.get(bridgeId)), Step.LOOK, null);
    }

    /** The room is empty: the bridge goes. */
    void close() {
        if (phase == Phase.DESTROYING) {
            return;
        }
        phase = Phase.DESTROYING;
        musicOn = null;
        musicWanted = false;
        execute(AriCommand.of(BRIDGES.destroy(bridgeId)), Step.DESTROY, null);
    }

    /** The destroy's answer; channels that came meanwhile get a new bridge. True when none did. */
    boolean destroyed() {
        phase = Phase.UNKNOWN;
        List<String> waited = new ArrayList<>(waitingToEnter);
        waitingToEnter.clear();
        waited.forEach(this::enter);
        return waited.isEmpty();
    }

    private void execute(AriCommand command, Step step, String channelId) {
        GatewayCommands.execute(room.context, room.asteriskId, command,
                result -> new RoomEntity.BridgeAnswered(step, channelId, result));
    }
}
