package dev.clickupsync.read;

import dev.clickupsync.http.Problem;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.metrics.StructuredLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The answer when DynamoDB (or another AWS service) fails under a request and nothing on the way
 * handled it: throttled, unreachable, timed out. {@code 503} with {@code Retry-After: 1} and a
 * problem body, instead of the framework's bare {@code 500}: the mirror is not wrong, only
 * unavailable for a moment, and a ClickUp client retries a 5xx from ClickUp the same way.
 *
 * <ul>
 *   <li>Read routes ({@link #READ_PACKAGE}): {@code mirror-unavailable} with ClickUp's {@code err}
 *       and {@code ECODE} members ({@code SYNC_READ_005}), counted as
 *       {@code ReadFailed{Reason=mirror_unavailable}};</li>
 *   <li>any other resource: {@code aws-unavailable}, the type the admin API already answers when it
 *       catches the same failure itself.</li>
 * </ul>
 * Logged with the AWS error code and the resource only: the SDK's message can name tables and keys.
 */
@ApplicationScoped
public class MirrorUnavailable {
    static final String REASON = "mirror_unavailable";
    static final String READ_PACKAGE = MirrorUnavailable.class.getPackageName();
    private static final Logger LOG = Logger.getLogger(MirrorUnavailable.class);

    /** Resolved per use, as in {@link ReadApiFilter}. */
    @Inject
    Instance<Metrics> metrics;

    @ServerExceptionMapper
    public Response unavailable(SdkException failure, SimpleResourceInfo resource) {
        boolean read = resource != null && resource.getResourceClass() != null
                && READ_PACKAGE.equals(resource.getResourceClass().getPackageName());
        String code = failure instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                ? aws.awsErrorDetails().errorCode() : failure.getClass().getSimpleName();
        String where = resource == null || resource.getResourceClass() == null ? "-"
                : resource.getResourceClass().getSimpleName() + "." + resource.getMethodName();
        if (read) {
            metrics.get().increment("ReadFailed", "Reason", REASON);
        }
        StructuredLog.log(LOG, Logger.Level.ERROR, "request failed: AWS unavailable", "reason",
                read ? REASON : "aws_unavailable", "aws_error", code, "resource", where, "status", 503);
        Response answer = read
                ? ReadProblems.of(503, "mirror-unavailable", "Mirror unavailable",
                        "The mirror's table did not answer; retry in a moment.", "SYNC_READ_005")
                : Response.status(503).type(Problem.MEDIA_TYPE).entity(new Problem("aws-unavailable",
                        "Queue or table unavailable", 503, "An AWS service did not answer; retry in a moment.").toJson())
                        .build();
        return Response.fromResponse(answer).header("Retry-After", "1").build();
    }
}
