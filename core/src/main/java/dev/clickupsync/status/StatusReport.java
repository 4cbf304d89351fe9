package dev.clickupsync.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.admin.PipelineStatus;
import dev.clickupsync.clickup.ClickUpFailures;
import dev.clickupsync.json.Json;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.metrics.StructuredLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * {@code GET /admin/status}: the pipeline's state as one document, assembled from sections that
 * each cost a few reads (no scans; {@code docs/admin.md} lists every field and its cost):
 * {@code queues} ({@link QueueStatus}), {@code clickup} (breaker and rate budgets,
 * {@link ClickUpStatus}), {@code webhooks} ({@link WebhookStatus}), {@code reconcile} and
 * {@code backfill} ({@link ReconcileStatus}), {@code failures} ({@link FailureStatus}) and
 * {@code mirror} ({@link MirrorStatus}). The breaker and the failures are the fleet's, read once per
 * document from CloudWatch ({@link FleetMetrics}) where it is on.
 *
 * <p>Invariant: no section can fail the document. Each is computed on its own; one that throws is
 * replaced by {@code {"error": <reason>}} with the reason from {@link ClickUpFailures} (and AWS's
 * error code when AWS answered), counted as {@code AdminStatusSectionFailed{Section,Reason}} and
 * logged under the same reason, and the others still answer.
 */
@ApplicationScoped
public class StatusReport implements PipelineStatus {
    private static final Logger LOG = Logger.getLogger(StatusReport.class);

    private final QueueStatus queues;
    private final ClickUpStatus clickUp;
    private final WebhookStatus webhooks;
    private final ReconcileStatus reconcile;
    private final FailureStatus failures;
    private final MirrorStatus mirror;
    private final FleetMetrics fleet;
    private final Metrics metrics;
    private final Clock clock;

    @Inject
    public StatusReport(QueueStatus queues, ClickUpStatus clickUp, WebhookStatus webhooks, ReconcileStatus reconcile,
                        FailureStatus failures, MirrorStatus mirror, FleetMetrics fleet, Metrics metrics) {
        this.queues = queues;
        this.clickUp = clickUp;
        this.webhooks = webhooks;
        this.reconcile = reconcile;
        this.failures = failures;
        this.mirror = mirror;
        this.fleet = fleet;
        this.metrics = metrics;
        this.clock = Clock.systemUTC();
    }

    @Override
    public ObjectNode status(String teamId) {
        Instant now = clock.instant();
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("generated_at", now.toString());
        doc.set("queues", queues.report(this::section));
        // One fleet reading for the breaker and the failures (one GetMetricData when not kept; never throws).
        FleetMetrics.Fleet fleetNow = fleet.read();
        doc.set("clickup", clickUp.report(this::section, now, fleetNow));
        // The workspaces to report on: configured, reconciled before, registered with a webhook
        // (added by the webhooks section), and the one asked for.
        Set<String> teams = new TreeSet<>(reconcile.configuredTeams());
        if (teamId != null) {
            teams.add(teamId);
        }
        JsonNode known = section("workspaces", () -> {
            teams.addAll(reconcile.knownTeams());
            return Json.MAPPER.nullNode();
        });
        doc.putNull("workspaces"); // its place in the document; filled once the webhooks section added its own
        doc.set("webhooks", section("webhooks", () -> webhooks.report(teams)));
        doc.set("workspaces", known.has("error") ? known : Json.MAPPER.valueToTree(teams));
        doc.set("reconcile", reconcile.report(this::section, teams, now));
        doc.set("backfill", section("backfill", () -> reconcile.backfills(teams, now)));
        doc.set("failures", section("failures", () -> failures.report(fleetNow)));
        doc.set("mirror", section("mirror", mirror::report));
        return doc;
    }

    /** One section: its value, or {@code {"error": reason}} when computing it failed. */
    JsonNode section(String name, Supplier<JsonNode> compute) {
        try {
            return compute.get();
        } catch (RuntimeException e) {
            String reason = ClickUpFailures.reason(e);
            metrics.increment("AdminStatusSectionFailed", "Section", name, "Reason", reason);
            StructuredLog.log(LOG, Logger.Level.WARN, "admin status section failed", "section", name, "reason", reason,
                    "error", e.getClass().getSimpleName());
            ObjectNode error = Json.MAPPER.createObjectNode();
            error.put("error", reason);
            if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
                error.put("aws_error", aws.awsErrorDetails().errorCode());
            }
            return error;
        }
    }

    /** How sections are computed: by name, failures isolated (see {@link #section}). */
    @FunctionalInterface
    interface Sections {
        JsonNode section(String name, Supplier<JsonNode> compute);
    }
}
