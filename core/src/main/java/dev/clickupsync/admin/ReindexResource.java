package dev.clickupsync.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.clickup.ClickUpFailures;
import dev.clickupsync.json.Json;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.metrics.StructuredLog;
import dev.clickupsync.query.MirrorReindex;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * {@code POST /admin/reindex?cursor=}: one step of {@link MirrorReindex} (about
 * {@value #BUDGET_SECONDS} s of scanning, well inside the HTTP API's 30 s), answering
 * {@code {"scanned", "indexed", "complete", "cursor"}}; call again with the cursor until
 * {@code complete}. Idempotent, so a lost answer is repeated from the previous cursor. Same access
 * rules as {@link AdminResource}; a cursor no step answered is {@code 400}, DynamoDB failing is
 * {@code 503} with reason {@code aws_unavailable} (metric {@code AdminFailed{Operation,Reason}}).
 */
@Path("/admin/reindex")
public class ReindexResource {
    static final long BUDGET_SECONDS = 20;
    private static final Logger LOG = Logger.getLogger(ReindexResource.class);

    @Inject
    AdminAccess access;
    @Inject
    MirrorReindex reindex;
    @Inject
    Metrics metrics;

    @POST
    public Response step(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                         @HeaderParam(AdminAccess.TOKEN_HEADER) String adminToken,
                         @QueryParam("cursor") String cursor) {
        return AdminResponses.refusal(access, metrics, "reindex", authorization, adminToken).orElseGet(() -> {
            MirrorReindex.Step step;
            try {
                step = reindex.step(cursor, Duration.ofSeconds(BUDGET_SECONDS));
            } catch (IllegalArgumentException e) {
                StructuredLog.log(LOG, Logger.Level.WARN, "admin operation", "operation", "reindex", "status", 400,
                        "reason", "bad_request");
                return AdminResponses.problem(400, "admin-bad-request", "Bad request", e.getMessage());
            } catch (RuntimeException e) {
                String reason = ClickUpFailures.reason(e);
                metrics.increment("AdminFailed", "Operation", "reindex", "Reason", reason);
                StructuredLog.log(LOG, Logger.Level.WARN, "admin operation", "operation", "reindex", "status", 503,
                        "reason", reason);
                return AdminResponses.problem(503, "aws-unavailable", "Table unavailable",
                        "The mirror table did not answer (" + reason + "). Retry from the same cursor.");
            }
            StructuredLog.log(LOG, Logger.Level.INFO, "admin operation", "operation", "reindex", "status", 200,
                    "scanned", step.scanned(), "indexed", step.indexed(), "complete", step.complete());
            ObjectNode body = Json.MAPPER.createObjectNode();
            body.put("scanned", step.scanned());
            body.put("indexed", step.indexed());
            body.put("complete", step.complete());
            body.put("cursor", step.cursor());
            return Response.ok(body.toString(), MediaType.APPLICATION_JSON).build();
        });
    }
}
