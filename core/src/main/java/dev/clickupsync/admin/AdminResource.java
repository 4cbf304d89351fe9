package dev.clickupsync.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.clickup.ClickUpException;
import dev.clickupsync.clickup.ClickUpFailure;
import dev.clickupsync.clickup.ClickUpFailures;
import dev.clickupsync.json.Json;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.metrics.StructuredLog;
import dev.clickupsync.query.MirrorReindex;
import dev.clickupsync.workspace.Workspace;
import dev.clickupsync.workspace.Workspaces;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The operator API, served by the local run and the ingest function (see {@code docs/admin.md}).
 * Every route but the status is a {@code POST} and answers JSON; errors are {@code application/problem+json}.
 *
 * <ul>
 *   <li>{@code POST /admin/dlq/redrive?event=&entity_id=&reason=&max=}: {@link DeadLetterRedrive};
 *       {@code 200} with the counts;</li>
 *   <li>{@code POST /admin/tasks/{taskId}/resync?workspace=}: {@link TaskResync}, through the workspace
 *       that owns the task; {@code 200} with the outcome, the workspace and the mirror's snapshot; an
 *       unknown workspace is {@code 400} ({@code unknown_workspace});</li>
 *   <li>{@code POST /admin/backfill?team_id=&workspace=&from=}: {@link BackfillTrigger}, for the team given or
 *       the named workspace's; {@code 202}, or {@code 501} while no bean implements it;</li>
 *   <li>{@code GET /admin/status?team_id=}: {@link PipelineStatus}; {@code 200} with the document
 *       (a section that failed carries its error), or {@code 501} while no bean implements it.</li>
 * </ul>
 * Before anything else: disabled ({@code sync.admin.enabled=false}) is {@code 404} as if the route
 * did not exist; with {@code sync.admin.token} set, a missing or wrong token ({@code Authorization: Bearer}
 * or {@code X-Admin-Token}) is {@code 401}.
 * Each request logs one structured line ({@code admin operation} or {@code admin request rejected}).
 */
@Tag(name = "admin")
@SecurityRequirement(name = "adminBearer")
@SecurityRequirement(name = "adminToken")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "404", ref = "NotFound")
@APIResponse(responseCode = "503", ref = "Unavailable")
@Path("/admin")
public class AdminResource {
    private static final Logger LOG = Logger.getLogger(AdminResource.class);

    static final long REINDEX_STEP_SECONDS = 20;

    @Inject
    AdminAccess access;
    @Inject
    AdminConfig config;
    @Inject
    DeadLetterRedrive redrive;
    @Inject
    TaskResync resync;
    @Inject
    Instance<BackfillTrigger> backfills;
    @Inject
    MirrorReindex reindex;
    @Inject
    Instance<PipelineStatus> statuses;
    @Inject
    Metrics metrics;
    @Inject
    Workspaces workspaces;

    @Operation(summary = "Redrive dead-lettered events",
            description = "Moves DLQ messages matching the filters back to the events queue,"
                    + " at most max (sync.admin.redrive.max-messages).")
    @APIResponse(responseCode = "200", description = "Counts of what was scanned, redriven, skipped and failed")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @POST
    @Path("/dlq/redrive")
    public Response redrive(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                            @HeaderParam(AdminAccess.TOKEN_HEADER) String adminToken,
                            @QueryParam("event") String event,
                            @QueryParam("entity_id") String entityId,
                            @QueryParam("reason") String reason,
                            @QueryParam("max") String max) {
        return guarded("dlq_redrive", authorization, adminToken, () -> {
            DeadLetterRedrive.Filter filter = new DeadLetterRedrive.Filter(
                    AdminParams.optional("event", event), AdminParams.optional("entity_id", entityId), AdminParams.optional("reason", reason));
            int limit = maxMessages(max);
            DeadLetterRedrive.Result result = redrive.redrive(filter, limit);
            StructuredLog.log(LOG, Logger.Level.INFO, "admin operation", "operation", "dlq_redrive", "status", 200,
                    "event", orDash(filter.event()), "entity_id", orDash(filter.entityId()),
                    "reason", orDash(filter.failureReason()), "max", limit, "scanned", result.scanned(),
                    "redriven", result.redriven(), "skipped", result.skipped(), "failed", result.failed(),
                    "stop", result.stop().code());
            ObjectNode body = Json.MAPPER.createObjectNode();
            body.put("scanned", result.scanned());
            body.put("redriven", result.redriven());
            body.put("skipped", result.skipped());
            body.put("failed", result.failed());
            body.put("complete", result.complete());
            body.put("stopped_by", result.stop().code());
            body.put("max", limit);
            ObjectNode applied = body.putObject("filter");
            applied.put("event", filter.event());
            applied.put("entity_id", filter.entityId());
            applied.put("reason", filter.failureReason());
            return json(200, body);
        });
    }

