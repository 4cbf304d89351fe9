package dev.clickupsync.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.json.Json;
import dev.clickupsync.metrics.Metrics;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Instant;

/**
 * The {@code failures} section: every counter with a {@code Reason} dimension ({@code DrainFailed},
 * {@code ReconcileError}, {@code AdminFailed}, ...; the reasons are {@code ClickUpFailures}' names,
 * as in the metrics and logs) summed per metric and reason. These are {@link Metrics}' in-memory
 * counters of <em>this process</em> since it started: the whole pipeline in the local run; on AWS
 * only the admin function instance's own, as each function counts in its own memory and ships the
 * counts as CloudWatch metrics (where the fleet-wide numbers are). No DynamoDB counters, so no cost.
 */
@ApplicationScoped
public class FailureStatus {
    private final Metrics metrics;
    /** When the counters began: the application's start (or, outside Quarkus, this object's creation). */
    private volatile Instant since = Instant.now();

    @Inject
    public FailureStatus(Metrics metrics) {
        this.metrics = metrics;
    }

    void onStart(@Observes StartupEvent event) {
        since = Instant.now();
    }

    JsonNode report() {
        ObjectNode section = Json.MAPPER.createObjectNode();
        section.put("scope", "process");
        section.put("since", since.toString());
        ObjectNode counts = section.putObject("counts");
        metrics.countsBy("Reason").forEach((name, reasons) -> {
            ObjectNode node = counts.putObject(name);
            reasons.forEach(node::put);
        });
        return section;
    }
}
