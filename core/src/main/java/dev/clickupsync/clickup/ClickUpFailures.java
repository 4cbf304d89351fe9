package dev.clickupsync.clickup;

import dev.clickupsync.budget.BudgetExhaustedException;
import dev.clickupsync.clickup.ClickUpFailure.Decision;
import jakarta.ws.rs.ProcessingException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

import java.time.Duration;

/**
 * The one place where a failure that a ClickUp-backed step can end in becomes a {@link ClickUpFailure}:
 * a decision and a reason name. The drain, commands, reconcile, the field cache, the webhook lifecycle
 * and the admin API all ask here, so a reason seen in any metric ({@code DrainFailed}, {@code DrainDeferred},
 * {@code CommandFailed}, {@code ReconcileError}, {@code FieldDiscoveryFailed}, {@code WebhookLifecycleFailed},
 * {@code AdminFailed}) or in a DLQ message's {@code failure_reason} was decided in this table:
 *
 * <pre>
 * exception (first known one in the cause chain)   decision   reason
 * ClickUpOutOfTimeException                        RETRY_NOW  out_of_time
 * BudgetExhaustedException                         DEFER      budget                 (its retryAfter)
 * ClickUpDisabledException                         DEFER      clickup_disabled       (caller's deferral)
 * CircuitBreakerOpenException                      DEFER      clickup_circuit_open   (caller's deferral)
 * ClickUpException.RateLimited (429)               DEFER      clickup_rate_limited   (until its reset, 60 s if none)
 * ClickUpException.Server (5xx)                    FAIL       clickup_server_error
 * TimeoutException (the guard's per-attempt timeout),
 *   ProcessingException caused by a socket/read timeout
 *                                                  FAIL       clickup_timeout
 * ProcessingException (no connection, reset, ...)  FAIL       clickup_unreachable
 * ClickUpException.Authentication (401)            FAIL       clickup_authentication
 * ClickUpException (any other status)              FAIL       clickup_error
 * ClickUpException.WorkspaceNotAuthorized          PARK       clickup_workspace_not_authorized
 * ClickUpException.NotFound (404)                  PARK       clickup_not_found
 * ClickUpException.Validation (400, 422)           PARK       clickup_validation
 * ClickUpException.OutcomeUnknown                  PARK       clickup_outcome_unknown
 * ClickUpIds.InvalidClickUpIdException             PARK       invalid_id
 * SdkException (DynamoDB, SQS: client or service)  FAIL       aws_unavailable
 * anything else                                    FAIL       internal
 * </pre>
 *
 * Why each decision: RETRY_NOW and DEFER are failures that say nothing about the work (the invocation
 * ran out of time; ClickUp may not be asked yet), so waiting must not spend a receive and walk good work
 * into the DLQ. FAIL is for what a later attempt may cure (ClickUp or AWS erring or unreachable, a
 * revoked token a human will replace): SQS redelivers, and the last receive parks it with its reason for
 * a redrive. PARK is for what the same request can never cure (ClickUp refused the request itself, or
 * the work is gone) and for a write sent without an answer, where repeating it could apply it twice.
 * A caller may be more patient than PARK (the drain gives every event its receives: a webhook can
 * arrive before ClickUp serves the task), never less.
 *
 * <p>Wrappers are looked through: the first throwable in the cause chain that the table names decides
 * ({@code CompletionException}, an {@code IllegalStateException} around a checked failure, ...). A
 * {@link ProcessingException} decides only when nothing it wraps is named, so a ClickUp answer that
 * arrives wrapped keeps its own reason. Reason names are ClickUp's answers prefixed {@code clickup_};
 * the names the drain emitted before this table existed were kept, so dashboards keep working.
 */
public final class ClickUpFailures {
    public static final String OUT_OF_TIME = ClickUpOutOfTimeException.REASON;
    public static final String BUDGET = "budget";
    public static final String DISABLED = "clickup_disabled";
    public static final String CIRCUIT_OPEN = "clickup_circuit_open";
    public static final String RATE_LIMITED = "clickup_rate_limited";
    public static final String SERVER_ERROR = "clickup_server_error";
    public static final String TIMEOUT = "clickup_timeout";
    public static final String UNREACHABLE = "clickup_unreachable";
    public static final String AUTHENTICATION = "clickup_authentication";
    public static final String ERROR = "clickup_error";
    public static final String WORKSPACE_NOT_AUTHORIZED = "clickup_workspace_not_authorized";
    public static final String NOT_FOUND = "clickup_not_found";
    public static final String VALIDATION = "clickup_validation";
    public static final String OUTCOME_UNKNOWN = "clickup_outcome_unknown";
    public static final String INVALID_ID = ClickUpIds.InvalidClickUpIdException.REASON;
    public static final String AWS_UNAVAILABLE = "aws_unavailable";
    public static final String INTERNAL = "internal";
    /** A workspace without a token in this function ({@link ClickUpTokenUnset}): parked, no call made. */
    public static final String NOT_CONFIGURED = "not_configured";

