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
import java.util.Map;

/**
 * The {@code failures} section: every counter with a {@code Reason} dimension ({@code DrainFailed},
 * {@code ReconcileError}, {@code AdminFailed}, ...; the reasons are {@code ClickUpFailures}' names,
 * as in the metrics and logs) summed per metric and reason.
 *
 * <p>On AWS ({@code scope: fleet}): every function's counts over the last {@code window_minutes}, from
 * CloudWatch ({@link FleetMetrics}), as each function counts in its own memory and ships the counts as
 * metrics. Otherwise ({@code scope: process}, with {@code fleet_reason}: {@code cloudwatch_off} in the
 * local run, or why CloudWatch could not be read): {@link Metrics}' in-memory counters of <em>this
 * process</em> since it started, the whole pipeline in the local run. No DynamoDB counters.
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

    /** The section from the document's one fleet reading ({@link FleetMetrics#read}), or this process's. */
    JsonNode report(FleetMetrics.Fleet read) {
        ObjectNode section = Json.MAPPER.createObjectNode();
        Map<String, Map<String, Long>> counted;
        if (read.available()) {
            section.put("scope", "fleet");
            section.put("window_minutes", read.windowMinutes());
            section.put("since", read.from().toString());
            section.put("until", read.to().toString());
            counted = read.failures();
        } else {
            section.put("scope", "process");
            section.put("fleet_reason", read.reason());
            section.put("since", since.toString());
            counted = metrics.countsBy("Reason");
        }
        ObjectNode counts = section.putObject("counts");
        counted.forEach((name, reasons) -> {
            ObjectNode node = counts.putObject(name);
            reasons.forEach(node::put);
        });
        return section;
    }
}
