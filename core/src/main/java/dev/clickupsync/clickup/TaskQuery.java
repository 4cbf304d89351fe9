package dev.clickupsync.clickup;

import java.time.Instant;
import java.util.List;

/**
 * Filters for {@code GET /list/{id}/task} and {@code GET /team/{id}/task}. Null means "ClickUp's
 * default"; note ClickUp's defaults exclude closed tasks and subtasks.
 *
 * @param orderBy {@code created} (ClickUp's default), {@code updated}, {@code id} or {@code due_date}
 */
public record TaskQuery(
        Instant dateUpdatedGt,
        Instant dateUpdatedLt,
        Boolean includeClosed,
        Boolean subtasks,
        Boolean archived,
        String orderBy,
        Boolean reverse,
        List<String> spaceIds,
        List<String> listIds,
        List<String> statuses) {

    /** Everything, oldest update first: what reconcile and backfill walk. */
    public static TaskQuery updatedSince(Instant since) {
        return new TaskQuery(since, null, true, true, null, "updated", true, null, null, null);
    }

    public static TaskQuery defaults() {
        return new TaskQuery(null, null, null, null, null, null, null, null, null, null);
    }

    Long dateUpdatedGtMillis() {
        return dateUpdatedGt == null ? null : dateUpdatedGt.toEpochMilli();
    }

    Long dateUpdatedLtMillis() {
        return dateUpdatedLt == null ? null : dateUpdatedLt.toEpochMilli();
    }
}
