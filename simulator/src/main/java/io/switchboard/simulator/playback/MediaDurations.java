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
