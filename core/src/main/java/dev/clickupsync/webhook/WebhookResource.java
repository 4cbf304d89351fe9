package dev.clickupsync.webhook;

import dev.clickupsync.http.Problem;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;

/**
 * {@code POST /webhooks/clickup}: the HTTP face of {@link WebhookIngestor}. The body is taken as
 * raw bytes, so the signature is checked on exactly what ClickUp signed.
 */
@Path("/webhooks/clickup")
public class WebhookResource {

    @Inject
    WebhookIngestor ingestor;

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
