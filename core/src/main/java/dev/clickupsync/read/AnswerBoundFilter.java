package dev.clickupsync.read;

import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.metrics.StructuredLog;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

import java.lang.annotation.Annotation;
import java.util.OptionalLong;

/**
 * Enforces {@code sync.read-api.max-answer-bytes} on every answer of an admitted read request, in
 * this one place: a body over the bound ({@link AnswerBound}) is replaced whole by the
 * {@code 500 read-answer-too-large} problem ({@link ReadProblems#answerTooLarge}), counted as
 * {@code ReadFailed{Reason=answer_too_large}} and logged in one line (sizes and path, never the body
 * or a header). Never a truncated body: a client either gets the whole answer or the problem.
 *
 * <p>Where: a response filter, so it sees what the resource rendered and, as well, what
 * {@link AnswerCacheFilter} serves from memory (a request filter's {@code abortWith} still passes the
 * response filters). Its priority is above {@link AnswerCacheFilter}'s and JAX-RS runs response filters
 * from the highest priority down, so it runs before the cache keeps an answer: a refused answer reaches
 * the cache as the {@code 500} and is never kept (a kept one would cost memory for nothing and be refused
 * again on every hit).
 *
 * <p>Measured: bodies that are a {@code String}, what every read resource and the answer cache answer.
 */
@Provider
@Priority(Priorities.USER + 100)
public class AnswerBoundFilter implements ContainerResponseFilter {
    /** The reason, in the metric and the log line alike. */
    static final String REASON = "answer_too_large";
    private static final Logger LOG = Logger.getLogger(AnswerBoundFilter.class);

    @Inject
    AnswerBound bound;
    /** Resolved per use, as in {@link ReadApiFilter}: providers are built before the metrics' config exists. */
    @Inject
    Instance<Metrics> metrics;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!Boolean.TRUE.equals(request.getProperty(ReadApiFilter.ADMITTED)) || !(response.getEntity() instanceof String body)) {
            return;
        }
        OptionalLong over = bound.over(body);
        if (over.isEmpty()) {
            return;
        }
        metrics.get().increment("ReadFailed", "Reason", REASON);
        StructuredLog.log(LOG, Logger.Level.ERROR, "read answer refused: too large", "reason", REASON,
                "answer_bytes", over.getAsLong(), "max_answer_bytes", bound.max(),
                "path", request.getUriInfo().getRequestUri().getRawPath(), "status", 500);
        Response problem = ReadProblems.answerTooLarge(over.getAsLong(), bound.max());
        // The 200's own headers (freshness, Age, X-Mirror-Cache) describe the refused body: none is kept.
        response.getHeaders().clear();
        response.setStatus(problem.getStatus());
        response.setEntity(problem.getEntity(), new Annotation[0], problem.getMediaType());
    }
}
