package io.switchboard.simulator.channels;

import io.switchboard.simulator.phones.PhoneScript;

/** How the calling side hears what the far end does. */
interface DialProgress {
    void ringing();

    void answered();

    void refused(PhoneScript.Refusal refusal);

    /** The refusing far end (Busy(10)/Congestion(10)) has finished and hangs up. */
    void refusalEnded(PhoneScript.Refusal refusal);

    DialProgress NONE = new DialProgress() {
        @Override
        public void ringing() {
        }

        @Override
        public void answered() {
        }

        @Override
        public void refused(PhoneScript.Refusal refusal) {
        }

        @Override
        public void refusalEnded(PhoneScript.Refusal refusal) {
        }
    };
}
