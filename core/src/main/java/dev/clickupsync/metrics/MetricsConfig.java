package dev.clickupsync.metrics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How failure modes and outcomes are counted (CloudWatch embedded metric format on stdout). */
@ConfigMapping(prefix = "sync.metrics")
public interface MetricsConfig {

    /** CloudWatch namespace of every metric; the alarms in {@code template.yaml} use the same. */
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
