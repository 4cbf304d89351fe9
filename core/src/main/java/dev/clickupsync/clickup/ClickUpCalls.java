package dev.clickupsync.clickup;

import dev.clickupsync.budget.BudgetConfig;
import dev.clickupsync.budget.BudgetExhaustedException;
import dev.clickupsync.budget.RateBudget;
import dev.clickupsync.budget.RateLimitHeaders;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.metrics.StructuredLog;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * How every ClickUp call is made: kill switch, then (per attempt) a slot from the shared
 * {@link RateBudget}, the HTTP call under a timeout, ClickUp's rate-limit headers fed back into the
 * budget; around the attempts, retries with backoff for transient failures and a circuit breaker.
 *
 * <p>Per attempt one metric {@code ClickUpCall{Endpoint,Outcome}}, its latency
 * {@code ClickUpLatency{Endpoint}}, and one log line with endpoint, status, latency, ECODE and the
 * remaining budget (never bodies or the token). Authentication failures also count
 * {@code ClickUpAuthFailure}, which an alarm watches.
 */
@ApplicationScoped
public class ClickUpCalls {
    private static final Logger LOG = Logger.getLogger(ClickUpCalls.class);

    private final RateBudget budget;
    private final Metrics metrics;
    private final Duration maxBudgetWait;
    private final boolean enabled;
    private final Guard guard;

    @Inject
    public ClickUpCalls(RateBudget budget, Metrics metrics, BudgetConfig budgetConfig, ClickUpConfig config,
                        @ConfigProperty(name = "clickup.enabled", defaultValue = "true") boolean enabled) {
        this(budget, metrics, budgetConfig, config, enabled, "clickup");
    }

    /**
     * With a circuit breaker of another name: SmallRye's breaker names are process-wide and unique,
     * so a second instance (tests) needs its own.
     */
    public ClickUpCalls(RateBudget budget, Metrics metrics, BudgetConfig budgetConfig, ClickUpConfig config,
                        boolean enabled, String breakerName) {
        this.budget = budget;
        this.metrics = metrics;
        this.maxBudgetWait = budgetConfig.maxWait();
        this.enabled = enabled;
        this.guard = guard(config, breakerName);
    }

    /**
     * Runs {@code call} as one logical ClickUp request under the budget, retries and breaker.
     *
     * @param endpoint the route template, e.g. {@code GET /task/{id}} (a metric dimension)
     * @throws BudgetExhaustedException when the budget has no slot within {@code clickup.rate-limit.max-wait}
     * @throws ClickUpException         ClickUp's answer when it is an error that retries did not cure
     * @throws ClickUpDisabledException when {@code clickup.enabled=false}
     */
    public <T> T execute(String endpoint, Supplier<RestResponse<T>> call) {
        return guarded(endpoint, () -> attempt(endpoint, call));
    }

    /**
     * Runs a non-idempotent write ({@code POST} create task, {@code POST} comment) like
     * {@link #execute}, with one difference: an attempt that was <em>sent</em> is never sent again
     * unless ClickUp definitely refused it (a 4xx, 429 included: nothing was applied) or the connection
     * could not even be made (refused, unknown host). After a timeout,
     * a lost connection or a 5xx ClickUp may have applied it, and a retry could create a second task or
     * comment, so the retry fails with {@link ClickUpException.OutcomeUnknown} instead of resending.
     * Waiting for a budget slot sends nothing, so a spent budget still ends in
     * {@link BudgetExhaustedException} and can be deferred safely.
     */
    public <T> T executeOnce(String endpoint, Supplier<RestResponse<T>> call) {
        AtomicBoolean sent = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Supplier<RestResponse<T>> once = () -> {
            sent.set(true);
            try {
                return call.get();
            } catch (ClickUpException e) {
                if (e instanceof ClickUpException.Server) {
                    failure.set(e);
                } else {
                    sent.set(false); // refused before anything was applied
                }
                throw e;
            } catch (RuntimeException e) {
                if (neverConnected(e)) {
                    sent.set(false); // no connection, no request: ClickUp cannot have applied it
                } else {
                    failure.set(e);
                }
                throw e;
            }
        };
        try {
            return guarded(endpoint, () -> {
                if (sent.get()) {
                    throw outcomeUnknown(endpoint, failure.get());
                }
                return attempt(endpoint, once);
            });
        } catch (ClickUpException.OutcomeUnknown unknown) {
            throw unknown;
        } catch (RuntimeException e) {
            // The last attempt was sent and what ended the call (its 5xx, the guard's timeout, the
            // breaker opening, the retry budget running out) says nothing about whether it was applied.
            if (sent.get()) {
                throw outcomeUnknown(endpoint, failure.get() == null ? e : failure.get());
            }
            throw e;
        }
    }

