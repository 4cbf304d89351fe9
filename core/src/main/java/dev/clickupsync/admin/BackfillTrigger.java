package dev.clickupsync.admin;

import java.time.Instant;

/**
 * Starts a backfill: bring the mirror up to date with every task of a workspace changed since
 * {@code from}. {@code POST /admin/backfill} calls the one bean implementing this (provided by the
 * reconcile feature); while there is none, the route answers {@code 501}.
 *
 * <p>Implementations should return quickly (the admin route answers {@code 202 Accepted} once this
 * returns; on AWS the request runs inside the ingest function's timeout), e.g. by recording the
 * window for the scheduled reconcile or enqueuing the work, and throw
 * {@link IllegalArgumentException} for a request they cannot accept (unknown team, window too long),
 * which the route answers with {@code 400}.
 */
public interface BackfillTrigger {
    void backfill(String teamId, Instant from);
}
