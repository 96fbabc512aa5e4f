package io.switchboard.examples.reminder;

import io.switchboard.actors.flow.Call;
import io.switchboard.actors.flow.CallFlow;
import java.util.concurrent.CompletionStage;

/**
 * The callback of a reminder: Switchboard originated this call into the application with arguments
 * {@code [CALLBACK_ARG, <recording name>]}; the called person hears the recording, then the call is hung up.
 */
public final class PlayReminder implements CallFlow {
    public static final String CALLBACK_ARG = "voice-reminder-callback";

    @Override
    public CompletionStage<?> run(Call call) {
        String recording = call.args().get(1);
        // an originated call enters the application once answered: nothing to answer here
        return call.play("sound:beep", "recording:" + recording, "sound:vm-goodbye");
    }
}
