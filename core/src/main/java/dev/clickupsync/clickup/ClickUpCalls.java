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
 * <p>A deadline set by the caller ({@link CallDeadline}) bounds the whole logical call: no attempt,
 * retry or budget wait starts after it, and whatever is still running at it is abandoned
 * ({@link DeadlineCutoff}), ending in {@link ClickUpOutOfTimeException} (counted once,
 * {@code ClickUpOutOfTime{Endpoint}}).
 *
 * <p>Per attempt one metric {@code ClickUpCall{Endpoint,Outcome}}, its latency
 * {@code ClickUpLatency{Endpoint}}, and one log line with endpoint, status, latency, ECODE and the
 * remaining budget (never bodies or the token). Authentication failures also count
 * {@code ClickUpAuthFailure}, which an alarm watches. Rate-limit headers that make no sense are
 * ignored and counted, {@code ClickUpBogusHeader{Header}} ({@link RateLimitHeaders#read}); a call
 * refused a budget slot at least {@code clickup.rate-limit.closed-after} away counts
 * {@code ClickUpBudgetClosed}, which an alarm watches.
 */
@ApplicationScoped
public class ClickUpCalls {
    private static final Logger LOG = Logger.getLogger(ClickUpCalls.class);

    private final RateBudget budget;
    private final Metrics metrics;
    private final Duration maxBudgetWait;
    private final Duration budgetClosedAfter;
    private final Duration window;
    private final boolean enabled;
    private final Guard guard;
    /** This process's view of the breaker and of ClickUp's last rate-limit answer, for GET /admin/status. */
    private final AtomicReference<Observed<String>> circuit = new AtomicReference<>(new Observed<>("closed", null));
    private final AtomicReference<Observed<Integer>> lastRemaining = new AtomicReference<>();

    /** A value this process observed, and when (null: at start, nothing observed yet). */
    public record Observed<T>(T value, java.time.Instant at) {
    }

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
        this.budgetClosedAfter = budgetConfig.closedAfter();
        this.window = budgetConfig.window();
        this.enabled = enabled;
        this.guard = guard(config, breakerName);
    }

    /** The circuit breaker's state in this process ({@code closed}, {@code open}, {@code half_open}) and since when. */
    public Observed<String> circuitState() {
        return circuit.get();
    }

    /** ClickUp's last {@code X-RateLimit-Remaining} this process read, or null before any. */
    public Observed<Integer> lastRemaining() {
        return lastRemaining.get();
    }

    /**
     * Runs {@code call} as one logical ClickUp request under the budget, retries and breaker.
     *
     * @param endpoint the route template, e.g. {@code GET /task/{id}} (a metric dimension)
     * @throws BudgetExhaustedException   when the budget has no slot within {@code clickup.rate-limit.max-wait}
     * @throws ClickUpException           ClickUp's answer when it is an error that retries did not cure
     * @throws ClickUpDisabledException   when {@code clickup.enabled=false}
     * @throws ClickUpOutOfTimeException  when the thread's {@link CallDeadline} came first
     */
    public <T> T execute(String endpoint, Supplier<RestResponse<T>> call) {
        try (DeadlineCutoff cutoff = DeadlineCutoff.forCurrentThread()) {
            return guarded(endpoint, cutoff, () -> attempt(endpoint, call, cutoff));
        }
    }

    /**
     * Runs a non-idempotent write ({@code POST} create task, {@code POST} comment) like
     * {@link #execute}, with one difference: an attempt that was <em>sent</em> is never sent again
     * unless ClickUp definitely refused it (a 4xx, 429 included: nothing was applied) or the connection
     * could not even be made (refused, unknown host). After a timeout,
     * a lost connection or a 5xx ClickUp may have applied it, and a retry could create a second task or
     * comment, so the retry fails with {@link ClickUpException.OutcomeUnknown} instead of resending.
     * Waiting for a budget slot sends nothing, so a spent budget still ends in
     * {@link BudgetExhaustedException} and can be deferred safely; so does running out of time before
     * the write was sent ({@link ClickUpOutOfTimeException}), while a sent write abandoned at the
     * deadline is {@link ClickUpException.OutcomeUnknown}.
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
        try (DeadlineCutoff cutoff = DeadlineCutoff.forCurrentThread()) {
            return guarded(endpoint, cutoff, () -> {
                if (sent.get()) {
                    throw outcomeUnknown(endpoint, failure.get());
                }
                return attempt(endpoint, once, cutoff);
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
                "reason", ClickUpFailures.OUTCOME_UNKNOWN, "error", failure == null ? "timeout" : failure.getClass().getSimpleName());
        return new ClickUpException.OutcomeUnknown(endpoint, failure);
    }

    private <T> T guarded(String endpoint, DeadlineCutoff cutoff, Callable<T> action) {
        if (!enabled) {
            metrics.increment("ClickUpDisabled");
            throw new ClickUpDisabledException();
        }
        try {
            if (cutoff.passed()) {
                throw new ClickUpOutOfTimeException(endpoint);
            }
            return guard.call(action, (Class<T>) Object.class);
        } catch (ClickUpOutOfTimeException late) {
            throw outOfTime(endpoint, late);
        } catch (CircuitBreakerOpenException open) {
            metrics.increment("ClickUpCircuitOpen");
            LOG.warnf("clickup call refused reason=%s endpoint=\"%s\"", ClickUpFailures.CIRCUIT_OPEN, endpoint);
            throw open;
        } catch (RuntimeException e) {
            // Whatever the interrupt surfaced as (a retry's back-off, the SDK under the budget, a
            // timeout): the deadline is why the call ended.
            if (cutoff.fired()) {
                throw outOfTime(endpoint, new ClickUpOutOfTimeException(endpoint));
            }
            throw e;
        } catch (InterruptedException interrupted) {
            if (cutoff.fired()) {
                throw outOfTime(endpoint, new ClickUpOutOfTimeException(endpoint));
            }
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        } catch (Exception checked) {
            throw new IllegalStateException(checked);
        }
    }

    private ClickUpOutOfTimeException outOfTime(String endpoint, ClickUpOutOfTimeException late) {
        metrics.increment("ClickUpOutOfTime", "Endpoint", endpoint);
        StructuredLog.log(LOG, Logger.Level.WARN, "clickup call abandoned", "endpoint", endpoint,
                "reason", ClickUpOutOfTimeException.REASON);
        return late;
    }

    /** One attempt: never started past the deadline, and its budget wait never outlasts it. */
    private <T> T attempt(String endpoint, Supplier<RestResponse<T>> call, DeadlineCutoff cutoff) {
        if (cutoff.passed()) {
            throw new ClickUpOutOfTimeException(endpoint);
        }
        Duration waited = acquireSlot(endpoint, cutoff);
        if (!waited.isZero()) {
            metrics.record("ClickUpBudgetWait", waited.toMillis(), "Milliseconds");
        }
        long started = System.nanoTime();
        try {
            RestResponse<T> response = call.get();
            OptionalInt remaining = observe(response.getHeaderString(RateLimitHeaders.REMAINING),
                    response.getHeaderString(RateLimitHeaders.RESET));
            finished(endpoint, started, Integer.toString(response.getStatus()), null, remaining);
            return response.getEntity();
        } catch (ClickUpException e) {
            ClickUpException answer = e;
            if (e instanceof ClickUpException.RateLimited limited) {
                long reset = resetAfter429(limited);
                budget.onRateLimited(reset);
                metrics.increment("ClickUpRateLimited");
                // Callers that wait on the 429 themselves (commands) get the bound the budget got,
                // never the header's raw value.
                answer = limited.resettingAt(reset);
            } else if (e instanceof ClickUpException.Authentication) {
                metrics.increment("ClickUpAuthFailure");
            }
            finished(endpoint, started, Integer.toString(e.status()), e.ecode(), OptionalInt.empty());
            throw answer;
        } catch (ProcessingException e) {
            if (cutoff.fired()) {
                // Interrupted by the deadline, not failed by ClickUp: no retry, and not a network error.
                finished(endpoint, started, ClickUpOutOfTimeException.REASON, null, OptionalInt.empty());
                throw new ClickUpOutOfTimeException(endpoint);
            }
            finished(endpoint, started, "network_error", null, OptionalInt.empty());
            throw e;
        }
    }

    /**
     * A slot from the budget, waiting at most until the deadline. A slot further away than the
     * deadline but within the usual patience is a matter of time, not of budget.
     */
    private Duration acquireSlot(String endpoint, DeadlineCutoff cutoff) {
        Duration patience = cutoff.atMost(maxBudgetWait);
        try {
            return budget.acquire(patience);
        } catch (BudgetExhaustedException spent) {
            if (cutoff.fired() || (patience.compareTo(maxBudgetWait) < 0 && spent.retryAfter().compareTo(maxBudgetWait) <= 0)) {
                throw new ClickUpOutOfTimeException(endpoint);
            }
            if (spent.retryAfter().compareTo(budgetClosedAfter) >= 0) {
                metrics.increment("ClickUpBudgetClosed");
                StructuredLog.log(LOG, Logger.Level.WARN, "clickup budget closed", "endpoint", endpoint,
                        "reason", "budget_closed", "retry_after_ms", spent.retryAfter().toMillis());
            }
            throw spent;
        }
    }

    /** When a 429 says the budget reopens: its reset if plausible, else one window from now. */
    private long resetAfter429(ClickUpException.RateLimited limited) {
        OptionalLong reset = RateLimitHeaders.plausibleReset(limited.resetEpochMillis(), Clock.systemUTC(), window);
        if (limited.resetEpochMillis().isPresent() && reset.isEmpty()) {
            bogusHeader(RateLimitHeaders.RESET);
        }
        return reset.orElse(System.currentTimeMillis() + window.toMillis());
    }

    private void bogusHeader(String header) {
        metrics.increment("ClickUpBogusHeader", "Header", header);
        StructuredLog.log(LOG, Logger.Level.WARN, "clickup header ignored", "header", header, "reason", "bogus_header");
    }

    private OptionalInt observe(String remainingHeader, String resetHeader) {
        RateLimitHeaders.Reading reading = RateLimitHeaders.read(remainingHeader, resetHeader, Clock.systemUTC(), window);
        reading.bogus().forEach(this::bogusHeader);
        OptionalInt remaining = reading.remaining();
        OptionalLong reset = reading.resetEpochMillis();
        if (remaining.isPresent() && reset.isPresent()) {
            budget.observe(remaining.getAsInt(), reset.getAsLong());
            metrics.record("ClickUpRemaining", remaining.getAsInt(), "None");
        }
        remaining.ifPresent(value -> lastRemaining.set(new Observed<>(value, java.time.Instant.now())));
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
                            ClickUpException.OutcomeUnknown.class, ClickUpOutOfTimeException.class))
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
                        circuit.set(new Observed<>(state.name().toLowerCase(), java.time.Instant.now()));
                        LOG.warnf("clickup circuit breaker state=%s", state);
                    })
                    .done()
                .withTimeout()
                    .duration(config.callTimeout().toMillis(), ChronoUnit.MILLIS)
                    .done()
                .build();
    }
}
