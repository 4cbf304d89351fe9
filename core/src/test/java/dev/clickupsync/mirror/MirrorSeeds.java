package dev.clickupsync.mirror;

import dev.clickupsync.store.Batches;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Instant;
import java.util.List;

/** Writes many entries at once, unconditionally, as {@link MirrorStore} lays them out: seeding large test mirrors fast. */
public final class MirrorSeeds {
    private MirrorSeeds() {
    }

    public static void seed(DynamoDbClient dynamo, String table, List<TaskSnapshot> snapshots) {
        Batches.write(dynamo, table, snapshots.stream()
                .map(s -> Batches.put(MirrorItems.item(s, s.dateUpdated(), null, Instant.EPOCH))).toList(), "seeded entries");
    }
}
