package dev.clickupsync.webhook.registry;

import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.clickup.ClickUpException;
import dev.clickupsync.clickup.model.Webhook;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.metrics.StructuredLog;
import dev.clickupsync.webhook.registry.WebhookLifecycle.Failure;
import dev.clickupsync.webhook.registry.WebhookLifecycle.Settings;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import static dev.clickupsync.webhook.registry.WebhookLifecycle.ACTIVE;
import static dev.clickupsync.webhook.registry.WebhookLifecycle.FAILING;
import static dev.clickupsync.webhook.registry.WebhookLifecycle.METRIC_ADOPTED;
import static dev.clickupsync.webhook.registry.WebhookLifecycle.METRIC_CREATED;
import static dev.clickupsync.webhook.registry.WebhookLifecycle.METRIC_RECREATED;
import static dev.clickupsync.webhook.registry.WebhookLifecycle.METRIC_UPDATED;
import static dev.clickupsync.webhook.registry.WebhookLifecycle.OAUTH_WEBHOOK_EXISTS;
import static dev.clickupsync.webhook.registry.WebhookLifecycle.printable;

/**
 * The changes {@link WebhookLifecycle} makes to ClickUp's webhook and the registry: create (or
 * adopt on {@code OAUTH_171}), re-create after a refused re-activation, update the events, retire
 * replaced records. The order inside each is what keeps deliveries verifiable: a new webhook's
 * secret is stored before anything else can fail (ingest needs it for the first delivery), and a
 * replaced webhook's secret stays valid for {@code secret-grace}, since deliveries it signed may
 * still be in flight. Each change is one metric and one log line under the lifecycle's category.
 */
final class WebhookRepairs {
    private static final Logger LOG = Logger.getLogger(WebhookLifecycle.class);

    private final ClickUpClient clickUp;
    private final WebhookRegistry registry;
    private final Metrics metrics;
    private final Settings settings;

    WebhookRepairs(ClickUpClient clickUp, WebhookRegistry registry, Metrics metrics, Settings settings) {
        this.clickUp = clickUp;
        this.registry = registry;
        this.metrics = metrics;
        this.settings = settings;
    }

    record Created(Webhook webhook, boolean adopted) {
    }

    /** {@code POST /team/{id}/webhook}; {@code OAUTH_171} adopts the one that exists. */
    Created create(String team) {
        Webhook.Created answer;
        try {
            answer = clickUp.createWebhook(team, new Webhook.Request(settings.endpoint(), settings.events(),
                    null, null, null, null, null));
        } catch (ClickUpException.Validation e) {
            if (!OAUTH_WEBHOOK_EXISTS.equals(e.ecode())) {
                throw e;
            }
            Webhook existing = ours(clickUp.webhooks(team), settings.endpoint());
            if (existing == null) {
                // Webhooks belong to the user who created them and GET lists only the token's own.
                throw new Failure("exists_for_another_user",
                        "ClickUp has a webhook for the endpoint that this token cannot see (created by another user?)");
            }
            metrics.increment(METRIC_ADOPTED);
            StructuredLog.log(LOG, Logger.Level.INFO, "webhook adopted",
                    "workspace", settings.workspace(), "webhook_id", existing.id(),
                    "reason", "already_exists", "ecode", OAUTH_WEBHOOK_EXISTS, "endpoint", printable(settings.endpoint()));
            return new Created(existing, true);
        }
        Webhook created = answer.webhook();
        if (created == null || created.secret() == null) {
            String id = answer.id() != null ? answer.id() : created == null ? null : created.id();
            created = clickUp.webhooks(team).stream().filter(w -> Objects.equals(w.id(), id)).findFirst()
                    .orElseThrow(() -> new Failure("created_not_listed", "the created webhook is not listed"));
        }
        // Store the secret before anything else can fail: ingest needs it for the first delivery.
        registry.record(observed(created, team, ACTIVE), true, settings.secretGrace());
        metrics.increment(METRIC_CREATED);
        StructuredLog.log(LOG, Logger.Level.INFO, "webhook created",
                "workspace", settings.workspace(), "webhook_id", created.id(), "team_id", team,
                "endpoint", printable(settings.endpoint()), "events", String.join(",", settings.events()));
        return new Created(created, false);
    }

