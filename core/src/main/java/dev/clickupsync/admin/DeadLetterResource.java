package dev.clickupsync.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.json.Json;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.metrics.StructuredLog;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.Locale;
import java.util.Optional;

/**
 * {@code GET /admin/dlq/messages?queue=events|commands&max=N}: what the dead-letter queues hold, with each
 * message's {@code failure_reason} and {@code failure_detail}, through {@link DeadLetterPeek} (receive, then
 * release: nothing is deleted). Same access rules as every admin route ({@link AdminResponses#refusal}).
 * Its own path, beside {@code POST /admin/dlq/redrive} on {@link AdminResource}, so neither class's
 * path is a prefix the other's routes would be matched under.
 */
@Tag(name = "admin")
@SecurityRequirement(name = "adminBearer")
@SecurityRequirement(name = "adminToken")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "404", ref = "NotFound")
@APIResponse(responseCode = "503", ref = "Unavailable")
@Path("/admin/dlq/messages")
public class DeadLetterResource {
    private static final Logger LOG = Logger.getLogger(DeadLetterResource.class);
    private static final String OPERATION = "dlq_list";

    @Inject
    AdminAccess access;
    @Inject
    AdminConfig config;
    @Inject
    DeadLetterPeek peek;
    @Inject
    Metrics metrics;

    @Operation(summary = "List dead-lettered events or commands",
            description = "Receives up to max messages of the DLQ and releases them at once (visibility 0); never"
                    + " deletes. Each listing adds one to the listed messages' receive counts. Bodies are not shown.")
    @APIResponse(responseCode = "200", description = "The messages' ids, sent time, receive count and attributes")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @GET
    public Response list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                         @HeaderParam(AdminAccess.TOKEN_HEADER) String adminToken,
                         @QueryParam("queue") String queueName,
                         @QueryParam("max") String max) {
        Optional<Response> refused = AdminResponses.refusal(access, metrics, OPERATION, authorization, adminToken);
        if (refused.isPresent()) {
            return refused.get();
        }
        DeadLetterPeek.Queue queue;
        int limit;
        try {
            queue = queue(queueName);
            limit = limit(max, config.dlqList().maxMessages());
        } catch (IllegalArgumentException e) {
            return failed(400, "admin-bad-request", "Bad request", e.getMessage(), "bad_request");
        }
        Optional<String> url = peek.url(queue);
        if (url.isEmpty()) {
            return failed(503, "commands-unavailable", "Commands unavailable",
                    "No commands queue is configured for this deployment.", "not_configured");
        }
        DeadLetterPeek.Listing listing;
        try {
            listing = peek.peek(queue, url.get(), limit);
        } catch (SdkException e) {
            return Response.fromResponse(failed(503, "aws-unavailable", "Queue or table unavailable",
                    "SQS did not answer. Retry later.", "aws_unavailable")).header("Retry-After", "5").build();
        }
        StructuredLog.log(LOG, Logger.Level.INFO, "admin operation", "operation", OPERATION, "status", 200,
                "queue", queue.code(), "max", limit, "listed", listing.messages().size(), "complete", listing.complete());
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("queue", queue.code());
        body.put("max", limit);
        body.put("complete", listing.complete());
        ArrayNode messages = body.putArray("messages");
        for (DeadLetterPeek.Entry entry : listing.messages()) {
            ObjectNode message = messages.addObject();
            message.put("message_id", entry.messageId());
            message.put("sent_at", entry.sentAt() == null ? null : entry.sentAt().toString());
            message.put("receive_count", entry.receiveCount());
            entry.attributes().forEach(message::put);
        }
        return Response.ok(body.toString(), MediaType.APPLICATION_JSON).build();
    }

    private static DeadLetterPeek.Queue queue(String name) {
        if (name == null || name.isBlank() || name.equals("events")) {
            return DeadLetterPeek.Queue.EVENTS;
        }
        if (name.equals("commands")) {
            return DeadLetterPeek.Queue.COMMANDS;
        }
        throw new IllegalArgumentException("queue must be events or commands.");
    }

    /** {@code max} as asked, never above the configured ceiling (its default). */
    static int limit(String max, int ceiling) {
        if (max == null || max.isBlank()) {
            return ceiling;
        }
        try {
            int requested = Integer.parseInt(max.trim());
            if (requested < 1) {
                throw new IllegalArgumentException("max must be at least 1.");
            }
            return Math.min(requested, ceiling);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("max must be a whole number.");
        }
    }

    private Response failed(int status, String slug, String title, String detail, String reason) {
        metrics.increment("AdminFailed", "Operation", OPERATION, "Reason", reason);
        StructuredLog.log(LOG, status >= 500 ? Logger.Level.ERROR : Logger.Level.WARN, "admin operation",
                "operation", OPERATION, "status", status, "reason", reason.toLowerCase(Locale.ROOT));
        return AdminResponses.problem(status, slug, title, detail);
    }
}
