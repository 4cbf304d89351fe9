package dev.clickupsync.clickup;

import dev.clickupsync.budget.BudgetConfig;
import dev.clickupsync.budget.BudgetExhaustedException;
import dev.clickupsync.budget.Gcra;
import dev.clickupsync.budget.RateBudget;
import dev.clickupsync.budget.RateLimitHeaders;
import dev.clickupsync.budget.SharedRateBudget;
import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What ClickUp's rate-limit headers may do to the shared budget. A far-future reset taken at its
 * word would close the budget of every instance on the token until someone deleted the item, and
 * the drain's deferrals (re-sent messages) would keep the queue age alarm quiet all along. Real
 * HTTP to the fake, which says what each test makes it say, and the real shared budget on dynalite,
 * under a key of its own per test so no other test meets the closed budget.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackResource.class)
class RateLimitHeaderTrustTest {
    private static final AtomicInteger BREAKERS = new AtomicInteger();

    @Inject
    @RestClient
    ClickUpApi api;
    @Inject
    BudgetConfig budgetConfig;
    @Inject
    ClickUpConfig clickUpConfig;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    SyncConfig sync;
    @Inject
    Metrics metrics;

    FakeClickUp clickUp;

    private SharedRateBudget budget;
    private ClickUpCalls calls;

    @AfterEach
    void clearFaults() {
        clickUp.faults().clear();
    }

    private void newBudget() {
        budget = new SharedRateBudget(dynamo, sync.tables().control(), UUID.randomUUID().toString(),
                new Gcra(budgetConfig.limit(), budgetConfig.window(), budgetConfig.safetyMargin()), Clock.systemUTC(),
                d -> Thread.sleep(d.toMillis()));
        calls = new ClickUpCalls(budget, metrics, budgetConfig, clickUpConfig, true,
                "header-trust-test-" + BREAKERS.incrementAndGet());
    }

    private String fetch() {
        return calls.execute("GET /task/{id}", () -> api.getTask(DemoWorkspace.TASK_LOGIN_BUG, null, null, null, true)).id();
    }

    @Test
    void aFarFutureResetIsIgnoredAndCountedInsteadOfClosingTheBudget() {
        newBudget();
        long bogus = metrics.count("ClickUpBogusHeader", "Header", RateLimitHeaders.RESET);
        clickUp.faults().rateLimitHeaders("0", "1000000000000000");

        assertThat(fetch()).isEqualTo(DemoWorkspace.TASK_LOGIN_BUG);

        assertThat(metrics.count("ClickUpBogusHeader", "Header", RateLimitHeaders.RESET) - bogus).isEqualTo(1);
        assertThat(budget.tryAcquire()).as("the budget stays open").isZero();
    }

    @Test
    void aResetBeyondOneWindowClosesTheBudgetForOneWindowAtMost() {
        newBudget();
        long hundredSecondsAhead = Instant.now().plusSeconds(100).getEpochSecond();
        clickUp.faults().rateLimitHeaders("0", Long.toString(hundredSecondsAhead));

        fetch();

        assertThat(budget.tryAcquire()).isPositive().isLessThanOrEqualTo(budgetConfig.window());
    }

    @Test
    void aRateLimitedAnswerWithAnAbsurdResetWaitsOneWindowAndCountsAClosedBudget() {
        newBudget();
        long bogus = metrics.count("ClickUpBogusHeader", "Header", RateLimitHeaders.RESET);
        long closed = metrics.count("ClickUpBudgetClosed");
        clickUp.faults().rateLimitHeaders(null, "1000000000000000").failNext(1, 429, "/task/");

        // The 429 is retried through the budget, which is now closed for a window: no slot within
        // the patience, so the call gives up with the wait (the drain defers by it).
        assertThatThrownBy(this::fetch).isInstanceOf(BudgetExhaustedException.class).satisfies(e ->
                assertThat(((BudgetExhaustedException) e).retryAfter()).isPositive()
                        .isLessThanOrEqualTo(budgetConfig.window()));

        assertThat(metrics.count("ClickUpBogusHeader", "Header", RateLimitHeaders.RESET) - bogus).isEqualTo(1);
        assertThat(metrics.count("ClickUpBudgetClosed") - closed).as("the alarm's metric").isEqualTo(1);
    }

    @Test
    void aRateLimitedAnswerThatReachesTheCallerCarriesTheBoundedResetNotTheHeadersValue() {
        // A budget that never closes (a stand-in, not the real one: the real budget closes on the first
        // 429 and the caller then sees BudgetExhaustedException, never the 429 this test is about), so
        // every retry is spent and ClickUp's 429 itself reaches the caller, as it reaches commands.
        RateBudget open = new RateBudget() {
            public Duration tryAcquire() { return Duration.ZERO; }
            public Duration acquire(Duration maxWait) { return Duration.ZERO; }
            public void observe(int remaining, long resetEpochMillis) { }
            public void onRateLimited(long resetEpochMillis) { }
        };
        calls = new ClickUpCalls(open, metrics, budgetConfig, clickUpConfig, true,
                "header-trust-test-" + BREAKERS.incrementAndGet());
        clickUp.faults().rateLimitHeaders(null, "1000000000000000")
                .failNext(clickUpConfig.retry().maxRetries() + 1, 429, "/task/");

        long before = System.currentTimeMillis();
        assertThatThrownBy(this::fetch).isInstanceOfSatisfying(ClickUpException.RateLimited.class, limited ->
                assertThat(limited.resetEpochMillis().orElseThrow())
                        .as("one window from now, as the budget was told, not the header's year 33658")
                        .isBetween(before, System.currentTimeMillis() + budgetConfig.window().toMillis()));
    }
}
