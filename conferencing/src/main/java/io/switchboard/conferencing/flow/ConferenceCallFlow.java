package io.switchboard.conferencing.flow;

import io.switchboard.actors.flow.Call;
import io.switchboard.actors.flow.CallFlow;
import io.switchboard.conferencing.SwitchboardConferences;
import io.switchboard.conferencing.room.Prompts;
import java.util.concurrent.CompletionStage;

/**
 * {@code Stasis(<app>, conference, <room>)}: the call is answered and joins {@code <room>} on its Asterisk, the
 * PINs deciding its role; it is hung up when its time in the room is over. {@code Stasis(<app>, conference, <room>,
 * invited)}, a party the room dialled, joins as a member without a PIN.
 */
public final class ConferenceCallFlow implements CallFlow {
    /** The third argument of a call the room dialled out to. */
    public static final String INVITED_ARG = "invited";

    private final SwitchboardConferences conferences;

    public ConferenceCallFlow(SwitchboardConferences conferences) {
        this.conferences = conferences;
    }

    @Override
    public CompletionStage<?> run(Call call) {
        if (call.args().size() < 2 || call.args().get(1).isBlank()) {
            return call.answer().thenCompose(x -> call.play(Prompts.GOODBYE)).thenCompose(x -> call.hangup());
        }
        String room = call.args().get(1);
        return call.answer()
                .thenCompose(x -> conferences.join(call, room, call.args().size() > 2
                        && INVITED_ARG.equals(call.args().get(2)) ? JoinOptions.asMember() : JoinOptions.byPin()))
                .thenCompose(exit -> call.isEnded() ? java.util.concurrent.CompletableFuture.completedFuture(null)
                        : call.hangup().exceptionally(gone -> null));
    }
}
