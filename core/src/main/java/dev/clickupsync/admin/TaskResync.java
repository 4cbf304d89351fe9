package dev.clickupsync.admin;

import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.clickup.ClickUpException;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.metrics.StructuredLog;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.TaskSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * Re-reads one task from ClickUp and writes it to the mirror, without any webhook: for a task an
 * operator knows is stale (a lost event, a DLQ entry that was purged).
 *
 * <p>The write goes through {@link MirrorStore#upsertFetched}, so the stale-write guard applies: if the
 * mirror already holds this version or a newer one (a drain got there first), nothing changes; a
 * tombstone an earlier {@code 404} left is replaced whatever the version (the task is back, counted as
 * {@code MirrorTombstoneHealed{Source=resync}}). A task ClickUp answers {@code 404} for becomes a
 * {@code not_found} tombstone ({@link MirrorStore#notFound}), exactly as the drain treats it. ClickUp
 * errors (rate budget, kill switch, circuit breaker, auth) propagate unchanged and nothing is written.
 */
@ApplicationScoped
public class TaskResync {

    /** What the resync did to the mirror. */
    public enum Outcome {
        /** ClickUp's version was newer than the mirror's and was written. */
        APPLIED,
        /** The mirror already held this version or a newer one; left as it was. */
        UNCHANGED,
        /** ClickUp has no such task (any more): the mirror marks it deleted. */
        TOMBSTONED;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * @param snapshot what the mirror holds for the task after the resync (for {@link Outcome#UNCHANGED},
     *                 the stored version, which may be newer than the one just fetched)
     */
    public record Result(Outcome outcome, TaskSnapshot snapshot) {
    }

    private static final Logger LOG = Logger.getLogger(TaskResync.class);

    private final ClickUpClient clickUp;
    private final MirrorStore mirror;
    private final Metrics metrics;

    @Inject
    public TaskResync(ClickUpClient clickUp, MirrorStore mirror, Metrics metrics) {
        this.clickUp = clickUp;
        this.mirror = mirror;
        this.metrics = metrics;
    }

    public Result resync(String taskId) {
        Outcome outcome;
        TaskSnapshot fetched = null;
        Instant asked = mirror.beforeFetch();
        try {
            fetched = TaskSnapshot.of(clickUp.task(taskId));
            MirrorStore.Write write = mirror.upsertFetched(fetched, asked);
            if (write == MirrorStore.Write.HEALED) {
                metrics.increment("MirrorTombstoneHealed", "Source", "resync");
                StructuredLog.log(LOG, Logger.Level.INFO, "mirror tombstone healed", "task", taskId, "source", "resync");
            }
            outcome = write.written() ? Outcome.APPLIED : Outcome.UNCHANGED;
        } catch (ClickUpException.NotFound gone) {
            mirror.notFound(taskId, asked);
            outcome = Outcome.TOMBSTONED;
        }
        metrics.increment("AdminResync", "Outcome", outcome.code());
        TaskSnapshot stored = mirror.find(taskId).orElse(fetched);
        return new Result(outcome, stored);
    }
}
