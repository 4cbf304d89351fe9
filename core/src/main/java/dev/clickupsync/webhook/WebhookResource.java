package dev.clickupsync.webhook;

import dev.clickupsync.http.Problem;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;

/**
 * {@code POST /webhooks/clickup}: the HTTP face of {@link WebhookIngestor}. The body is taken as
 * raw bytes, so the signature is checked on exactly what ClickUp signed.
 */
@Tag(name = "webhook")
@Path("/webhooks/clickup")
public class WebhookResource {

    @Inject
    WebhookIngestor ingestor;

    @Operation(summary = "Receive a ClickUp webhook delivery",
            description = "Checks X-Signature (HMAC-SHA256 of the exact body), validates the payload and queues it."
                    + " Ignored deliveries also answer 200, so ClickUp does not retry them.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.OBJECT),
            examples = @ExampleObject(name = "taskStatusUpdated", ref = "webhookTaskStatusUpdated")))
    @APIResponse(responseCode = "200", description = "Queued, or ignored with its reason", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "queued", ref = "webhookQueued")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", description = "X-Signature missing or wrong", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "413", description = "Body over clickup.webhook.max-body-bytes", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "415", description = "Not JSON", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "503", ref = "Unavailable")
    @Parameter(name = "X-Signature", in = ParameterIn.HEADER, required = true,
            description = "Hex HMAC-SHA256 of the exact body, keyed with the webhook's secret (ClickUp sets it)")
    // The body's own length, set by every HTTP client: not something a caller chooses.
    @Parameter(name = "Content-Length", in = ParameterIn.HEADER, hidden = true)
    @POST
    @Consumes(MediaType.WILDCARD)
    public Response receive(byte[] body,
                            @HeaderParam("Content-Type") String contentType,
                            @HeaderParam("X-Signature") String signature,
                            @HeaderParam("Content-Length") String contentLength) {
        IncomingWebhook request = new IncomingWebhook(body == null ? new byte[0] : body, contentType, signature,
                parseLength(contentLength), Instant.now());
        IngestOutcome outcome = ingestor.ingest(request);
        if (outcome instanceof IngestOutcome.Queued queued) {
            return json(200, "{\"status\":\"queued\",\"message_id\":\"" + queued.messageId() + "\"}");
        }
        if (outcome instanceof IngestOutcome.Ignored ignored) {
            return json(200, "{\"status\":\"ignored\",\"reason\":\"" + ignored.reason() + "\"}");
        }
        IngestOutcome.Rejected rejected = (IngestOutcome.Rejected) outcome;
        Response.ResponseBuilder response = Response.status(rejected.status())
                .type(Problem.MEDIA_TYPE)
                .entity(rejected.problem().toJson());
        if (rejected.status() == 503) {
            response.header("Retry-After", "5");
        }
        return response.build();
    }

    private static Response json(int status, String body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }

    private static long parseLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
