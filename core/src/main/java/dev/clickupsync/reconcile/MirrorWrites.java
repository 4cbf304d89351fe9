package dev.clickupsync.reconcile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.clickup.model.ClickUpTask;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.metrics.StructuredLog;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.TaskSnapshot;
import dev.clickupsync.store.ListMembership;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reconcile's writes into the mirror, shared by the walk and the sweep. A listed task is written
 * only when it is {@linkplain #wanted wanted}: newer than the stored entry, or it heals a 404's
 * tombstone written before the listing was asked for (rule 5 of {@link MirrorStore}). Every write
 * is the mirror's guarded conditional put, so an older version never wins and the order of
 * concurrent writes does not matter; a lost race is counted ({@code MirrorStaleWrite}), not an error.
 */
final class MirrorWrites {
    private static final Logger LOG = Logger.getLogger(Reconciler.class);
    /** Concurrent conditional writes per page (see {@link #write}); the threads are daemons, shared by runs. */
    private static final int WRITE_CONCURRENCY = 8;
    private static final ExecutorService WRITERS = Executors.newFixedThreadPool(WRITE_CONCURRENCY, runnable -> {
        Thread thread = new Thread(runnable, "reconcile-writer");
        thread.setDaemon(true);
        return thread;
    });

    private final MirrorStore mirror;
    private final ListMembership membership;
    private final Metrics metrics;

    MirrorWrites(MirrorStore mirror, ListMembership membership, Metrics metrics) {
        this.mirror = mirror;
        this.membership = membership;
        this.metrics = metrics;
    }

    /**
     * Writes what is newer than the mirror, and what heals a tombstone a 404 left before the listing
     * was asked for ({@code askedAt}); records membership. Returns how many were written.
     * One batch read decides which tasks are newer, then their conditional writes run
     * {@link #WRITE_CONCURRENCY} at a time: written one after another, a page of 100 tasks took
     * longer than a budget slot at full share (measured by the bench's backfill), so the walk was
     * bound by its own writes instead of by ClickUp's limit. Each write stays a conditional put, so
     * their order does not matter.
     */
    int write(List<ClickUpTask> tasks, Instant askedAt) {
        List<TaskSnapshot> snapshots = tasks.stream().map(TaskSnapshot::of).toList();
        Map<String, MirrorStore.Entry> stored = mirror.findEntries(snapshots.stream().map(TaskSnapshot::id).toList());
        List<TaskSnapshot> newer = snapshots.stream()
                .filter(snapshot -> !stored.containsKey(snapshot.id()) || wanted(snapshot, stored.get(snapshot.id()), askedAt))
                .map(snapshot -> withStoredAttachments(snapshot, stored.get(snapshot.id())))
                .toList();
        int written = writeAll(newer, askedAt);
        membership.record(TaskSnapshot.placements(snapshots));
        return written;
    }

    private int writeAll(List<TaskSnapshot> snapshots, Instant askedAt) {
        if (snapshots.size() <= 1) {
            return (int) snapshots.stream().filter(snapshot -> apply(snapshot, askedAt)).count();
        }
        List<Future<Boolean>> writes = snapshots.stream()
                .map(snapshot -> WRITERS.submit(() -> apply(snapshot, askedAt))).toList();
        int written = 0;
        RuntimeException failure = null;
        for (Future<Boolean> write : writes) {
            try {
                if (write.get()) {
                    written++;
                }
            } catch (ExecutionException e) {
                // Wait for every write before failing, so none is still running when the walk stops.
                RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing the mirror", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return written;
    }

    /**
     * The guarded write, skipped when the mirror already holds this version as fetched (one read
     * instead of a failing conditional write: cheaper, and most re-listed tasks are current).
     */
    boolean applyIfNewer(TaskSnapshot snapshot, Instant askedAt) {
        Optional<MirrorStore.Entry> stored = mirror.findEntry(snapshot.id());
        return (stored.isEmpty() || wanted(snapshot, stored.get(), askedAt))
                && apply(withStoredAttachments(snapshot, stored.orElse(null)), askedAt);
    }

    /**
     * ClickUp's task listings leave out {@code attachments} (the only member of {@code GET /task}'s
     * object they lack), and a listing cannot say whether they changed. Attachment changes come as
     * webhook events, which the drain answers with a fetch, so the stored full JSON's attachments
     * are the latest known: a listed task keeps them. With none stored (a task only ever listed),
     * the JSON stays without {@code attachments}, and the read API serves it so (docs/read-api.md).
     */
    static TaskSnapshot withStoredAttachments(TaskSnapshot listed, MirrorStore.Entry stored) {
        if (listed.json() == null || listed.json().has("attachments") || stored == null
                || stored.snapshot().json() == null || !stored.snapshot().json().has("attachments")) {
            return listed;
        }
        ObjectNode json = listed.json().deepCopy();
        json.set("attachments", stored.snapshot().json().get("attachments").deepCopy());
        return listed.withJson(json);
    }

    /** The guarded write of a snapshot found wanted; a lost race is counted, not an error. */
    private boolean apply(TaskSnapshot snapshot, Instant askedAt) {
        MirrorStore.Write write = mirror.upsertFetched(snapshot, askedAt);
        if (write == MirrorStore.Write.HEALED) {
            metrics.increment("MirrorTombstoneHealed", "Source", "reconcile");
            StructuredLog.log(LOG, Logger.Level.INFO, "mirror tombstone healed", "task", snapshot.id(),
                    "source", "reconcile");
        }
        if (write.written()) {
            return true;
        }
        metrics.increment("MirrorStaleWrite");
        return false;
    }

    /** Worth a write: newer than the stored entry, or it heals the 404's tombstone stored (rule 5 of {@link MirrorStore}). */
    static boolean wanted(TaskSnapshot fetched, MirrorStore.Entry stored, Instant askedAt) {
        return newer(fetched, stored) || stored.healableBy(askedAt);
    }

    /**
     * A fetched snapshot beats a stored one that is older, or as old but only verified through an earlier
     * version, or as old and live but without the {@code markdown_description} the listing has (stored before
     * fetches asked for it: a backfill brings it).
     */
    static boolean newer(TaskSnapshot fetched, MirrorStore.Entry stored) {
        Instant storedVersion = stored.snapshot().dateUpdated();
        if (storedVersion == null || storedVersion.isBefore(fetched.dateUpdated())) {
            return true;
        }
        if (!storedVersion.equals(fetched.dateUpdated())) {
            return false;
        }
        boolean betterVerified = stored.verifiedThrough() != null && stored.verifiedThrough().isBefore(fetched.dateUpdated());
        boolean bringsMarkdown = !stored.snapshot().deleted() && fetched.json() != null && !fetched.lacksMarkdown()
                && stored.snapshot().lacksMarkdown();
        return betterVerified || bringsMarkdown;
    }
}
