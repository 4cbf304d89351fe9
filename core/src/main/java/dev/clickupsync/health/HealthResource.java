package dev.clickupsync.health;

import dev.clickupsync.clickup.ClickUpConfig;
import dev.clickupsync.clickup.ClickUpConnectivity;
import dev.clickupsync.queue.EventQueue;
import dev.clickupsync.workspace.Workspace;
import dev.clickupsync.workspace.WorkspaceStates;
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
 * route is public. The details also list every workspace ({@link WorkspaceStates}: whether its token is set
 * here, never the token, and its circuit breaker in this process) and, for a further workspace whose token
 * is set here, whether ClickUp answers it ({@link WorkspaceConnectivity}: its own cached {@code GET /user}).
 * A further workspace's open breaker or rejected token does not make the process unready (its events wait
 * or are parked; the others drain).
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
    @Inject
    WorkspaceStates workspaces;
    @Inject
    WorkspaceConnectivity connectivity;

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
            checks.append(",\"clickup\":").append(statusJson(status));
        }
        if (config.details()) {
            checks.append(",\"workspaces\":").append(workspaces());
        }
        checks.append('}');
        String status = "{\"status\":\"" + (up ? "UP" : "DOWN") + "\"";
        String body = config.details() ? status + ",\"checks\":" + checks + "}" : status + "}";
        return Response.status(up ? 200 : 503).type(MediaType.APPLICATION_JSON).entity(body).build();
    }

    /** {@code {"<name>":{"token":"set|unset","circuit_breaker":"closed|open|half_open"|null}, ...}}: names are [a-z0-9]. */
    private String workspaces() {
        StringBuilder all = new StringBuilder("{");
        for (WorkspaceStates.State w : workspaces.states()) {
            if (all.length() > 1) {
                all.append(',');
            }
            all.append('"').append(w.name()).append("\":{\"token\":\"").append(w.tokenSet() ? "set" : "unset")
                    .append("\",\"circuit_breaker\":")
                    .append(w.calls().map(c -> '"' + c.circuitState().value() + '"').orElse("null"));
            if (!w.name().equals(Workspace.DEFAULT) && w.tokenSet()) {
                connectivity.check(w.name()).ifPresent(s -> all.append(",\"clickup\":").append(statusJson(s)));
            }
            all.append('}');
        }
        return all.append('}').toString();
    }

    private static String statusJson(ClickUpConnectivity.Status status) {
        StringBuilder json = new StringBuilder("{\"status\":\"").append(status.state()).append('"');
        if (status.reason() != null) {
            json.append(",\"reason\":\"").append(status.reason().replace("\"", "'")).append('"');
        }
        return json.append(",\"checked_at\":\"").append(status.checkedAt()).append("\"}").toString();
    }

    @Operation(summary = "Liveness: the process answers")
    @APIResponse(responseCode = "200", description = "UP")
    @GET
    @Path("/live")
    public Response live() {
        return Response.ok("{\"status\":\"UP\"}", MediaType.APPLICATION_JSON).build();
    }
}
