package dev.clickupsync.local;

import dev.clickupsync.reconcile.ScheduledReconcile;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The local run's stand-in for the EventBridge schedule: runs {@link Reconciler#run} every
 * {@code sync.local.reconcile-interval} (default 5 minutes, {@code 0} turns it off) on one daemon
 * thread, the first time one interval after start, as a rate schedule does. Runs never overlap
 * (the next is scheduled when one ends) and each gets Lambda's longest timeout as its deadline.
 */
@ApplicationScoped
public class LocalReconcileTimer {
    private static final Logger LOG = Logger.getLogger(LocalReconcileTimer.class);
    /** Lambda's longest timeout: what a scheduled invocation could have at most. */
    private static final Duration RUN_DEADLINE = Duration.ofMinutes(15);

    @Inject
    ScheduledReconcile reconciler;

    @Inject
    LocalConfig config;

    private ScheduledExecutorService timer;

    private Duration interval;

    void start(@Observes StartupEvent event) {
        interval = config.reconcileInterval();
        if (interval.isZero() || interval.isNegative()) {
            LOG.info("local reconcile timer off (sync.local.reconcile-interval=0)");
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "local-reconcile");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        timer.scheduleWithFixedDelay(this::runOnce, millis, millis, TimeUnit.MILLISECONDS);
        LOG.infof("local reconcile timer started interval=%s", interval);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    void runOnce() {
        try {
            reconciler.run(Instant.now().plus(RUN_DEADLINE));
        } catch (RuntimeException e) {
            // A failed run must not end the schedule (the executor would drop the task).
            LOG.errorf(e, "local reconcile run failed");
        }
    }
}
