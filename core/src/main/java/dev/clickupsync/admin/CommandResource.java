package dev.clickupsync.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.command.Command;
import dev.clickupsync.command.CommandJson;
import dev.clickupsync.command.CommandOutcomes;
import dev.clickupsync.command.CommandQueue;
import dev.clickupsync.command.CommandTooLargeException;
import dev.clickupsync.command.CommandValidator;
import dev.clickupsync.command.CommandsUnavailableException;
import dev.clickupsync.command.InvalidCommandException;
import dev.clickupsync.json.Json;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.metrics.StructuredLog;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
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
import software.amazon.awssdk.core.exception.SdkException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Commands through the admin API (same access rules as {@link AdminResource}: {@code 404} while the
 * admin API is disabled, {@code 401} without the admin token when one is configured):
 * <ul>
 *   <li>{@code POST /admin/commands} with a command as JSON ({@link Command}): validated, recorded and
 *       queued; {@code 202} with {@code command_id}, the {@code workspace} whose token will execute it
 *       ({@link dev.clickupsync.command.CommandWorkspaces}), {@code status: queued}, the SQS message id and
 *       where to read the outcome. {@code 400} problem+json naming the field for a malformed command or a
 *       {@code workspace} this deployment does not have (nothing is queued); {@code 413} ({@code command-too-large}, with {@code size_bytes} and {@code limit_bytes})
 *       for a command whose message the commands queue would refuse (nothing is recorded or queued);
 *       {@code 503} when no commands queue is configured or SQS/DynamoDB do not answer (no record is left
 *       for a command that was not queued: retry with the same id);</li>
 *   <li>{@code GET /admin/commands/{id}}: the recorded {@link dev.clickupsync.command.CommandOutcome}
 *       ({@code 200}), {@code 404} for an id never submitted;</li>
 *   <li>{@code GET /admin/commands?limit=N}: the last N submitted (newest first, at most
 *       {@value #MAX_RECENT}, default {@value #DEFAULT_RECENT}) with their outcomes
 *       ({@link CommandOutcomes#recent}: one Query and one BatchGetItem, no scan).</li>
 * </ul>
 */
@Tag(name = "commands")
@SecurityRequirement(name = "adminBearer")
@SecurityRequirement(name = "adminToken")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "404", ref = "NotFound")
@APIResponse(responseCode = "503", ref = "Unavailable")
@Path("/admin/commands")
public class CommandResource {
    private static final Logger LOG = Logger.getLogger(CommandResource.class);
    static final int DEFAULT_RECENT = 20;
    /** One BatchGetItem's worth of records. */
    static final int MAX_RECENT = 100;

    @Inject
    AdminAccess access;
    @Inject
    CommandQueue commands;
    @Inject
    CommandOutcomes outcomes;
    @Inject
    Metrics metrics;

    @Operation(summary = "Queue a write into ClickUp",
            description = "create_task, update_task or comment; command_id is the idempotency key."
                    + " See docs/admin.md#commands-writing-into-clickup.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.OBJECT),
            examples = @ExampleObject(name = "updateTask", ref = "updateTaskCommand")))
    @APIResponse(responseCode = "202", description = "Recorded and queued; Location is where its outcome is read",
            content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "queued", ref = "commandQueued")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "413", description = "Larger than the commands queue accepts (size_bytes, limit_bytes)")
    @POST
    @Consumes(MediaType.WILDCARD)
    public Response submit(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @HeaderParam(AdminAccess.TOKEN_HEADER) String adminToken, String body) {
        return guarded("command_submit", authorization, adminToken, () -> {
            Command command = commands.prepare(CommandJson.parse(body));
            String messageId = commands.submit(command);
            ObjectNode answer = Json.MAPPER.createObjectNode();
            answer.put("command_id", command.commandId());
            answer.put("workspace", command.workspace());
            answer.put("status", "queued");
            answer.put("message_id", messageId);
            answer.put("outcome", "/admin/commands/" + command.commandId());
            StructuredLog.log(LOG, Logger.Level.INFO, "admin operation", "operation", "command_submit", "status", 202,
                    "command_id", command.commandId(), "workspace", command.workspace());
            return Response.accepted(answer.toString()).type(MediaType.APPLICATION_JSON)
                    .location(java.net.URI.create("/admin/commands/" + command.commandId())).build();
        });
    }

    @Operation(summary = "What became of a command")
    @APIResponse(responseCode = "200", description = "The recorded outcome")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @GET
    @Path("/{commandId}")
    public Response outcome(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                            @HeaderParam(AdminAccess.TOKEN_HEADER) String adminToken,
                            @PathParam("commandId") String commandId) {
        return guarded("command_outcome", authorization, adminToken, () -> {
            if (!CommandValidator.isCommandId(commandId)) {
                throw new InvalidCommandException("command_id", "must be 1-128 characters of A-Z a-z 0-9 . _ : -");
            }
            return outcomes.find(commandId).map(CommandResource::json)
                    .orElseGet(() -> problem(404, "command-not-found", "Unknown command",
                            "No command with this command_id was submitted (or its record expired)."));
        });
    }

    @Operation(summary = "The commands submitted last, with their outcomes",
            description = "Newest first; limit 1-" + MAX_RECENT + " (default " + DEFAULT_RECENT + ").")
    @APIResponse(responseCode = "200", description = "commands: the recorded outcomes")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @GET
    public Response recent(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @HeaderParam(AdminAccess.TOKEN_HEADER) String adminToken,
                           @QueryParam("limit") String limit) {
        return guarded("command_recent", authorization, adminToken, () -> {
            int count;
            try {
                count = DeadLetterResource.limit(limit, MAX_RECENT);
            } catch (IllegalArgumentException e) {
                throw new InvalidCommandException("limit", "must be a whole number from 1 to " + MAX_RECENT);
            }
            if (limit == null || limit.isBlank()) {
                count = DEFAULT_RECENT;
            }
            ObjectNode body = Json.MAPPER.createObjectNode();
            body.put("limit", count);
            body.set("commands", Json.MAPPER.valueToTree(outcomes.recent(count)));
            return Response.ok(body.toString(), MediaType.APPLICATION_JSON).build();
        });
    }

    private Response guarded(String operation, String authorization, String adminToken, Supplier<Response> action) {
        return AdminResponses.refusal(access, metrics, operation, authorization, adminToken)
                .orElseGet(() -> answered(operation, action));
    }

    /** The operation, with every failure answered as problem+json. */
    private Response answered(String operation, Supplier<Response> action) {
        try {
            return action.get();
        } catch (CommandTooLargeException e) {
            metrics.increment("AdminFailed", "Operation", operation, "Reason", "command_too_large");
            StructuredLog.log(LOG, Logger.Level.WARN, "admin operation", "operation", operation, "status", 413,
                    "reason", "command_too_large");
            return AdminResponses.problem(413, "command-too-large", "Command too large for its queue", e.getMessage(),
                    Map.of("size_bytes", e.sizeBytes(), "limit_bytes", e.limitBytes()));
        } catch (InvalidCommandException e) {
            return failed(operation, 400, "invalid-command", "Invalid command", e.getMessage(), "invalid_command");
        } catch (CommandsUnavailableException e) {
            return failed(operation, 503, "commands-unavailable", "Commands unavailable",
                    "No commands queue is configured for this deployment.", "not_configured");
        } catch (SdkException e) {
            return Response.fromResponse(failed(operation, 503, "aws-unavailable", "Queue or table unavailable",
                    "SQS or DynamoDB did not answer. Retry with the same command_id.", "aws_unavailable"))
                    .header("Retry-After", "5").build();
        }
    }

    private Response failed(String operation, int status, String slug, String title, String detail, String reason) {
        metrics.increment("AdminFailed", "Operation", operation, "Reason", reason);
        StructuredLog.log(LOG, status >= 500 ? Logger.Level.ERROR : Logger.Level.WARN, "admin operation",
                "operation", operation, "status", status, "reason", reason);
        return problem(status, slug, title, detail);
    }

    private static Response json(Object body) {
        try {
            return Response.ok(Json.MAPPER.writeValueAsString(body), MediaType.APPLICATION_JSON).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Response problem(int status, String slug, String title, String detail) {
        return AdminResponses.problem(status, slug, title, detail);
    }
}
