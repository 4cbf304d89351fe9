package dev.clickupsync.local;

import dev.clickupsync.digest.StandupDigest;
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
 * The local run's stand-in for the digest's EventBridge schedule: runs {@link StandupDigest} every
 * {@code sync.local.digest-interval}, off unless set (a digest calls a model, which may cost money).
 * Point {@code sync.digest.llm.base-url} at a local server (Ollama: {@code http://127.0.0.1:11434/v1})
 * and set {@code sync.digest.scopes}. Runs never overlap; a failed run does not end the schedule.
 */
@ApplicationScoped
public class LocalDigestTimer {
    private static final Logger LOG = Logger.getLogger(LocalDigestTimer.class);

    @Inject
    StandupDigest digest;

    @Inject
    LocalConfig config;

    private ScheduledExecutorService timer;

    void start(@Observes StartupEvent event) {
        Duration interval = config.digestInterval();
        if (interval.isZero() || interval.isNegative()) {
            LOG.debug("local digest timer off (sync.local.digest-interval=0)");
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "local-digest");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        timer.scheduleWithFixedDelay(this::runOnce, millis, millis, TimeUnit.MILLISECONDS);
        LOG.infof("local digest timer started interval=%s", interval);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    void runOnce() {
        try {
            digest.run(Instant.now());
        } catch (RuntimeException e) {
            LOG.errorf("local digest run failed: %s", e.getClass().getSimpleName());
        }
    }
}
