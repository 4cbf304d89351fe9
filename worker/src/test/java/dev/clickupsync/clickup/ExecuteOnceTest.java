package dev.clickupsync.clickup;

import dev.clickupsync.budget.BudgetConfig;
import dev.clickupsync.budget.RateBudget;
import dev.clickupsync.command.CommandsProfile;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.jboss.resteasy.reactive.RestResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link ClickUpCalls#executeOnce} at the edges the HTTP tests cannot reach on demand: whatever ends a
 * call after an attempt was sent (the breaker opening on the way to the retry, no retry left) must say
 * "outcome unknown", never a failure that a caller would take as "not applied" and repeat. A
 * {@link ClickUpCalls} of its own (small breaker, no budget), inside the application for SmallRye's
 * guard; shares the commands tests' {@link CommandsProfile}, so no extra boot.
 */
@QuarkusTest
@TestProfile(CommandsProfile.class)
@QuarkusTestResource(EmbeddedStackResource.class)
class ExecuteOnceTest {
    private static final AtomicInteger BREAKERS = new AtomicInteger();

    @Test
    void aSentWriteThatTripsTheBreakerIsOutcomeUnknownNotCircuitOpen() {
        ClickUpCalls calls = calls(3, 2);
        calls.execute("GET /ok", () -> RestResponse.ok("fine"));
        AtomicInteger sent = new AtomicInteger();

        assertThatThrownBy(() -> calls.executeOnce("POST /write", serverError(sent)))
                .isInstanceOf(ClickUpException.OutcomeUnknown.class);
        assertThat(sent).as("sent once, never again").hasValue(1);
    }

    @Test
    void aSentWriteWithNoRetryLeftIsOutcomeUnknown() {
        AtomicInteger sent = new AtomicInteger();

        assertThatThrownBy(() -> calls(0, 1000).executeOnce("POST /write", serverError(sent)))
                .isInstanceOf(ClickUpException.OutcomeUnknown.class)
                .hasCauseInstanceOf(ClickUpException.Server.class);
        assertThat(sent).hasValue(1);
    }

    @Test
    void aRefusedWriteIsPassedOnAsTheRefusalAndARateLimitedOneIsSentAgain() {
        AtomicInteger sent = new AtomicInteger();
        ClickUpCalls calls = calls(3, 1000);

        assertThatThrownBy(() -> calls.executeOnce("POST /write", () -> {
            sent.incrementAndGet();
            throw new ClickUpException.Validation(400, "FIELD_011", "Value must be an option index or uuid");
        })).isInstanceOf(ClickUpException.Validation.class);
        assertThat(sent).hasValue(1);

        AtomicInteger limited = new AtomicInteger();
        String answer = calls.executeOnce("POST /write", () -> {
            if (limited.incrementAndGet() == 1) {
                throw new ClickUpException.RateLimited(429, "APP_002", "Rate limit reached", java.util.OptionalLong.empty());
            }
            return RestResponse.ok("created");
        });
        assertThat(answer).isEqualTo("created");
        assertThat(limited).as("a 429 applied nothing, so it is sent again").hasValue(2);
    }

    @Test
    void aWriteThatNeverConnectedIsRetriedLikeARead() {
        AtomicInteger tries = new AtomicInteger();

        String answer = calls(3, 1000).executeOnce("POST /write", () -> {
            if (tries.incrementAndGet() == 1) {
                throw new jakarta.ws.rs.ProcessingException(new java.net.ConnectException("Connection refused"));
            }
            return RestResponse.ok("created");
        });

        assertThat(answer).isEqualTo("created");
        assertThat(tries).hasValue(2);
    }

    @Test
    void aWriteWhoseConnectionDroppedIsNotSentAgain() {
        AtomicInteger tries = new AtomicInteger();

        assertThatThrownBy(() -> calls(3, 1000).executeOnce("POST /write", () -> {
            tries.incrementAndGet();
            throw new jakarta.ws.rs.ProcessingException(new java.net.SocketException("Connection reset"));
        })).isInstanceOf(ClickUpException.OutcomeUnknown.class);
        assertThat(tries).hasValue(1);
    }

    private static Supplier<RestResponse<String>> serverError(AtomicInteger sent) {
        return () -> {
            sent.incrementAndGet();
            throw new ClickUpException.Server(503, null, "Service Unavailable");
        };
    }

    private static ClickUpCalls calls(int retries, int breakerVolume) {
        RateBudget free = new RateBudget() {
            public Duration tryAcquire() {
                return Duration.ZERO;
            }

            public Duration acquire(Duration maxWait) {
                return Duration.ZERO;
            }

            public void observe(int remaining, long resetEpochMillis) {
            }

            public void onRateLimited(long resetEpochMillis) {
            }
        };
        BudgetConfig budget = new BudgetConfig() {
            public int limit() {
                return 100;
            }

            public Duration window() {
                return Duration.ofMinutes(1);
            }

            public double safetyMargin() {
                return 0.1;
            }

            public Duration maxWait() {
                return Duration.ofSeconds(1);
            }

            public Duration closedAfter() {
                return Duration.ofSeconds(10);
            }
        };
        return new ClickUpCalls(free, Metrics.inMemory(), budget, config(retries, breakerVolume), true,
                "execute-once-test-" + BREAKERS.incrementAndGet());
    }

    private static ClickUpConfig config(int retries, int breakerVolume) {
        return new ClickUpConfig() {
            public String url() {
                return "http://127.0.0.1:1";
            }

            public String token() {
                return "unused";
            }

            public Duration callTimeout() {
                return Duration.ofSeconds(2);
            }

            public int maxPages() {
                return 1;
            }

            public Retry retry() {
                return new Retry() {
                    public int maxRetries() {
                        return retries;
                    }

                    public Duration initialDelay() {
                        return Duration.ofMillis(5);
                    }

                    public Duration maxDelay() {
                        return Duration.ofMillis(10);
                    }

                    public Duration jitter() {
                        return Duration.ofMillis(1);
                    }

                    public Duration maxDuration() {
                        return Duration.ofSeconds(5);
                    }
                };
            }

            public CircuitBreaker circuitBreaker() {
                return new CircuitBreaker() {
                    public int requestVolume() {
                        return breakerVolume;
                    }

                    public double failureRatio() {
                        return 0.5;
                    }

                    public Duration delay() {
                        return Duration.ofSeconds(10);
                    }

                    public int successThreshold() {
                        return 1;
                    }
                };
            }

            public HealthCheck healthCheck() {
                return null;
            }
        };
    }
}
