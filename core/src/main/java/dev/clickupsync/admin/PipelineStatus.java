package dev.clickupsync.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The pipeline's state as one JSON document, for {@code GET /admin/status}. The one bean
 * implementing it lives in the {@code status} feature, which reads queues, tables and in-process
 * state of every other feature (reconcile among them, which depends on this package: so the route
 * sees only this interface). While no bean implements it the route answers {@code 501}.
 *
 * <p>Implementations compute each section independently: a failing AWS call turns its own section
 * into {@code {"error": "<reason>"}} and never fails the document.
 */
public interface PipelineStatus {
    /**
     * @param teamId a workspace to report reconcile and backfill for in addition to the known ones, or null
     */
    ObjectNode status(String teamId);
}
