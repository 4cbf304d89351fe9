package dev.clickupsync.webhook;

import dev.clickupsync.http.Problem;

/** What ingest answers to one delivery. Only {@link Queued} and {@link Ignored} are 2xx. */
public sealed interface IngestOutcome {

    int status();

    /** Durably in the queue: the only outcome after which the event is ours to deliver. */
    record Queued(String messageId) implements IngestOutcome {
        public int status() {
            return 200;
        }
    }

    /**
     * Acknowledged and dropped on purpose (filtered, or an event this version does not know).
     * A 2xx, because any other answer counts toward ClickUp suspending the webhook.
     */
    record Ignored(String reason) implements IngestOutcome {
        public int status() {
            return 200;
        }
    }

    /** Refused with an RFC 9457 problem; {@code detail} never contains secrets. */
    record Rejected(int status, Problem problem) implements IngestOutcome {
    }
}
