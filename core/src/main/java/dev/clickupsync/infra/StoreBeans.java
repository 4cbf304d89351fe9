package dev.clickupsync.infra;

import dev.clickupsync.store.ListMembership;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Wires the shared records of {@code store} to the tables {@link SyncConfig} names. {@code store}
 * takes table names as constructor arguments and reads no configuration, so that it depends on no
 * package above it (this one included: {@link Provisioner} uses {@code store.Tables}).
 */
@ApplicationScoped
public class StoreBeans {
    /** One per application: it remembers which lists it has registered (see {@link ListMembership#register}). */
    @Produces
    @Singleton
    ListMembership listMembership(DynamoDbClient dynamo, SyncConfig config) {
        return new ListMembership(dynamo, config.tables().mirror(), config.tables().control());
    }
}
