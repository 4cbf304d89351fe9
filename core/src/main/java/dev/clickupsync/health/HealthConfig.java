package dev.clickupsync.health;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code GET /health}: what it tells whoever asks. */
@ConfigMapping(prefix = "sync.health")
public interface HealthConfig {

    /**
     * Include the details ({@code SYNC_HEALTH_DETAILS}): the events queue's depth and ClickUp's
     * connectivity state, reason and check time. Off by default, because on AWS {@code /health} is a
     * public route of the HTTP API and a queue's depth tells an outsider how loaded or stuck the
     * pipeline is; the answer is then only {@code {"status":"UP"}} or {@code "DOWN"} (200 / 503),
     * and the details go to the log. The local run turns it on.
     */
    @WithDefault("false")
    boolean details();
}
