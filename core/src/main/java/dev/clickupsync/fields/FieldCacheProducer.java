package dev.clickupsync.fields;

import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.metrics.Metrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;

/**
 * The application's {@link FieldCache}: the {@code field-cache} table, discovery through
 * {@link ClickUpClient#listFields(String)} (so through the shared rate budget), the system clock.
 */
@ApplicationScoped
public class FieldCacheProducer {

    @Produces
    @Singleton
    FieldCache fieldCache(DynamoDbClient dynamo, SyncConfig sync, FieldCacheConfig config, ClickUpClient clickUp,
            Metrics metrics) {
        return new FieldCache(dynamo, sync.tables().fieldCache(), clickUp::listFields, config.ttl(),
                config.minRefreshInterval(), config.leaseDuration(), Clock.systemUTC(), metrics);
    }
}
