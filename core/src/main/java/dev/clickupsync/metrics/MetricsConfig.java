package dev.clickupsync.metrics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How failure modes and outcomes are counted (CloudWatch embedded metric format on stdout). */
@ConfigMapping(prefix = "sync.metrics")
public interface MetricsConfig {

    /**
     * CloudWatch namespace of every metric. {@code ClickUpSync} here (a local run has no stage); on AWS
     * {@code template.yaml} sets {@code ClickUpSync/<Stage>} ({@code SYNC_METRICS_NAMESPACE: !Sub
     * ClickUpSync/${Stage}}), one per stack, and its alarms and dashboard read that same namespace:
     * alarms filter on {@code Service} only, so a dev and a prod stack in one account sharing a namespace
     * would fire each other's alarms. The admin status' fleet view ({@code status/FleetMetrics}) searches
     * this namespace too, so it counts its own stack's failures only.
     */
    @WithDefault("ClickUpSync")
    String namespace();

    /** Value of the {@code Service} dimension: which function emitted it (ingest, drain, local). */
    @WithDefault("clickup-sync")
    String service();

    /**
     * Print one EMF JSON line per data point on stdout, where Lambda's log capture turns it into a
     * CloudWatch metric. Counters are kept in memory either way (health output, tests).
     */
    @WithDefault("true")
    boolean emf();
}