    /** Deletes a webhook ClickUp would not re-activate and creates ours again; the old secret keeps its grace period. */
    Webhook recreate(String team, Webhook suspended, Instant now) {
        try {
            clickUp.deleteWebhook(suspended.id());
        } catch (ClickUpException.NotFound alreadyGone) {
            // Deleted meanwhile: creating a new one is what is left to do.
        }
        Created created = create(team);
        if (created.webhook().id().equals(suspended.id())) {
            throw new Failure("recreate_conflict", "the deleted webhook is still listed");
        }
        Instant validUntil = now.plus(settings.secretGrace());
        registry.retire(suspended.id(), validUntil);
        metrics.increment(METRIC_RECREATED);
        StructuredLog.log(LOG, Logger.Level.WARN, "webhook recreated",
                "workspace", settings.workspace(), "webhook_id", created.webhook().id(),
                "old_webhook_id", suspended.id(), "old_secret_valid_until", validUntil);
        return created.webhook();
    }

    Webhook updateEvents(Webhook current) {
        Webhook.Created answer = clickUp.updateWebhook(current.id(), new Webhook.Request(settings.endpoint(),
                settings.events(), null, null, null, null, null));
        metrics.increment(METRIC_UPDATED);
        StructuredLog.log(LOG, Logger.Level.INFO, "webhook updated",
                "workspace", settings.workspace(), "webhook_id", current.id(),
                "events", String.join(",", settings.events()));
        return answer == null || answer.webhook() == null ? current : answer.webhook();
    }

    /**
     * Retires every other live record of this workspace for our endpoint (another workspace's webhook to
     * the same endpoint is its own lifecycle's): replaced webhooks keep their secret for the grace period.
     */
    void retireOthers(String currentId, Instant now) {
        Instant validUntil = now.plus(settings.secretGrace());
        for (RegisteredWebhook other : registry.forEndpoint(settings.endpoint(), settings.workspace())) {
            if (!other.webhookId().equals(currentId) && !other.retired() && registry.retire(other.webhookId(), validUntil)) {
                StructuredLog.log(LOG, Logger.Level.INFO, "webhook retired",
                        "workspace", settings.workspace(), "webhook_id", other.webhookId(),
                        "replaced_by", currentId, "secret_valid_until", validUntil);
            }
        }
    }

    /** What the registry records of a webhook ClickUp reported. */
    WebhookRegistry.Observed observed(Webhook webhook, String team, String status) {
        return new WebhookRegistry.Observed(webhook.id(), webhook.teamId() != null ? webhook.teamId() : team,
                webhook.endpoint() != null ? webhook.endpoint() : settings.endpoint(), webhook.secret(), status,
                failCount(webhook), settings.workspace());
    }

    /** Ours: exactly our endpoint, workspace-wide (no location). Prefers one that still delivers. */
    static Webhook ours(List<Webhook> webhooks, String endpoint) {
        return webhooks.stream()
                .filter(w -> endpoint.equals(w.endpoint() == null ? null : w.endpoint().trim()))
                .filter(w -> blank(w.spaceId()) && blank(w.folderId()) && blank(w.listId()) && blank(w.taskId()))
                .min(Comparator.comparingInt(w -> ACTIVE.equals(status(w)) ? 0 : FAILING.equals(status(w)) ? 1 : 2))
                .orElse(null);
    }

    static String status(Webhook webhook) {
        Webhook.Health health = webhook.health();
        return health == null || health.status() == null ? ACTIVE : health.status().trim().toLowerCase(Locale.ROOT);
    }

    static int failCount(Webhook webhook) {
        Webhook.Health health = webhook.health();
        return health == null || health.failCount() == null ? 0 : health.failCount();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
