package dev.clickupsync.admin;

import dev.clickupsync.http.Problem;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.metrics.StructuredLog;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.util.Optional;

/** What every {@code /admin} resource answers the same way: problem bodies and access refusals. */
final class AdminResponses {
    private static final Logger LOG = Logger.getLogger(AdminResponses.class);

    private AdminResponses() {
    }

    static Response problem(int status, String slug, String title, String detail) {
        return problem(status, slug, title, detail, java.util.Map.of());
    }

    static Response problem(int status, String slug, String title, String detail, java.util.Map<String, Long> members) {
        return Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new Problem(slug, title, status, detail).toJson(members)).build();
    }

    /**
     * The answer to a request that may not proceed, or empty when it may: 404 while the admin API is
     * disabled (as if the route did not exist), 401 with a Bearer challenge for a missing or wrong
     * token (one metric and one log line; the token is never logged).
     */
    static Optional<Response> refusal(AdminAccess access, Metrics metrics, String operation, String authorization,
                                      String adminToken) {
        AdminAccess.Decision decision = access.check(authorization, adminToken);
        if (decision == AdminAccess.Decision.DISABLED) {
            return Optional.of(problem(404, "not-found", "Not found", null));
        }
        if (decision == AdminAccess.Decision.UNAUTHORIZED) {
            metrics.increment("AdminRejected", "Reason", "unauthorized");
            StructuredLog.log(LOG, Logger.Level.WARN, "admin request rejected", "operation", operation,
                    "reason", authorization == null && adminToken == null ? "missing_token" : "invalid_token", "status", 401);
            return Optional.of(Response.fromResponse(problem(401, "admin-unauthorized", "Unauthorized",
                            "This route needs Authorization: Bearer <admin token> (or X-Admin-Token: <admin token>)."))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"clickup-sync-admin\"").build());
        }
        return Optional.empty();
    }
}
