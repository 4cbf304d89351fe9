package dev.clickupsync.read;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.ext.Provider;

/**
 * Runs before resource matching on every request and decides for the read routes, in this order:
 * a path under {@code /api/v2} while another prefix is configured, or any read path while the API
 * is disabled, is {@code 404} (as if the route did not exist); a missing or wrong token is
 * {@code 401}; otherwise a path under a non-default prefix is rewritten onto {@code /api/v2}, where
 * the resources are declared ({@link ReadPrefix}). Other paths pass untouched, so {@code /admin}
 * keeps its own access check and never sees a read token as valid.
 */
@Provider
@PreMatching
public class ReadApiFilter implements ContainerRequestFilter {

    @Inject
    ReadAccess access;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getRequestUri().getRawPath();
        ReadPrefix prefix = access.prefix();
        ReadPrefix.Kind kind = prefix.classify(path);
        if (kind == ReadPrefix.Kind.OTHER) {
            return;
        }
        ReadAccess.Decision decision = access.check(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (kind == ReadPrefix.Kind.HIDDEN || decision == ReadAccess.Decision.DISABLED) {
            request.abortWith(ReadProblems.notFound());
            return;
        }
        if (decision == ReadAccess.Decision.UNAUTHORIZED) {
            request.abortWith(ReadProblems.unauthorized());
            return;
        }
        prefix.rewrite(path).ifPresent(canonical -> request.setRequestUri(
                UriBuilder.fromUri(request.getUriInfo().getRequestUri()).replacePath(canonical).build()));
    }
}
