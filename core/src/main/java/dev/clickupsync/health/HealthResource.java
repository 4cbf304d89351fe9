package dev.clickupsync.health;

import dev.clickupsync.queue.EventQueue;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * {@code GET /health} (readiness: the queue answers, so a webhook would be accepted) and
 * {@code GET /health/live} (liveness: the process serves requests). Never calls ClickUp.
 */
@Path("/health")
public class HealthResource {
    private static final Logger LOG = Logger.getLogger(HealthResource.class);

    @Inject
    EventQueue queue;

    @GET
    public Response ready() {
        try {
            long depth = queue.approximateDepth();
            return Response.ok("{\"status\":\"UP\",\"checks\":{\"queue\":{\"status\":\"UP\",\"depth\":" + depth + "}}}",
                    MediaType.APPLICATION_JSON).build();
        } catch (SdkException e) {
            LOG.warnf("health check failed check=queue error=%s", e.getClass().getSimpleName());
            return Response.status(503).type(MediaType.APPLICATION_JSON)
                    .entity("{\"status\":\"DOWN\",\"checks\":{\"queue\":{\"status\":\"DOWN\"}}}").build();
        }
    }

    @GET
    @Path("/live")
    public Response live() {
        return Response.ok("{\"status\":\"UP\"}", MediaType.APPLICATION_JSON).build();
    }
}
