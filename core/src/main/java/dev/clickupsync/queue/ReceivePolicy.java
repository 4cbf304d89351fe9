package dev.clickupsync.queue;

import dev.clickupsync.clickup.ClickUpFailure;
import dev.clickupsync.clickup.ClickUpFailures;

import java.time.Duration;
import java.time.Instant;

/**
 * The timing rules a queue consumer (the drain, the commands) settles its messages by, in one
 * place because both consumers must keep the same invariants:
 * <ul>
 *   <li>every ClickUp call ends {@code safetyMargin} before the invocation does, so the batch
 *       response (which messages to redeliver) always reaches SQS;</li>
 *   <li>a claim's lock never outlives the invocation minus that margin, and never exceeds
 *       {@code maxLock}: a crashed invocation's messages become claimable soon after;</li>
 *   <li>a deferral waits for what the failure says (budget slot, 429 reset, ...), else the
 *       configured wait for the kill switch or an open breaker;</li>
 *   <li>a message on its {@code maxReceiveCount}-th receive is the last chance before the DLQ.</li>
 * </ul>
 *
 * @param maxLock             the longest idempotency/command lock a claim takes
 * @param safetyMargin        time kept back before the invocation's deadline
 * @param disabledDeferral    wait when ClickUp calls are switched off
 * @param circuitOpenDeferral wait when the circuit breaker is open
 * @param maxReceiveCount     the queue's redrive policy: receives before the DLQ
 */
public record ReceivePolicy(Duration maxLock, Duration safetyMargin, Duration disabledDeferral,
                            Duration circuitOpenDeferral, int maxReceiveCount) {
    private static final Duration MIN_LOCK = Duration.ofSeconds(1);

    /** When ClickUp calls of a batch must end: the invocation's deadline minus the margin. */
    public Instant callDeadline(Instant deadline) {
        return deadline.minus(safetyMargin);
    }

    /** Less than the margin is left: stop starting work and settle the rest. */
    public boolean outOfTime(Instant deadline) {
        return Duration.between(Instant.now(), deadline).compareTo(safetyMargin) < 0;
    }

    /** The lock a claim takes now: what is left before the margin, at most {@code maxLock}, at least 1 s. */
    public Duration lockFor(Instant deadline) {
        Duration left = Duration.between(Instant.now(), deadline).minus(safetyMargin);
        if (left.isNegative() || left.isZero()) {
            return MIN_LOCK;
        }
        return left.compareTo(maxLock) < 0 ? left : maxLock;
    }

    /** The failure's own wait (budget, 429, out of time), else the configured one for the kill switch or breaker. */
    public Duration deferral(ClickUpFailure failure) {
        return failure.delayOr(ClickUpFailures.DISABLED.equals(failure.reason()) ? disabledDeferral : circuitOpenDeferral);
    }

    /** This receive is the message's last before SQS moves it to the DLQ. */
    public boolean lastReceive(QueuedEvent message) {
        return message.receiveCount() >= maxReceiveCount;
    }
}