    /** A 429 without a usable reset waits one budget window, as the budget itself does. */
    static final Duration RATE_LIMIT_FALLBACK = Duration.ofSeconds(60);

    /** Cause chains longer than this are not followed (and a cycle ends here too). */
    private static final int MAX_DEPTH = 16;

    private ClickUpFailures() {
    }

    /** The decision and reason for {@code failure}; never null, {@code internal} when nothing in it is known. */
    public static ClickUpFailure classify(Throwable failure) {
        ClickUpFailure processing = null;
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof ProcessingException && processing == null) {
                // Decides only if nothing inside it is named (a wrapped ClickUp answer keeps its reason).
                processing = ClickUpFailure.of(Decision.FAIL, timedOut(t) ? TIMEOUT : UNREACHABLE);
                continue;
            }
            ClickUpFailure known = known(t);
            if (known != null) {
                return known;
            }
        }
        return processing != null ? processing : ClickUpFailure.of(Decision.FAIL, INTERNAL);
    }

    /** The reason alone, for callers that only count and log (reconcile, field cache, lifecycle). */
    public static String reason(Throwable failure) {
        return classify(failure).reason();
    }

    private static ClickUpFailure known(Throwable t) {
        if (t instanceof ClickUpOutOfTimeException) {
            return ClickUpFailure.of(Decision.RETRY_NOW, OUT_OF_TIME);
        }
        if (t instanceof BudgetExhaustedException spent) {
            return ClickUpFailure.deferFor(BUDGET, spent.retryAfter());
        }
        if (t instanceof ClickUpTokenUnset) {
            return ClickUpFailure.of(Decision.PARK, NOT_CONFIGURED);
        }
        if (t instanceof ClickUpDisabledException) {
            return ClickUpFailure.of(Decision.DEFER, DISABLED);
        }
        if (t instanceof CircuitBreakerOpenException) {
            return ClickUpFailure.of(Decision.DEFER, CIRCUIT_OPEN);
        }
        if (t instanceof ClickUpException answer) {
            return clickUpAnswer(answer);
        }
        if (t instanceof TimeoutException) {
            return ClickUpFailure.of(Decision.FAIL, TIMEOUT);
        }
        if (t instanceof ClickUpIds.InvalidClickUpIdException) {
            return ClickUpFailure.of(Decision.PARK, INVALID_ID);
        }
        if (t instanceof SdkException) {
            return ClickUpFailure.of(Decision.FAIL, AWS_UNAVAILABLE);
        }
        return null;
    }

    private static ClickUpFailure clickUpAnswer(ClickUpException answer) {
        if (answer instanceof ClickUpException.RateLimited limited) {
            Duration wait = limited.resetEpochMillis().isPresent()
                    ? Duration.ofMillis(limited.resetEpochMillis().getAsLong() - System.currentTimeMillis())
                    : RATE_LIMIT_FALLBACK;
            return ClickUpFailure.deferFor(RATE_LIMITED, wait);
        }
        if (answer instanceof ClickUpException.Server) {
            return ClickUpFailure.of(Decision.FAIL, SERVER_ERROR);
        }
        if (answer instanceof ClickUpException.Authentication) {
            return ClickUpFailure.of(Decision.FAIL, AUTHENTICATION);
        }
        if (answer instanceof ClickUpException.WorkspaceNotAuthorized) {
            return ClickUpFailure.of(Decision.PARK, WORKSPACE_NOT_AUTHORIZED);
        }
        if (answer instanceof ClickUpException.NotFound) {
            return ClickUpFailure.of(Decision.PARK, NOT_FOUND);
        }
        if (answer instanceof ClickUpException.Validation) {
            return ClickUpFailure.of(Decision.PARK, VALIDATION);
        }
        if (answer instanceof ClickUpException.OutcomeUnknown) {
            return ClickUpFailure.of(Decision.PARK, OUTCOME_UNKNOWN);
        }
        return ClickUpFailure.of(Decision.FAIL, ERROR);
    }

    private static boolean timedOut(Throwable processing) {
        Throwable t = processing.getCause();
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof java.net.SocketTimeoutException || t instanceof java.util.concurrent.TimeoutException
                    || t instanceof java.net.http.HttpTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
