package io.switchboard.actors.flow;

import java.util.concurrent.CompletionStage;

/**
 * A call flow: what happens to a call that enters a Stasis application. It runs next to the call's
 * {@code ChannelEntity} and drives the call through {@link Call}'s operations, each a stage that completes on
 * the event that ends it. When the returned stage completes the call is hung up, unless the flow already
 * handed it on (hung up, continued in the dialplan, moved).
 */
@FunctionalInterface
public interface CallFlow {

    CompletionStage<?> run(Call call);
}
