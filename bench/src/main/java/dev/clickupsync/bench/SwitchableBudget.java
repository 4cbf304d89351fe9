package dev.clickupsync.bench;

import dev.clickupsync.budget.BudgetConfig;
import dev.clickupsync.budget.BudgetKey;
import dev.clickupsync.budget.Gcra;
import dev.clickupsync.budget.RateBudget;
import dev.clickupsync.budget.SharedRateBudget;
import dev.clickupsync.clickup.ClickUpConfig;
import dev.clickupsync.infra.SyncConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The bench application's token budget: by default exactly the production one ({@code ClickUpBudgetProducer}'s
 * {@link SharedRateBudget} from {@code clickup.rate-limit.*}), but a bench can swap in a budget at its
 * time-scaled limit for a while ({@link #use}). Needed because the production {@code ClickUpCalls}
 * can be built once per JVM (its circuit breaker has a global name), so the backfill bench cannot
 * build a second client with its own budget; it switches the one every call already goes through.
 */
public final class SwitchableBudget implements RateBudget {
    private final RateBudget production;
    private volatile RateBudget current;

    SwitchableBudget(RateBudget production) {
        this.production = production;
        this.current = production;
    }

    /** Every ClickUp call takes its slots from {@code budget} until the returned handle is closed. */
    Lease use(RateBudget budget) {
        current = Objects.requireNonNull(budget);
        return () -> current = production;
    }

    /** A switch that {@code close()} undoes (no checked exception, for try-with-resources). */
    interface Lease extends AutoCloseable {
        @Override
        void close();
    }

    @Override
    public Duration tryAcquire() {
        return current.tryAcquire();
    }

    @Override
    public Duration acquire(Duration maxWait) {
        return current.acquire(maxWait);
    }

    @Override
    public void observe(int remaining, long resetEpochMillis) {
        current.observe(remaining, resetEpochMillis);
    }

    @Override
    public void onRateLimited(long resetEpochMillis) {
        current.onRateLimited(resetEpochMillis);
    }

    /** Replaces {@code ClickUpBudgetProducer}'s bean in the bench application only. */
    @ApplicationScoped
    public static class Producer {
        @Produces
        @Singleton
        @Alternative
        @Priority(1)
        SwitchableBudget rateBudget(DynamoDbClient dynamo, SyncConfig sync, ClickUpConfig clickUp, BudgetConfig config) {
            Gcra gcra = new Gcra(config.limit(), config.window(), config.safetyMargin());
            return new SwitchableBudget(new SharedRateBudget(dynamo, sync.tables().control(),
                    BudgetKey.of(clickUp.token()), gcra, Clock.systemUTC(),
                    duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000)));
        }
    }
}