    @Operation(summary = "Re-read one task from ClickUp into the mirror",
            description = "Through the workspace that owns the task: workspace if given, else the mirrored task's,"
                    + " else the default one.")
    @APIResponse(responseCode = "200", description = "The outcome, the workspace and the mirror's snapshot")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @POST
    @Path("/tasks/{taskId}/resync")
    public Response resync(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @HeaderParam(AdminAccess.TOKEN_HEADER) String adminToken,
                           @PathParam("taskId") String taskId,
                           @QueryParam("workspace") String workspace) {
        return guarded("task_resync", authorization, adminToken, () -> {
            String id = AdminParams.required("taskId", taskId);
            if (!dev.clickupsync.clickup.ClickUpIds.isValid(id)) {
                throw new AdminParams.BadRequest("taskId is not a ClickUp task id (letters, digits, - and _).");
            }
            TaskResync.Result result = resync.resync(id, AdminParams.optional("workspace", workspace));
            StructuredLog.log(LOG, Logger.Level.INFO, "admin operation", "operation", "task_resync", "status", 200,
                    "task", id, "workspace", result.workspace(), "outcome", result.outcome().code());
            ObjectNode body = Json.MAPPER.createObjectNode();
            body.put("task_id", id);
            body.put("workspace", result.workspace());
            body.put("outcome", result.outcome().code());
            body.set("snapshot", Json.MAPPER.valueToTree(result.snapshot()));
            return json(200, body);
        });
    }

