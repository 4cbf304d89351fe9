package dev.clickupsync.drain.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.clickupsync.reconcile.ReconcileReport;
import dev.clickupsync.reconcile.ScheduledReconcile;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Map;

/**
 * The reconcile Lambda ({@code QUARKUS_LAMBDA_HANDLER=reconcile}), run by an EventBridge schedule:
 * the webhook lifecycle and one reconcile walk per invocation ({@link ScheduledReconcile}), stopping before the invocation's deadline minus
 * {@code sync.reconcile.safety-margin}. The event itself carries nothing reconcile needs (the
 * scheduled event's {@code time} and rule are only logged), so it is read as a plain map rather
 * than {@code ScheduledEvent}, whose Joda-Time field needs extra Jackson modules.
 *
 * <p>Answers the run's {@link ReconcileReport}; an unfinished run ({@code complete=false}) is not a
 * failure, the next scheduled run continues from the saved cursors.
 */
@Named("reconcile")
public class ReconcileHandler implements RequestHandler<Map<String, Object>, ReconcileReport> {
    private static final Logger LOG = Logger.getLogger(ReconcileHandler.class);

    @Inject
    ScheduledReconcile reconcile;

    @Override
    public ReconcileReport handleRequest(Map<String, Object> event, Context context) {
        Instant deadline = Instant.now().plusMillis(SqsDrainHandler.remainingMillis(context));
        if (event != null) {
            LOG.debugf("reconcile invoked source=%s time=%s resources=%s", event.get("source"), event.get("time"),
                    event.get("resources"));
        }
        return reconcile.run(deadline);
    }
}
