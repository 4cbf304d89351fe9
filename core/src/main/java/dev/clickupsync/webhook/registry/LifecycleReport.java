package dev.clickupsync.webhook.registry;

import java.time.Instant;
import java.util.Optional;

/**
 * What one {@link WebhookLifecycle#run()} found and did, for the reconcile run that called it.
 *
 * @param action        what the run did to the webhook (see {@link Action})
 * @param webhookId     the webhook delivering to our endpoint after the run; null if none
 * @param health        ClickUp's health status of the webhook as the run found it ({@code active},
 *                      {@code failing}, {@code suspended}, {@code inactive}); null if there was none
 * @param failCount     ClickUp's {@code fail_count} as found
 * @param reconcileFrom present when deliveries may have been missed: reconcile should rewind its
 *                      watermark to this instant (keep the earlier of the two). It is when the
 *                      webhook was last known healthy (from the registry) or, if unknown, now minus
 *                      {@code sync.webhook-lifecycle.gap-lookback}
 * @param failure       for {@link Action#FAILED}: a short reason code (never a secret); else null
 */
public record LifecycleReport(Action action, String webhookId, String health, int failCount,
                              Optional<Instant> reconcileFrom, String failure) {

    public enum Action {
        /** {@code sync.webhook-lifecycle.enabled=false}: nothing was checked. */
        DISABLED,
        /** The webhook exists; nothing needed changing (it may still be failing: see {@code health}). */
        NONE,
        /** There was none; one was created. */
        CREATED,
        /** ClickUp already had one (e.g. answered {@code OAUTH_171}) that the registry did not know; it is now registered. */
        ADOPTED,
        /** Its events were brought in line with the configuration. */
        UPDATED,
        /** It was suspended or inactive and is active again (same id, same secret). */
        REACTIVATED,
        /** Re-activation failed; it was deleted and created again (new id, new secret). */
        RECREATED,
        /** The run could not finish; {@code failure} says why. Nothing is known about a gap. */
        FAILED
    }

    public LifecycleReport {
        reconcileFrom = reconcileFrom == null ? Optional.empty() : reconcileFrom;
    }

    public static LifecycleReport disabled() {
        return new LifecycleReport(Action.DISABLED, null, null, 0, Optional.empty(), null);
    }

    public static LifecycleReport failed(String reason) {
        return new LifecycleReport(Action.FAILED, null, null, 0, Optional.empty(), reason);
    }

    /** Whether reconcile should look back (deliveries may have been missed). */
    public boolean gap() {
        return reconcileFrom.isPresent();
    }
}