    /** A failure to connect at all (refused, unknown host): the request never left this process. */
    private static boolean neverConnected(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.net.UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    private ClickUpException.OutcomeUnknown outcomeUnknown(String endpoint, Throwable failure) {
        metrics.increment("ClickUpWriteOutcomeUnknown", "Endpoint", endpoint);
        StructuredLog.log(LOG, Logger.Level.WARN, "clickup write not resent", "endpoint", endpoint,
                "reason", "outcome_unknown", "error", failure == null ? "timeout" : failure.getClass().getSimpleName());
        return new ClickUpException.OutcomeUnknown(endpoint, failure);
    }

    private <T> T guarded(String endpoint, Callable<T> action) {
        if (!enabled) {
            metrics.increment("ClickUpDisabled");
            throw new ClickUpDisabledException();
        }
        try {
            return guard.call(action, (Class<T>) Object.class);
        } catch (CircuitBreakerOpenException open) {
            metrics.increment("ClickUpCircuitOpen");
            LOG.warnf("clickup call refused reason=circuit_open endpoint=\"%s\"", endpoint);
            throw open;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception checked) {
            throw new IllegalStateException(checked);
        }
    }

    private <T> T attempt(String endpoint, Supplier<RestResponse<T>> call) {
        Duration waited = budget.acquire(maxBudgetWait);
        if (!waited.isZero()) {
            metrics.record("ClickUpBudgetWait", waited.toMillis(), "Milliseconds");
        }
        long started = System.nanoTime();
        try {
            RestResponse<T> response = call.get();
            OptionalInt remaining = observe(response.getHeaderString("X-RateLimit-Remaining"),
                    response.getHeaderString("X-RateLimit-Reset"));
            finished(endpoint, started, Integer.toString(response.getStatus()), null, remaining);
            return response.getEntity();
        } catch (ClickUpException e) {
            if (e instanceof ClickUpException.RateLimited limited) {
                budget.onRateLimited(limited.resetEpochMillis().orElse(System.currentTimeMillis() + 60_000));
                metrics.increment("ClickUpRateLimited");
            } else if (e instanceof ClickUpException.Authentication) {
                metrics.increment("ClickUpAuthFailure");
            }
            finished(endpoint, started, Integer.toString(e.status()), e.ecode(), OptionalInt.empty());
            throw e;
        } catch (ProcessingException e) {
            finished(endpoint, started, "network_error", null, OptionalInt.empty());
            throw e;
        }
    }

    private OptionalInt observe(String remainingHeader, String resetHeader) {
        OptionalInt remaining = RateLimitHeaders.remaining(remainingHeader);
        OptionalLong reset = RateLimitHeaders.resetEpochMillis(resetHeader, Clock.systemUTC());
        if (remaining.isPresent() && reset.isPresent()) {
            budget.observe(remaining.getAsInt(), reset.getAsLong());
            metrics.record("ClickUpRemaining", remaining.getAsInt(), "None");
        }
        return remaining;
    }

    private void finished(String endpoint, long startedNanos, String status, String ecode, OptionalInt remaining) {
        long millis = (System.nanoTime() - startedNanos) / 1_000_000;
        metrics.increment("ClickUpCall", "Endpoint", endpoint, "Status", status);
        metrics.record("ClickUpLatency", millis, "Milliseconds", "Endpoint", endpoint);
        StructuredLog.log(LOG, status.startsWith("2") ? Logger.Level.DEBUG : Logger.Level.WARN, "clickup call",
                "endpoint", endpoint, "status", status, "latency_ms", millis, "ecode", ecode == null ? "-" : ecode,
                "remaining", remaining.isPresent() ? remaining.getAsInt() : "-");
    }

    private Guard guard(ClickUpConfig config, String breakerName) {
        ClickUpConfig.Retry retry = config.retry();
        ClickUpConfig.CircuitBreaker breaker = config.circuitBreaker();
        List<Class<? extends Throwable>> transientFailures = List.of(
                ClickUpException.Server.class, ProcessingException.class, TimeoutException.class);
        return Guard.create()
                .withDescription(breakerName)
                .withRetry()
                    .maxRetries(retry.maxRetries())
                    .delay(retry.initialDelay().toMillis(), ChronoUnit.MILLIS)
                    .jitter(retry.jitter().toMillis(), ChronoUnit.MILLIS)
                    .maxDuration(retry.maxDuration().toMillis(), ChronoUnit.MILLIS)
                    .retryOn(List.of(ClickUpException.Server.class, ClickUpException.RateLimited.class,
                            ProcessingException.class, TimeoutException.class))
                    // OutcomeUnknown carries the sent attempt's failure as its cause, and SmallRye matches
                    // retryOn against the cause chain too: it must abort explicitly.
                    .abortOn(List.of(BudgetExhaustedException.class, CircuitBreakerOpenException.class,
                            ClickUpException.OutcomeUnknown.class))
                    .beforeRetry(failure -> metrics.increment("ClickUpRetry"))
                    .withExponentialBackoff()
                        .factor(2)
                        .maxDelay(retry.maxDelay().toMillis(), ChronoUnit.MILLIS)
                        .done()
                    .done()
                .withCircuitBreaker()
                    .name(breakerName)
                    .requestVolumeThreshold(breaker.requestVolume())
                    .failureRatio(breaker.failureRatio())
                    .delay(breaker.delay().toMillis(), ChronoUnit.MILLIS)
                    .successThreshold(breaker.successThreshold())
                    .failOn(transientFailures)
                    .onStateChange(state -> {
                        metrics.increment("ClickUpCircuitState", "State", state.name().toLowerCase());
                        LOG.warnf("clickup circuit breaker state=%s", state);
                    })
                    .done()
                .withTimeout()
                    .duration(config.callTimeout().toMillis(), ChronoUnit.MILLIS)
                    .done()
                .build();
    }
}