    @Operation(summary = "Start a backfill of a workspace",
            description = "Mirrors every task of team_id (or of the named workspace's team) updated since from"
                    + " (ISO-8601 instant); runs in the background.")
    @APIResponse(responseCode = "202", description = "Started", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "accepted", ref = "backfillAccepted")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "501", description = "No backfill implementation in this build")
    @POST
    @Path("/backfill")
    public Response backfill(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                             @HeaderParam(AdminAccess.TOKEN_HEADER) String adminToken,
                             @QueryParam("team_id") String teamId,
                             @QueryParam("workspace") String workspace,
                             @QueryParam("from") String from) {
        return guarded("backfill", authorization, adminToken, () -> {
            String team = backfillTeam(AdminParams.optional("team_id", teamId), AdminParams.optional("workspace", workspace));
            Instant since = AdminParams.instant("from", from);
            if (backfills.isUnsatisfied()) {
                metrics.increment("AdminBackfill", "Outcome", "not_implemented");
                StructuredLog.log(LOG, Logger.Level.WARN, "admin operation", "operation", "backfill", "status", 501,
                        "team", team, "from", since);
                return problem(501, "backfill-not-available", "Backfill not available",
                        "This version has no backfill implementation yet.");
            }
            backfills.get().backfill(team, since);
            metrics.increment("AdminBackfill", "Outcome", "accepted");
            StructuredLog.log(LOG, Logger.Level.INFO, "admin operation", "operation", "backfill", "status", 202,
                    "team", team, "from", since);
            ObjectNode body = Json.MAPPER.createObjectNode();
            body.put("status", "accepted");
            body.put("team_id", team);
            body.put("from", since.toString());
            return json(202, body);
        });
    }

    /**
     * One step of {@link MirrorReindex}: about {@value #REINDEX_STEP_SECONDS} s of scanning, well
     * inside the HTTP API's 30 s; call again with the answered cursor until {@code complete}.
     * Idempotent, so a lost answer is repeated from the previous cursor. A cursor no step answered is
     * {@code 400}; failures are answered as every operation's are.
     */
    @Operation(summary = "Rebuild the query indexes, one step",
            description = "Call again with the answered cursor until complete is true.")
    @APIResponse(responseCode = "200", description = "Scanned and indexed counts, complete and the next cursor")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @POST
    @Path("/reindex")
    public Response reindex(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                            @HeaderParam(AdminAccess.TOKEN_HEADER) String adminToken,
                            @QueryParam("cursor") String cursor) {
        return guarded("reindex", authorization, adminToken, () -> {
            MirrorReindex.Step step;
            try {
                step = reindex.step(cursor, Duration.ofSeconds(REINDEX_STEP_SECONDS));
            } catch (IllegalArgumentException e) {
                throw new AdminParams.BadRequest(e.getMessage());
            }
            StructuredLog.log(LOG, Logger.Level.INFO, "admin operation", "operation", "reindex", "status", 200,
                    "scanned", step.scanned(), "indexed", step.indexed(), "complete", step.complete());
            ObjectNode body = Json.MAPPER.createObjectNode();
            body.put("scanned", step.scanned());
            body.put("indexed", step.indexed());
            body.put("complete", step.complete());
            body.put("cursor", step.cursor());
            return json(200, body);
        });
    }

    /** The pipeline's state; cheap (a few reads, no scans), so safe to poll. */
    @Operation(summary = "The pipeline's state",
            description = "Queues, DLQs, circuit breaker, rate budget, webhooks, reconcile, backfill progress,"
                    + " recent failures; cheap enough to poll. Every field: docs/admin.md.")
    @APIResponse(responseCode = "200", description = "The status document")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "501", description = "No status implementation in this build")
    @GET
    @Path("/status")
    public Response status(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @HeaderParam(AdminAccess.TOKEN_HEADER) String adminToken,
                           @QueryParam("team_id") String teamId) {
        return guarded("status", authorization, adminToken, () -> {
            String team = AdminParams.optional("team_id", teamId);
            if (statuses.isUnsatisfied()) {
                return problem(501, "status-not-available", "Status not available",
                        "This build has no pipeline status implementation.");
            }
            ObjectNode body = statuses.get().status(team);
            // DEBUG, not INFO: operators and consoles poll this route every few seconds.
            StructuredLog.log(LOG, Logger.Level.DEBUG, "admin operation", "operation", "status", "status", 200,
                    "team", orDash(team));
            return json(200, body);
        });
    }

    /**
     * The team a backfill rewinds: {@code team_id}, or the named workspace's team (which {@code team_id}, if
     * also given, must be); its scopes are that workspace's ({@code reconcile.TeamScopes}).
     */
    private String backfillTeam(String teamId, String workspace) {
        if (workspace == null) {
            return AdminParams.required("team_id", teamId);
        }
        Workspace named = workspaces.named(workspace).orElseThrow(() -> UnknownWorkspace.named(workspace, workspaces));
        String team = named.teamId().orElseThrow(() -> new AdminParams.BadRequest("Workspace '" + workspace
                + "' has no team id configured (the default's is sync.webhook-lifecycle.team-id): give team_id."));
        if (teamId != null && !teamId.equals(team)) {
            throw new UnknownWorkspace("team_id " + teamId + " is not the team of workspace '" + workspace + "' (" + team + ").");
        }
        return team;
    }

    /** Access check, then the operation, with every failure answered as problem+json. */
    private Response guarded(String operation, String authorization, String adminToken, Supplier<Response> action) {
        return AdminResponses.refusal(access, metrics, operation, authorization, adminToken)
                .orElseGet(() -> answered(operation, action));
    }

    /** The operation, with every failure answered as problem+json. */
    private Response answered(String operation, Supplier<Response> action) {
        try {
            return action.get();
        } catch (AdminParams.BadRequest e) {
            return failed(operation, 400, "admin-bad-request", "Bad request", e.getMessage(), "bad_request", null);
        } catch (UnknownWorkspace e) {
            return failed(operation, 400, "unknown-workspace", "Unknown workspace", e.getMessage(), "unknown_workspace", null);
        } catch (IllegalArgumentException e) {
            // An operation (e.g. a backfill trigger) refusing the request as given.
            return failed(operation, 400, "admin-bad-request", "Bad request", e.getMessage(), "rejected", null);
        } catch (RuntimeException e) {
            return failure(operation, e);
        }
    }

    /** ClickUp's, the budget's or AWS's failure as problem+json; the reason is {@link ClickUpFailures}'. */
    private Response failure(String operation, RuntimeException e) {
        ClickUpFailure failure = ClickUpFailures.classify(e);
        String reason = failure.reason();
        switch (reason) {
            case ClickUpFailures.BUDGET:
                return failed(operation, 503, "clickup-budget-exhausted", "ClickUp request budget spent",
                        "The shared ClickUp rate budget has no slot soon enough. Retry later.", reason,
                        Math.max(1, (failure.delayOr(Duration.ZERO).toMillis() + 999) / 1000));
            case ClickUpFailures.NOT_CONFIGURED:
                return failed(operation, 503, "workspace-token-unset", "Workspace token not configured",
                        e.getMessage(), reason, null);
            case ClickUpFailures.DISABLED:
                return failed(operation, 503, "clickup-disabled", "ClickUp calls disabled",
                        "ClickUp calls are switched off (clickup.enabled=false).", reason, null);
            case ClickUpFailures.CIRCUIT_OPEN:
                return failed(operation, 503, "clickup-circuit-open", "ClickUp circuit open",
                        "ClickUp failed repeatedly; calls are paused. Retry later.", reason, 10L);
            case ClickUpFailures.TIMEOUT, ClickUpFailures.UNREACHABLE:
                return failed(operation, 504, "clickup-unreachable", "ClickUp unreachable",
                        "ClickUp did not answer in time.", reason, null);
            case ClickUpFailures.AWS_UNAVAILABLE:
                return failed(operation, 503, "aws-unavailable", "Queue or table unavailable",
                        "SQS or DynamoDB did not answer. Retry later.", reason, 5L);
            default:
                break;
        }
        Optional<ClickUpException> answer = clickUpAnswer(e);
        if (answer.isPresent()) {
            return failed(operation, 502, "clickup-error", "ClickUp error",
                    "ClickUp answered " + answer.get().status() + " (" + reason + ").", reason, null);
        }
        LOG.errorf(e, "admin operation failed operation=%s", operation);
        return failed(operation, 500, "admin-internal-error", "Internal error",
                "The operation failed; see the logs.", reason, null);
    }

    private static Optional<ClickUpException> clickUpAnswer(Throwable e) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
            if (t instanceof ClickUpException answer) {
                return Optional.of(answer);
            }
        }
        return Optional.empty();
    }

    private Response failed(String operation, int status, String slug, String title, String detail, String reason,
                            Long retryAfterSeconds) {
        metrics.increment("AdminFailed", "Operation", operation, "Reason", reason);
        StructuredLog.log(LOG, status >= 500 ? Logger.Level.ERROR : Logger.Level.WARN, "admin operation",
                "operation", operation, "status", status, "reason", reason);
        Response response = problem(status, slug, title, detail);
        return retryAfterSeconds == null ? response
                : Response.fromResponse(response).header("Retry-After", Long.toString(retryAfterSeconds)).build();
    }

    private int maxMessages(String max) {
        try {
            return DeadLetterResource.limit(max, config.redrive().maxMessages());
        } catch (IllegalArgumentException e) {
            throw new AdminParams.BadRequest(e.getMessage());
        }
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }

    private static Response json(int status, ObjectNode body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body.toString()).build();
    }

    private static Response problem(int status, String slug, String title, String detail) {
        return AdminResponses.problem(status, slug, title, detail);
    }
}
