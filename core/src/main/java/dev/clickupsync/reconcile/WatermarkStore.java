package dev.clickupsync.reconcile;

import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.store.BackfillRuns;
import dev.clickupsync.store.Watermarks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.List;
import java.util.Optional;

/**
 * Reconcile's watermarks, kept by {@link Watermarks} in the control table (the layout and the
 * compare-and-set on {@code version} are documented there). This class only translates between
 * {@link Watermark}, which carries what a watermark means, and the plain record {@code store} keeps,
 * so that {@code store} depends on no feature package.
 *
 * <p>{@link #save} stores {@code next} only if nobody else wrote since its previous version: a
 * concurrent run of the same scope, or a backfill rewind, makes the save fail, and the run stops
 * instead of overwriting it.
 */
@ApplicationScoped
public class WatermarkStore {
    private final Watermarks watermarks;
    private final BackfillRuns backfills;

    @Inject
    public WatermarkStore(DynamoDbClient dynamo, SyncConfig config) {
        this(dynamo, config.tables().control());
    }

    public WatermarkStore(DynamoDbClient dynamo, String table) {
        this.watermarks = new Watermarks(dynamo, table);
        this.backfills = new BackfillRuns(dynamo, table);
    }

    /** The backfill runs kept beside the watermarks (same table and partition, see {@link BackfillRuns}). */
    public BackfillRuns backfills() {
        return backfills;
    }

    public Optional<Watermark> load(String teamId, String scopeKey) {
        return watermarks.load(teamId, scopeKey).map(WatermarkStore::fromStored);
    }

    /** Every workspace a watermark was ever stored for (one {@code Query}, see {@link Watermarks}). */
    public List<String> workspaces() {
        return watermarks.workspaces();
    }

    /** Every watermark of the workspace (all scopes and passes). */
    public List<Watermark> forTeam(String teamId) {
        return watermarks.forTeam(teamId).stream().map(WatermarkStore::fromStored).toList();
    }

    /**
     * Stores {@code next} if the stored version is still {@code next.version() - 1} (absent for 0).
     *
     * @return false when someone else wrote in between (nothing was written)
     */
    public boolean save(Watermark next) {
        return watermarks.save(new Watermarks.Stored(next.teamId(), next.scopeKey(), next.highWaterMillis(),
                next.cursor().millis(), next.cursor().ids(), next.inProgress(), next.backfill(), next.version(),
                next.updatedAt()));
    }

    private static Watermark fromStored(Watermarks.Stored s) {
        return new Watermark(s.teamId(), s.scopeKey(), s.highWaterMillis(), new KeysetCursor(s.cursorMillis(), s.cursorIds()),
                s.inProgress(), s.backfill(), s.version(), s.updatedAt());
    }
}
