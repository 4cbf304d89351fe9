package dev.clickupsync.clickup;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * How to reach ClickUp's REST API (v2) and how hard to try.
 *
 * <p>The token never appears in logs, exceptions or metrics. Retries and timeouts are bounded so
 * that one call, all attempts included, stays well inside a Lambda invocation.
 */
@ConfigMapping(prefix = "clickup.api")
public interface ClickUpConfig {

    /**
     * Base URL including {@code /api/v2} ({@code CLICKUP_API_URL}). The local run points it at the
     * fake ClickUp unless set.
     */
    @WithDefault("https://api.clickup.com/api/v2")
    String url();

    /**
     * The API token ({@code CLICKUP_API_TOKEN}): a personal token ({@code pk_...}, sent as is) or an
     * OAuth access token (sent as {@code Bearer ...}).
     */
    String token();

    /** Longest one attempt may take before it is abandoned (and, if retryable, retried). */
    @WithDefault("6s")
    Duration callTimeout();

    /** Upper bound on pages one listing walks (100 tasks each): a guard against runaway loops. */
    @WithDefault("1000")
    int maxPages();

    Retry retry();

    CircuitBreaker circuitBreaker();

    HealthCheck healthCheck();

    /**
     * Retries for 5xx answers, network errors and timeouts, with exponential backoff and jitter.
     * 4xx answers are never retried; a 429 is retried only through the rate budget, which waits
     * for ClickUp's reset or gives up with the wait so the caller can defer.
     */
    interface Retry {
        @WithDefault("3")
        int maxRetries();

        @WithDefault("200ms")
        Duration initialDelay();

        @WithDefault("2s")
        Duration maxDelay();

        @WithDefault("100ms")
        Duration jitter();

        /** All attempts of one call together stop retrying after this. */
        @WithDefault("15s")
        Duration maxDuration();
    }

    /**
     * Stops calling a ClickUp that keeps failing: opens when at least {@code failureRatio} of the
     * last {@code requestVolume} calls failed (5xx, network, timeout), rejects calls for
     * {@code delay}, then lets probes through and closes after {@code successThreshold} successes.
     */
    interface CircuitBreaker {
        @WithDefault("10")
        int requestVolume();

        @WithDefault("0.5")
        double failureRatio();

        @WithDefault("10s")
        Duration delay();

        @WithDefault("2")
        int successThreshold();
    }

    /** The readiness check's {@code GET /user}, cached so it costs almost no budget. */
    interface HealthCheck {
        /** Include ClickUp connectivity in {@code GET /health}. */
        @WithDefault("true")
        boolean enabled();

        /** How long one answer is reused. */
        @WithDefault("5m")
        Duration cacheFor();
    }
}
