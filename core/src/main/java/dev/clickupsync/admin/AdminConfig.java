package dev.clickupsync.admin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * The operator API under {@code /admin} (see {@link AdminResource} and {@code docs/admin.md}):
 * redrive the dead-letter queue, re-sync one task, trigger a backfill.
 *
 * <p>Keys (environment: upper-case, {@code .}/{@code -} become {@code _}):
 * <ul>
 *   <li>{@code sync.admin.enabled} ({@code SYNC_ADMIN_ENABLED}, default {@code false});</li>
 *   <li>{@code sync.admin.token} ({@code SYNC_ADMIN_TOKEN}, optional), or its SSM parameter's name
 *       {@code sync.admin.token-parameter} ({@code SYNC_ADMIN_TOKEN_PARAMETER});</li>
 *   <li>{@code sync.admin.auth} ({@code SYNC_ADMIN_AUTH}, default {@code token});</li>
 *   <li>{@code sync.admin.redrive.max-messages} (default {@code 100}),
 *       {@code sync.admin.redrive.max-scanned} (default {@code 1000}),
 *       {@code sync.admin.redrive.time-budget} (default {@code 5s}),
 *       {@code sync.admin.redrive.receive-wait} (default {@code 1s});</li>
 *   <li>{@code sync.admin.dlq-list.max-messages} (default {@code 50}).</li>
 * </ul>
 * The token never appears in logs, metrics or error bodies.
 */
@ConfigMapping(prefix = "sync.admin")
public interface AdminConfig {

    /**
     * Serve the {@code /admin} routes. Off (the default), every admin route answers {@code 404}, as
     * if it did not exist. On AWS the routes also exist only where the template declares them, with
     * IAM authorization.
     */
    @WithDefault("false")
    boolean enabled();

    /**
     * Shared secret ({@code SYNC_ADMIN_TOKEN}). When set, every admin request must carry
     * {@code Authorization: Bearer <token>}, or {@code X-Admin-Token: <token>} where the
     * {@code Authorization} header holds a SigV4 signature (API Gateway {@code AWS_IAM} routes);
     * compared in constant time; otherwise {@code 401}. Unset or blank with {@link #auth()}
     * {@code token}: every request is refused ({@code 401}) and an error is logged at start-up: an
     * enabled admin API never runs open by accident. Deployed, it comes from the SSM SecureString named
     * by {@code sync.admin.token-parameter} ({@code SYNC_ADMIN_TOKEN_PARAMETER}, read at start-up by
     * {@code infra.secrets}; the template's console function names {@code AdminConsoleTokenParameter}).
     */
    Optional<String> token();

    /**
     * Who authenticates admin callers ({@code SYNC_ADMIN_AUTH}): {@code token} (the default: the
     * application, with {@link #token()}) or {@code iam}: API Gateway's {@code AWS_IAM} authorizer in
     * front of every admin route, as {@code template.yaml} declares them, so the application needs no
     * token (one that is set is still required). Say {@code iam} only where that is true; even then a
     * request is admitted only if its Lambda event names the IAM caller the gateway authorized
     * ({@code http.GatewayCaller}), so a route without the authorizer refuses everybody.
     */
    @WithDefault("token")
    Auth auth();

    /** See {@link #auth()}. */
    enum Auth {
        /** The application checks {@code sync.admin.token}; without one, nothing is allowed. */
        TOKEN,
        /** API Gateway's IAM authorization admits callers; the application checks that it named one. */
        IAM
    }

    /** Limits of one {@code POST /admin/dlq/redrive} call. */
    Redrive redrive();

    /**
     * Limits of one {@code GET /admin/dlq/messages} call (the console's DLQ view). It also keeps to
     * {@link Redrive#timeBudget()} and waits {@link Redrive#receiveWait()} per receive.
     */
    DlqList dlqList();

    interface DlqList {
        /**
         * Most messages one listing shows, and the default of its {@code max} parameter (which may lower
         * it, never raise it). Every listed message is received and released once, which adds one to its
         * receive count and hides it from a concurrent redrive for the length of the call, so the listing
         * is kept short: a DLQ holding more is summarised by its depth in {@code GET /admin/status}.
         */
        @WithDefault("50")
        int maxMessages();
    }

    interface Redrive {
        /**
         * Most messages one call moves back to the events queue, and the default of its {@code max}
         * parameter (which may lower it, never raise it). Call again for more.
         */
        @WithDefault("100")
        int maxMessages();

        /**
         * Most dead-lettered messages one call looks at, matching or not. Messages that do not match
         * the filter stay invisible until the call ends (so one call never examines a message twice),
         * then are released; this bounds how many are held.
         */
        @WithDefault("1000")
        int maxScanned();

        /**
         * Time one call may spend before it stops and reports what it did ({@code complete=false}).
         * Below the ingest function's timeout (10 s) and API Gateway's (30 s), with room to spare.
         */
        @WithDefault("5s")
        Duration timeBudget();

        /**
         * Long-poll wait of each receive from the DLQ: an empty receive after this long means the
         * DLQ holds nothing more this call can see. SQS allows 0-20 s; 0 (short polling) may miss
         * messages on a nearly empty queue.
         */
        @WithDefault("1s")
        Duration receiveWait();
    }
}
