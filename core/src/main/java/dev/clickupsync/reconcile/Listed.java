package dev.clickupsync.reconcile;

import dev.clickupsync.clickup.model.ClickUpTask;
import dev.clickupsync.mirror.MirrorStore;

import java.time.Instant;
import java.util.List;

/**
 * One page of a listing and when it was asked for ({@link MirrorStore#beforeFetch()}): a listing
 * is ClickUp's answer that these tasks exist, so it heals a tombstone a 404 left before that
 * instant (the mirror's rule 5).
 */
record Listed(List<ClickUpTask> tasks, Instant askedAt) {
    static Listed next(PagedReader reader, MirrorStore mirror) {
        Instant asked = mirror.beforeFetch();
        return new Listed(reader.next(), asked);
    }
}
