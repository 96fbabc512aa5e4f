package io.switchboard.queues.log;

/** What a queue log entry records: app_queue's vocabulary, plus a few events Switchboard adds (marked). */
public enum QueueEventType {
    /** A caller joined (position = where they joined). */
    ENTERQUEUE,
    /** Refused: the queue was at maxlen. Switchboard records it like app_queue's FULL. */
    FULL,
    /** Refused: joinempty conditions not met. */
    JOINEMPTY,
    /** Caller and agent bridged (wait = seconds the caller waited). */
    CONNECT,
    /** The caller hung up while waiting (wait, position). */
    ABANDON,
    /** The caller reached the maximum wait and left to the exit destination. */
    EXITWITHTIMEOUT,
    /** The caller pressed the exit key (detail = the digit). */
    EXITWITHKEY,
    /** The caller was taken out because the queue emptied (leavewhenempty). */
    EXITEMPTY,
    /** The caller hung up first after talking (talk). */
    COMPLETECALLER,
    /** The agent hung up first after talking (talk). */
    COMPLETEAGENT,
    /** The agent was offered the caller and did not answer (detail = reason). */
    RINGNOANSWER,
    /** The offer was withdrawn while ringing (another agent answered, the caller left). */
    RINGCANCELED,
    /** The call was transferred away (talk until then; detail = target). */
    TRANSFER,
    ADDMEMBER,
    REMOVEMEMBER,
    /** detail = reason code. */
    PAUSE,
    UNPAUSE,
    /** The caller left a number and hung up keeping their place: counted apart from abandons. */
    CALLBACK,
    /** Switchboard's own: a caller who left a number could not be reached after every attempt. */
    CALLBACKFAILED,
    /** Switchboard's own: the agent's wrap-up after a call ended (wrap-up = its seconds). */
    WRAPUPEND
}
