package dev.clickupsync.read;

import dev.clickupsync.http.GatewayCaller;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.metrics.StructuredLog;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

/**
 * Runs before resource matching on every request and decides for the read routes, in this order:
 * a path under {@code /api/v2} while another prefix is configured, or any read path while the API
 * is disabled, is {@code 404} (as if the route did not exist); a missing or wrong token is
 * {@code 401}; otherwise a path under a non-default prefix is rewritten onto {@code /api/v2}, where
 * the resources are declared ({@link ReadPrefix}). Other paths pass untouched, so {@code /admin}
 * keeps its own access check and never sees a read token as valid. A refused token counts
 * {@code ReadRejected{Reason=unauthorized}} and logs one line (whether a token was presented, never
 * the token); tokens that cannot be read from SSM refuse every request the same way, counted and
 * logged as {@code tokens_unavailable} ({@link ReadTokens}). A caller API Gateway's IAM authorizer
 * admitted passes without a token where {@code sync.read-api.admit-iam-callers} allows it ({@link ReadAccess}).
 * An admitted request is marked {@link #ADMITTED}, the mark {@link AnswerCacheFilter} needs to serve a kept answer.
 */
@Provider
@PreMatching
public class ReadApiFilter implements ContainerRequestFilter {
    private static final Logger LOG = Logger.getLogger(ReadApiFilter.class);
    /** The reason, in the metric and the log alike, when the tokens' SSM parameter cannot be read. */
    static final String TOKENS_UNAVAILABLE = "tokens_unavailable";
    /**
     * The request property set on a read request this filter admitted, and only then: what
     * {@link AnswerCacheFilter} requires before it serves a kept answer, so that no order of filters
     * can hand one to a request that was not admitted.
     */
    static final String ADMITTED = "dev.clickupsync.read.admitted";

    @Inject
    ReadAccess access;
    @Inject
    GatewayCaller gateway;
    /** Resolved per use: providers are built at static init, before the metrics' config exists. */
    @Inject
    Instance<Metrics> metrics;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getRequestUri().getRawPath();
        ReadPrefix prefix = access.prefix();
        ReadPrefix.Kind kind = prefix.classify(path);
        if (kind == ReadPrefix.Kind.OTHER) {
            return;
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        ReadAccess.Decision decision = access.check(authorization, gateway.iamCaller());
        if (kind == ReadPrefix.Kind.HIDDEN || decision == ReadAccess.Decision.DISABLED) {
            request.abortWith(ReadProblems.notFound());
            return;
        }
        if (decision == ReadAccess.Decision.UNAUTHORIZED) {
            metrics.get().increment("ReadRejected", "Reason", "unauthorized");
            StructuredLog.log(LOG, Logger.Level.WARN, "read request rejected", "reason",
                    authorization == null ? "missing_token" : "invalid_token", "status", 401);
            request.abortWith(ReadProblems.unauthorized());
            return;
        }
        if (decision == ReadAccess.Decision.TOKENS_UNAVAILABLE) {
            // Same 401 as a wrong token (the client learns nothing); metric and log say why.
            metrics.get().increment("ReadRejected", "Reason", TOKENS_UNAVAILABLE);
            StructuredLog.log(LOG, Logger.Level.ERROR, "read request rejected", "reason", TOKENS_UNAVAILABLE, "status", 401);
            request.abortWith(ReadProblems.unauthorized());
            return;
        }
        request.setProperty(ADMITTED, Boolean.TRUE);
        prefix.rewrite(path).ifPresent(canonical -> request.setRequestUri(
                UriBuilder.fromUri(request.getUriInfo().getRequestUri()).replacePath(canonical).build()));
    }
}
