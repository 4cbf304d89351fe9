package dev.clickupsync.budget;

import dev.clickupsync.clickup.ClickUpConfig;
import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.queue.EventEnvelope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * The application's {@link RateBudget}: shared through the control table, keyed by a hash of the
 * token so the token itself never lands in DynamoDB, logs or metrics.
 */
@ApplicationScoped
public class BudgetProducer {

    @Produces
    @Singleton
    RateBudget rateBudget(DynamoDbClient dynamo, SyncConfig sync, ClickUpConfig clickUp, BudgetConfig config) {
        Gcra gcra = new Gcra(config.limit(), config.window(), config.safetyMargin());
        return new SharedRateBudget(dynamo, sync.tables().control(), budgetKey(clickUp.token()), gcra,
                Clock.systemUTC(), duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000));
    }

    /** First 16 hex digits of the token's SHA-256: stable per token, reveals nothing about it. */
    public static String budgetKey(String token) {
        return EventEnvelope.sha256Hex(token.trim().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }
}
