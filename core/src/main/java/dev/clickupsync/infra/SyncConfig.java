package dev.clickupsync.infra;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * Where clickup-sync keeps its state on AWS: the events queue, the commands queue and the DynamoDB
 * tables.
 *
 * <p>In Lambda these come from the environment that {@code template.yaml} sets
 * ({@code SYNC_QUEUE_URL}, {@code SYNC_TABLES_MIRROR}, ...); the local run and the tests point them
 * at the embedded emulators.
 */
@ConfigMapping(prefix = "sync")
public interface SyncConfig {

    /** The SQS queue between ingest and drain. */
    Queue queue();

    /** The commands queue: writes into ClickUp ({@code POST /admin/commands}, the digest), executed by the commands function. */
    Commands commands();

    /** DynamoDB table names; each table's purpose is one line in {@code template.yaml}. */
    Tables tables();

    /** Creating the queue and tables at start-up: for the local run and tests only, never on AWS. */
    Provision provision();

    interface Queue {
        /**
         * URL of the events queue ({@code SYNC_QUEUE_URL}). The queue's name is the URL's last path
         * segment; provisioning derives it from here.
         */
        String url();

        /**
         * Upper bound for one SendMessage call, retries included. ClickUp waits at most 7 s for our
         * answer, so ingest must give up (and answer 503, making ClickUp retry) well before that.
         */
        @WithDefault("3s")
        Duration sendTimeout();

        /**
         * The dead-letter queue ({@code SYNC_QUEUE_DEAD_LETTER_URL}). Unset: the events queue's URL
         * with {@code -dlq} appended, which is how the template and the provisioner name it.
         */
        Optional<String> deadLetterUrl();

        /**
         * Receives before a message is given up on (the template's redrive {@code maxReceiveCount}).
         * On its last receive the drain moves a failing message to the DLQ itself, with the reason
         * as a message attribute; SQS's own redrive stays as the backstop for crashes.
         */
        @WithDefault("5")
        int maxReceiveCount();
    }

    interface Commands {
        /** The commands queue, its dead-letter queue and its receive limit. */
        CommandQueue queue();

        /**
         * How long a command is put off while ClickUp calls are switched off
         * ({@code clickup.enabled=false}); a spent budget defers by the budget's own wait instead.
         */
        @WithDefault("5m")
        Duration disabledDeferral();

        /**
         * How long a command is put off while ClickUp's circuit breaker is open: the refused call
         * was never sent, so waiting costs no receive (as for the drain's
         * {@code sync.drain.circuit-open-deferral}).
         */
        @WithDefault("15s")
        Duration circuitOpenDeferral();
    }

    interface CommandQueue {
        /**
         * URL of the commands queue ({@code SYNC_COMMANDS_QUEUE_URL}). Unset: commands are refused
         * ({@code 503} from {@code POST /admin/commands}), nothing else changes. Only the functions
         * that send or execute commands need it.
         */
        Optional<String> url();

        /**
         * The commands dead-letter queue ({@code SYNC_COMMANDS_QUEUE_DEAD_LETTER_URL}). Unset: the
         * commands queue's URL with {@code -dlq} appended, as the template and the provisioner name it.
         */
        Optional<String> deadLetterUrl();

        /**
         * Receives before a command that keeps failing for a passing reason (ClickUp unreachable, 5xx)
         * is given up on: on that receive it moves to the DLQ with its reason. Must equal the queue's
         * redrive {@code maxReceiveCount}. Commands that cannot succeed (unknown field, invalid value,
         * outcome unknown) go to the DLQ at once.
         */
        @WithDefault("5")
        int maxReceiveCount();

        /**
         * The commands queue's {@code MaximumMessageSize} in bytes ({@code SYNC_COMMANDS_QUEUE_MAX_MESSAGE_BYTES};
         * the template sets the queue's attribute to the default, 256 KiB). SQS counts the body's UTF-8
         * bytes plus each message attribute's name, type and value. {@code POST /admin/commands} answers
         * {@code 413} for a command whose message would be larger than this minus
         * {@link dev.clickupsync.command.CommandQueue#RESERVED_BYTES} (the attributes a deferral or a
         * dead-lettering add later), before anything is recorded, instead of SQS refusing it for ever.
         */
        @WithDefault("262144")
        int maxMessageBytes();
    }

    interface Tables {
        /** One item per delivered event: IN_PROGRESS / COMPLETED, lock expiry, TTL. */
        @WithDefault("clickup-sync-dev-idempotency")
        String idempotency();

        /** Task snapshots (and, later, status transitions and time entries). */
        @WithDefault("clickup-sync-dev-mirror")
        String mirror();

        /** Rate-budget cells, reconcile watermarks, webhook registry. */
        @WithDefault("clickup-sync-dev-control")
        String control();

        /** Custom-field definitions per list, with a TTL. */
        @WithDefault("clickup-sync-dev-field-cache")
        String fieldCache();
    }

    interface Provision {
        /**
         * Create the queue (with its dead-letter queue) and the tables when the application starts,
         * if they are missing. Off by default: on AWS the SAM template owns them.
         */
        @WithDefault("false")
        boolean onStart();
    }
}
