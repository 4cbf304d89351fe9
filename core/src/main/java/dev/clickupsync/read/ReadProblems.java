package dev.clickupsync.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.http.Problem;
import dev.clickupsync.json.Json;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;

/**
 * The read API's error answers: {@code application/problem+json} ({@link Problem}: a stable
 * {@code type} URN per failure), plus ClickUp's own {@code err} and {@code ECODE} members where
 * ClickUp has an equivalent, so a ClickUp client that keys on {@code ECODE} (e.g. {@code ITEM_013},
 * task not found) keeps working. Codes of our own start with {@code SYNC_}. Nothing a caller sent
 * is echoed except parameter names and ids of ClickUp's alphabet.
 */
final class ReadProblems {
    /** How many ids one problem names at most. */
    static final int MAX_NAMED = 10;

    private ReadProblems() {
    }

    static Response of(int status, String slug, String title, String detail, String ecode) {
        return of(status, slug, title, detail, ecode, Map.of());
    }

    /** With extension members: numbers a client can act on without parsing {@code detail}. */
    static Response of(int status, String slug, String title, String detail, String ecode, Map<String, Long> members) {
        Problem problem = new Problem(slug, title, status, detail);
        ObjectNode body;
        try {
            body = (ObjectNode) Json.MAPPER.readTree(problem.toJson(members));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // our own JSON
        }
        body.put("err", detail == null ? title : detail);
        body.put("ECODE", ecode);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(body.toString()).build();
    }

    /** The route does not exist (read API disabled, or the canonical prefix hidden by another). */
    static Response notFound() {
        return of(404, "not-found", "Not found", "Route not found", "APP_001");
    }

    static Response unauthorized() {
        return Response.fromResponse(of(401, "read-unauthorized", "Unauthorized",
                        "This route needs Authorization: <read token> (or Bearer <read token>).", "OAUTH_017"))
                .header("WWW-Authenticate", "Bearer realm=\"clickup-sync-read\"").build();
    }

    /** A query parameter this endpoint does not serve (or a value it cannot answer exactly). */
    static Response unsupported(String parameter, String why) {
        return of(400, "read-unsupported-parameter", "Unsupported parameter",
                "Parameter " + parameter + " is not supported by the mirror: " + why, "SYNC_READ_001");
    }

    /** An endpoint of ClickUp's the mirror cannot answer at all (its data never reaches the mirror). */
    static Response unsupportedEndpoint(String route, String why) {
        return of(400, "read-unsupported-endpoint", "Unsupported endpoint",
                route + " is not served by the mirror: " + why, "SYNC_READ_004");
    }

    static Response badParameter(String parameter, String why) {
        return of(400, "read-invalid-parameter", "Invalid parameter", "Parameter " + parameter + " " + why,
                "SYNC_READ_002");
    }

    /** A malformed id in the path or a parameter. */
    static Response invalidId(String kind) {
        return of(400, "read-invalid-id", "Invalid id", "Not a ClickUp " + kind + " id.", "SYNC_READ_003");
    }

    /** A task the mirror has never held: ClickUp may have it; the mirror does not (yet). */
    static Response taskNotMirrored(String taskId) {
        return of(404, "task-not-mirrored", "Task not in the mirror",
                "The mirror has not seen task " + taskId + " (ClickUp may have it; it is mirrored once an event or"
                        + " reconcile brings it).", "ITEM_013");
    }

    /** A task the mirror holds as deleted: ClickUp answers 404 for it too. */
    static Response taskDeleted(String taskId) {
        return of(404, "task-deleted", "Task deleted",
                "The mirror holds task " + taskId + " as deleted.", "ITEM_013");
    }

    /**
     * {@code include_markdown_description=true} asked of tasks the mirror stored without
     * {@code markdown_description} (fetched before every fetch asked for it): named, at most
     * {@link #MAX_NAMED} of them, so the client can ask for them without the parameter.
     */
    static Response markdownNotMirrored(List<String> taskIds) {
        String named = String.join(", ", taskIds.subList(0, Math.min(MAX_NAMED, taskIds.size())))
                + (taskIds.size() > MAX_NAMED ? " and " + (taskIds.size() - MAX_NAMED) + " more" : "");
        return of(409, "markdown-not-mirrored", "Markdown description not in the mirror",
                "The mirror stored task " + named + " without markdown_description (fetched before the mirror asked"
                        + " for it); its next change, a backfill or a resync brings it. Ask without include_markdown_description.",
                "SYNC_READ_007");
    }

    /**
     * A team-wide time-entry range holding more entries than {@code max} (a Lambda answer stops at
     * 6 MB, and ClickUp's endpoint has no paging): refused whole, never truncated.
     */
    static Response timeRangeTooWide(int max) {
        return of(400, "read-time-range-too-wide", "Time range too wide",
                "More than " + max + " time entries lie in this range (the limit of one answer,"
                        + " sync.read-api.time-entries.max-entries); narrow start_date/end_date and ask again.",
                "SYNC_READ_006");
    }

    /**
     * An answer whose body is over {@code sync.read-api.max-answer-bytes} ({@link AnswerBound}): the read
     * function's Lambda response cannot carry it. A {@code 500}, not a {@code 4xx}: the request is valid
     * ClickUp and often cannot be made smaller (a page is ClickUp's fixed 100 tasks, a task is as large as
     * it is), so the failure is this deployment's, and the read route's 5xx alarm ({@code ReadErrors}) is
     * what tells an operator. Not a {@code 503} and no {@code Retry-After}: asking again gets the same
     * answer until the data shrinks. Not {@code 413} (about the request's content) nor {@code 507}
     * (WebDAV's storage). The two sizes are members too, for a client that wants to split its request.
     */
    static Response answerTooLarge(long bytes, long max) {
        return of(500, "read-answer-too-large", "Answer too large",
                "The answer is " + bytes + " bytes, over this replica's limit of " + max + " for one answer"
                        + " (sync.read-api.max-answer-bytes, under AWS Lambda's 6 MB response quota); it is never sent"
                        + " truncated. Ask for less at once: fewer task_ids, without include_subtasks or"
                        + " include_markdown_description, a narrower filter, or the tasks one by one (GET /task/{id}).",
                "SYNC_READ_008", Map.of("answer_bytes", bytes, "max_answer_bytes", max));
    }

    static Response fieldsNotMirrored(String listId) {
        return of(404, "list-fields-not-mirrored", "List fields not in the mirror",
                "The mirror holds no custom-field definitions for list " + listId + " (yet).", "ITEM_015");
    }

    /** A space, folder or list the mirror does not hold (never seen, or deleted). */
    static Response membersNotMirrored(String listId) {
        return of(404, "members-not-mirrored", "Not in the mirror",
                "The mirror holds list " + listId + " but not its members yet (reconcile's hierarchy pass reads them).",
                "SYNC_READ_004");
    }

    static Response hierarchyNotMirrored(String kind, String id) {
        return of(404, kind + "-not-mirrored", "Not in the mirror",
                "The mirror holds no live " + kind + " " + id + " (never seen, or deleted).",
                "list".equals(kind) ? "ITEM_015" : "SYNC_READ_004");
    }

    /** A goal the mirror does not hold (never seen, or deleted). */
    static Response goalNotMirrored(String id) {
        return of(404, "goal-not-mirrored", "Not in the mirror",
                "The mirror holds no live goal " + id + " (never seen, or deleted).", "SYNC_READ_004");
    }
}
