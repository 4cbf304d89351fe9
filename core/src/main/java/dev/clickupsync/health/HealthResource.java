package dev.clickupsync.health;

import dev.clickupsync.clickup.ClickUpConfig;
import dev.clickupsync.clickup.ClickUpConnectivity;
import dev.clickupsync.queue.EventQueue;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /health} (readiness) and {@code GET /health/live} (liveness).
 *
 * <p>Readiness checks the queue (so a webhook would be accepted) and, where
 * {@code clickup.api.health-check.enabled} (not in the ingest function, which never calls ClickUp),
 * ClickUp connectivity through a cached {@code GET /user}. The details (queue depth, ClickUp's
 * state) are in the answer only with {@code sync.health.details} ({@link HealthConfig}): on AWS the
 * route is public.
 */
@Tag(name = "health")
@Path("/health")
public class HealthResource {
    private static final Logger LOG = Logger.getLogger(HealthResource.class);

    @Inject
    EventQueue queue;
    @Inject
    ClickUpConfig clickUpConfig;
    @Inject
    Instance<ClickUpConnectivity> clickUp;
    @Inject
    HealthConfig config;

    @Operation(summary = "Readiness: the events queue (and ClickUp where checked) answer")
    @APIResponse(responseCode = "200", description = "UP")
    @APIResponse(responseCode = "503", description = "DOWN, with the failing check")
    @GET
    public Response ready() {
        boolean up = true;
        StringBuilder checks = new StringBuilder("{");
        try {
            long depth = queue.approximateDepth();
            checks.append("\"queue\":{\"status\":\"UP\",\"depth\":").append(depth).append('}');
        } catch (SdkException e) {
            LOG.warnf("health check failed check=queue error=%s", e.getClass().getSimpleName());
            checks.append("\"queue\":{\"status\":\"DOWN\"}");
            up = false;
        }
        if (clickUpConfig.healthCheck().enabled()) {
            ClickUpConnectivity.Status status = clickUp.get().check();
            up &= status.healthy();
            checks.append(",\"clickup\":{\"status\":\"").append(status.state()).append('"');
            if (status.reason() != null) {
                checks.append(",\"reason\":\"").append(status.reason().replace("\"", "'")).append('"');
            }
            checks.append(",\"checked_at\":\"").append(status.checkedAt()).append("\"}");
        }
        checks.append('}');
        String status = "{\"status\":\"" + (up ? "UP" : "DOWN") + "\"";
        String body = config.details() ? status + ",\"checks\":" + checks + "}" : status + "}";
        return Response.status(up ? 200 : 503).type(MediaType.APPLICATION_JSON).entity(body).build();
    }

    @Operation(summary = "Liveness: the process answers")
    @APIResponse(responseCode = "200", description = "UP")
    @GET
    @Path("/live")
    public Response live() {
        return Response.ok("{\"status\":\"UP\"}", MediaType.APPLICATION_JSON).build();
    }
}
