package dev.clickupsync.drain.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.clickupsync.digest.DigestReport;
import dev.clickupsync.digest.StandupDigest;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Map;

/**
 * The digest Lambda ({@code QUARKUS_LAMBDA_HANDLER=digest}), run by an EventBridge schedule (daily
 * by default): one {@link StandupDigest} run at the invocation's time. Like {@link ReconcileHandler}
 * it reads the scheduled event as a plain map (it only logs it).
 *
 * <p>A scope whose model call failed is reported ({@code outcome=FAILED}, metric {@code DigestFailed})
 * but does not fail the invocation: EventBridge would retry it at once, while the digest is meant
 * to be retried by the next scheduled run; the alarm watches the metric.
 */
@Named("digest")
public class DigestHandler implements RequestHandler<Map<String, Object>, DigestReport> {
    private static final Logger LOG = Logger.getLogger(DigestHandler.class);

    @Inject
    StandupDigest digest;

    @Override
    public DigestReport handleRequest(Map<String, Object> event, Context context) {
        if (event != null) {
            LOG.debugf("digest invoked source=%s time=%s", event.get("source"), event.get("time"));
        }
        return digest.run(Instant.now());
    }
}
