package dev.clickupsync.clickup;

import dev.clickupsync.budget.BudgetConfig;
import dev.clickupsync.budget.BudgetKey;
import dev.clickupsync.budget.Gcra;
import dev.clickupsync.budget.RateBudget;
import dev.clickupsync.budget.SharedRateBudget;
import dev.clickupsync.infra.SyncConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;

/**
 * The application's {@link RateBudget}: shared through the control table, keyed by
 * {@link BudgetKey} of the ClickUp token. It lives with the client rather than in {@code budget}
 * because it reads {@link ClickUpConfig}: the budget knows nothing of ClickUp, ClickUp uses the budget.
 */
@ApplicationScoped
public class ClickUpBudgetProducer {

    @Produces
    @Singleton
    RateBudget rateBudget(DynamoDbClient dynamo, SyncConfig sync, ClickUpConfig clickUp, BudgetConfig config) {
        Gcra gcra = new Gcra(config.limit(), config.window(), config.safetyMargin());
        return new SharedRateBudget(dynamo, sync.tables().control(), BudgetKey.of(clickUp.token()), gcra,
                Clock.systemUTC(), duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000));
    }
}
