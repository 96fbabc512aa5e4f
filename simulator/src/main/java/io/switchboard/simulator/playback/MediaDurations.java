package io.switchboard.simulator.playback;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** How long each installed sound plays (measured on the capture system) — the configurable sound table. */
public final class MediaDurations {
    private final Map<String, Duration> sounds = new LinkedHashMap<>();

    public static MediaDurations defaults() {
        MediaDurations d = new MediaDurations();
        d.sound("hello-world", 1400).sound("beep", 420).sound("vm-goodbye", 860).sound("tt-monkeys", 16000)
                .sound("tt-weasels", 2900).sound("silence/1", 1000).sound("silence/10", 10000)
                .sound("conf-now-unmuted", 1300).sound("queue-minutes", 700).sound("conf-thereare", 900)
                .sound("queue-thankyou", 2000).sound("queue-holdtime", 1600).sound("queue-youarenext", 1500)
                .sound("queue-thereare", 1000).sound("queue-callswaiting", 1300).sound("pls-hold-while-try", 2000)
                .sound("agent-loginok", 1100).sound("vm-intro", 3000).sound("demo-congrats", 16000);
        // ConfBridge's prompts (apps/app_confbridge.c conf_get_sound) and the name prompt: lengths estimated from
        // their words, not measured
        d.sound("conf-getpin", 2000).sound("conf-invalidpin", 1500).sound("conf-locked", 2200)
                .sound("conf-kicked", 1700).sound("conf-leaderhasleft", 2000).sound("conf-waitforleader", 2700)
                .sound("conf-hasjoin", 900).sound("conf-hasleft", 900).sound("conf-muted", 1200)
                .sound("conf-unmuted", 1200).sound("conf-lockednow", 1600).sound("conf-unlockednow", 1600)
                .sound("conf-now-muted", 1300).sound("conf-onlyperson", 2700).sound("conf-onlyone", 2700)
                .sound("conf-otherinparty", 1500).sound("vm-rec-name", 2500);
        for (int i = 0; i <= 20; i++) {
            d.sound("digits/" + i, 600);
        }
        for (char c = 'a'; c <= 'z'; c++) {
            d.sound("letters/" + c, 500);
        }
        return d;
    }

    public MediaDurations sound(String id, long millis) {
        sounds.put(id, Duration.ofMillis(millis));
        return this;
    }

    public Optional<Duration> soundDuration(String id) {
        return Optional.ofNullable(sounds.get(id));
    }

    public Iterable<String> soundIds() {
        return sounds.keySet();
    }

    public boolean has(String id) {
        return sounds.containsKey(id);
    }
}
