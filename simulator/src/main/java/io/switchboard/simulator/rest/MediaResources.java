package io.switchboard.simulator.rest;

import io.switchboard.ari.model.FormatLangPair;
import io.switchboard.ari.model.Sound;
import io.switchboard.simulator.state.AriError;
import java.util.ArrayList;
import java.util.List;

/** /playbacks, /recordings and /sounds. */
final class MediaResources {
    private MediaResources() {
    }

    static void register(RouteTable t, Services s) {
        t.add("GET", "playbacks/{playbackId}", r -> RestResponse.ok(s.playbacks().get(r.path("playbackId"))));
        t.add("DELETE", "playbacks/{playbackId}", r -> {
            s.playbacks().stop(r.path("playbackId"));
            return RestResponse.noContent();
        });
        t.add("POST", "playbacks/{playbackId}/control", r -> {
            s.playbacks().control(r.path("playbackId"), r.param("operation"));
            return RestResponse.noContent();
        });

        t.add("GET", "recordings/stored", r -> RestResponse.ok(s.recordings().listStored()));
        t.add("GET", "recordings/stored/{name}", r -> RestResponse.ok(s.recordings().getStored(r.path("name"))));
        t.add("DELETE", "recordings/stored/{name}", r -> {
            s.recordings().deleteStored(r.path("name"));
            return RestResponse.noContent();
        });
        t.add("GET", "recordings/stored/{name}/file", r -> RestResponse.file(s.recordings().file(r.path("name")), "audio/wav"));
        t.add("POST", "recordings/stored/{name}/copy", r ->
                RestResponse.ok(s.recordings().copyStored(r.path("name"), r.param("destinationRecordingName"))));
        t.add("GET", "recordings/live/{name}", r -> RestResponse.ok(s.recordings().getLive(r.path("name"))));
        t.add("DELETE", "recordings/live/{name}", r -> {
            s.recordings().cancel(r.path("name"));
            return RestResponse.noContent();
        });
        t.add("POST", "recordings/live/{name}/stop", r -> {
            s.recordings().stop(r.path("name"));
            return RestResponse.noContent();
        });
        t.add("POST", "recordings/live/{name}/pause", r -> {
            s.recordings().pause(r.path("name"), true);
            return RestResponse.noContent();
        });
        t.add("DELETE", "recordings/live/{name}/pause", r -> {
            s.recordings().pause(r.path("name"), false);
            return RestResponse.noContent();
        });
        t.add("POST", "recordings/live/{name}/mute", r -> {
            s.recordings().mute(r.path("name"), true);
            return RestResponse.noContent();
        });
        t.add("DELETE", "recordings/live/{name}/mute", r -> {
            s.recordings().mute(r.path("name"), false);
            return RestResponse.noContent();
        });

        t.add("GET", "sounds", r -> {
            String format = r.param("format");
            String lang = r.param("lang");
            if ((format != null && !format.equals("slin")) || (lang != null && !lang.equals("en"))) {
                throw AriError.notFound("No sounds found that matched the query");
            }
            List<Sound> sounds = new ArrayList<>();
            s.sounds().soundIds().forEach(id -> sounds.add(sound(id)));
            return RestResponse.ok(sounds);
        });
        t.add("GET", "sounds/{soundId}", r -> {
            if (!s.sounds().has(r.path("soundId"))) {
                throw AriError.notFound("Sound not found");
            }
            return RestResponse.ok(sound(r.path("soundId")));
        });
    }

    private static Sound sound(String id) {
        return new Sound(id, null, List.of(new FormatLangPair("en", "slin")));
    }
}
