package dev.clickupsync.clickup;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a failed ClickUp-backed step means for its caller: one {@link Decision} and one reason name,
 * the same name in every metric dimension, log field, DLQ {@code failure_reason} and command record.
 * Made only by {@link ClickUpFailures#classify}, where the whole table and its reasons live.
 *
 * @param decision   how a queue consumer settles the work
 * @param reason     low-cardinality name, e.g. {@code clickup_server_error}
 * @param retryAfter for {@link Decision#DEFER}: how long the failure itself says to wait (the budget's next
 *                   slot, a 429's reset); empty when the caller's configured deferral applies (kill switch,
 *                   open breaker). {@link Duration#ZERO} for {@link Decision#RETRY_NOW}.
 */
public record ClickUpFailure(Decision decision, String reason, Optional<Duration> retryAfter) {

    /** How the failed work is settled. Ordered from "not the work's fault" to "will never succeed as is". */
    public enum Decision {
        /** Out of time, not out of luck: re-send at once, without spending a receive. */
        RETRY_NOW,
        /** ClickUp cannot be asked now (budget, kill switch, breaker, 429): re-send after a delay, no receive spent. */
        DEFER,
        /** Possibly transient: release and let SQS redeliver; parked in the DLQ on the last allowed receive. */
        FAIL,
        /** The same request would get the same answer, or repeating it is unsafe: park in the DLQ now. */
        PARK
    }

    public ClickUpFailure {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(retryAfter, "retryAfter");
    }

    static ClickUpFailure of(Decision decision, String reason) {
        return new ClickUpFailure(decision, reason, decision == Decision.RETRY_NOW ? Optional.of(Duration.ZERO) : Optional.empty());
    }

    static ClickUpFailure deferFor(String reason, Duration retryAfter) {
        return new ClickUpFailure(Decision.DEFER, reason, Optional.of(retryAfter.isNegative() ? Duration.ZERO : retryAfter));
    }

    /** Whether the caller should put the work off without spending a receive ({@link Decision#RETRY_NOW} or {@link Decision#DEFER}). */
    public boolean deferrable() {
        return decision == Decision.RETRY_NOW || decision == Decision.DEFER;
    }

    /** The delay the failure asks for, or {@code configured} when it names none. */
    public Duration delayOr(Duration configured) {
        return retryAfter.orElse(configured);
    }
}
