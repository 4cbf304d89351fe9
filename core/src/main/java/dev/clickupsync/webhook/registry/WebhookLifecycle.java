package dev.clickupsync.webhook.registry;

import dev.clickupsync.budget.BudgetExhaustedException;
import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.clickup.ClickUpDisabledException;
import dev.clickupsync.clickup.ClickUpException;
import dev.clickupsync.clickup.ClickUpFailures;
import dev.clickupsync.clickup.model.Teams;
import dev.clickupsync.clickup.model.Webhook;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.metrics.StructuredLog;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps one workspace-wide ClickUp webhook delivering to our endpoint, and the webhook registry in
 * step with it. Meant to run on every reconcile run (a few ClickUp calls: one listing, plus one or
 * three when something needs healing).
 *
 * <p>One run:
 * <ol>
 *   <li>{@code GET /team/{id}/webhook}; ours is the one with exactly the configured endpoint and no
 *       location. Missing: {@code POST /team/{id}/webhook}. If ClickUp answers {@code 400 OAUTH_171}
 *       ("already exists", e.g. another run created it meanwhile, or an earlier create's answer was
 *       lost and retried), that is not an error: list again and adopt it.</li>
 *   <li>Its {@code health}: {@code failing} counts {@code WebhookFailing} (and the fail count as
 *       {@code WebhookFailCount}); {@code suspended} or {@code inactive} counts {@code WebhookSuspended}
 *       and is re-activated with {@code PUT /webhook/{id}} {@code status: active}; if ClickUp refuses
 *       that, the webhook is deleted and created again ({@code WebhookRecreated}), and the new secret
 *       is stored while the old one stays valid for {@code secret-grace}.</li>
 *   <li>The registry gets what ClickUp reported (id, secret, endpoint, team, status, and
 *       {@code last_healthy_at} when it is active without failures); any other live record for the
 *       endpoint is retired with the grace period.</li>
 *   <li>Whenever deliveries may have been missed (missing, failing, suspended, re-created), the
 *       report's {@code reconcileFrom} says from when to reconcile: the last time the registry saw
 *       the webhook healthy, or now minus {@code gap-lookback}.</li>
 * </ol>
 * Each action is one metric and one structured log line; secrets are never logged (the models'
 * {@code toString} redact them). A run never throws: failures become {@link LifecycleReport.Action#FAILED}
 * with a reason, counted as {@code WebhookLifecycleFailed{Reason}}, and the next run tries again.
 */
public final class WebhookLifecycle {
    private static final Logger LOG = Logger.getLogger(WebhookLifecycle.class);
    static final String OAUTH_WEBHOOK_EXISTS = "OAUTH_171";
    static final String METRIC_CREATED = "WebhookCreated";
    static final String METRIC_ADOPTED = "WebhookAdopted";
    static final String METRIC_UPDATED = "WebhookUpdated";
    static final String METRIC_REACTIVATED = "WebhookReactivated";
    static final String METRIC_RECREATED = "WebhookRecreated";
    static final String METRIC_SUSPENDED = "WebhookSuspended";
    static final String METRIC_FAILING = "WebhookFailing";
    static final String METRIC_FAIL_COUNT = "WebhookFailCount";
    static final String METRIC_FAILED = "WebhookLifecycleFailed";

    private static final String ACTIVE = "active";
    private static final String FAILING = "failing";
    private static final String SUSPENDED = "suspended";
    private static final String INACTIVE = "inactive";

    /**
     * What the lifecycle works towards; {@link #from(WebhookLifecycleConfig)} reads the configuration.
     *
     * @param enabled     false: {@link #run()} does nothing and reports {@code DISABLED}
     * @param endpoint    our webhook URL
     * @param teamId      the workspace, or null for the token's only one
     * @param events      the events to subscribe to ({@code *} for all)
     * @param secretGrace how long a replaced secret stays valid
     * @param gapLookback how far back to reconcile when the last healthy time is unknown
     */
    public record Settings(boolean enabled, String endpoint, String teamId, List<String> events, Duration secretGrace,
                           Duration gapLookback) {
        public Settings {
            events = events == null || events.isEmpty() ? List.of("*") : List.copyOf(events);
            endpoint = endpoint == null || endpoint.isBlank() ? null : endpoint.trim();
            teamId = teamId == null || teamId.isBlank() ? null : teamId.trim();
        }

        public static Settings from(WebhookLifecycleConfig config) {
            return new Settings(config.enabled(), config.endpoint().orElse(null), config.teamId().orElse(null),
                    config.events(), config.secretGrace(), config.gapLookback());
        }

        /** Enabled, every event, the default 24 h grace and look-back. */
        public static Settings of(String endpoint, String teamId) {
            return new Settings(true, endpoint, teamId, List.of("*"), Duration.ofHours(24), Duration.ofHours(24));
        }

        public Settings withSecretGrace(Duration grace) {
            return new Settings(enabled, endpoint, teamId, events, grace, gapLookback);
        }

        public Settings withEvents(List<String> newEvents) {
            return new Settings(enabled, endpoint, teamId, newEvents, secretGrace, gapLookback);
        }

        boolean allEvents() {
            return events.contains("*");
        }
    }

    /** A run cannot continue; {@code reason} is a metric dimension. */
    private static final class Failure extends RuntimeException {
        final String reason;

        Failure(String reason, String message) {
            super(message);
            this.reason = reason;
        }
    }

    private final ClickUpClient clickUp;
    private final WebhookRegistry registry;
    private final Metrics metrics;
    private final Settings settings;
    private final Clock clock;

    public WebhookLifecycle(ClickUpClient clickUp, WebhookRegistry registry, Metrics metrics, Settings settings, Clock clock) {
        this.clickUp = clickUp;
        this.registry = registry;
        this.metrics = metrics;
        this.settings = settings;
        this.clock = clock;
    }

    public Settings settings() {
        return settings;
    }

    /** One pass: make sure our webhook exists and delivers; see the class comment. Never throws. */
    public LifecycleReport run() {
        if (!settings.enabled()) {
            return LifecycleReport.disabled();
        }
        try {
            if (settings.endpoint() == null) {
                throw new Failure("not_configured", "sync.webhook-lifecycle.endpoint is not set");
            }
            return ensure();
        } catch (Failure e) {
            return failed(e.reason, e.getMessage(), null);
        } catch (RuntimeException e) {
            // The reason is ClickUpFailures'; only our own exceptions' messages are safe to keep as the detail.
            String reason = ClickUpFailures.reason(e);
            boolean ours = e instanceof ClickUpException || e instanceof BudgetExhaustedException
                    || e instanceof ClickUpDisabledException;
            return failed(reason, ours ? e.getMessage() : e.getClass().getSimpleName(),
                    ClickUpFailures.INTERNAL.equals(reason) ? e : null);
        }
    }

    private LifecycleReport ensure() {
        Instant now = clock.instant();
        String team = teamId();
        List<RegisteredWebhook> known = registry.forEndpoint(settings.endpoint());
        Optional<Instant> lastHealthy = known.stream().map(RegisteredWebhook::lastHealthyAt).filter(Objects::nonNull)
                .max(Comparator.naturalOrder());

        LifecycleReport.Action action = LifecycleReport.Action.NONE;
        boolean gap = false;
        Webhook current = ours(clickUp.webhooks(team));
        if (current == null) {
            Created created = create(team);
            current = created.webhook();
            action = created.adopted() ? LifecycleReport.Action.ADOPTED : LifecycleReport.Action.CREATED;
            gap = true;
        }
        String id = current.id();
        if (action == LifecycleReport.Action.NONE && known.stream().noneMatch(k -> k.webhookId().equals(id) && !k.retired())) {
            action = LifecycleReport.Action.ADOPTED;
            metrics.increment(METRIC_ADOPTED);
            StructuredLog.log(LOG, Logger.Level.INFO, "webhook adopted", "webhook_id", id, "reason", "not_registered",
                    "endpoint", printable(settings.endpoint()));
        }

        String health = status(current);
        int failCount = failCount(current);
        boolean healthy;
        switch (health) {
            case FAILING -> {
                metrics.increment(METRIC_FAILING);
                metrics.record(METRIC_FAIL_COUNT, failCount, "None");
                StructuredLog.log(LOG, Logger.Level.WARN, "webhook failing", "webhook_id", id, "fail_count", failCount,
                        "reason", "webhook_failing");
                gap = true;
                healthy = false;
            }
            case SUSPENDED, INACTIVE -> {
                metrics.increment(METRIC_SUSPENDED);
                StructuredLog.log(LOG, Logger.Level.WARN, "webhook suspended", "webhook_id", id, "status", health,
                        "fail_count", failCount, "reason", "webhook_suspended");
                Healed healed = heal(team, current, now);
                current = healed.webhook();
                action = healed.recreated() ? LifecycleReport.Action.RECREATED : LifecycleReport.Action.REACTIVATED;
                gap = true;
                healthy = true;
            }
            default -> {
                if (!eventsMatch(current)) {
                    current = updateEvents(current);
                    if (action == LifecycleReport.Action.NONE) {
                        action = LifecycleReport.Action.UPDATED;
                    }
                }
                healthy = ACTIVE.equals(health) && failCount == 0;
            }
        }

        registry.record(observed(current, team, healthy ? ACTIVE : health), healthy, settings.secretGrace());
        retireOthers(current.id(), now);
        Optional<Instant> reconcileFrom = gap
                ? Optional.of(lastHealthy.orElse(now.minus(settings.gapLookback())))
                : Optional.empty();
        if (gap) {
            StructuredLog.log(LOG, Logger.Level.INFO, "webhook gap reported", "webhook_id", current.id(),
                    "reconcile_from", reconcileFrom.get(), "last_healthy_known", lastHealthy.isPresent());
        }
        return new LifecycleReport(action, current.id(), health, failCount, reconcileFrom, null);
    }

    private record Created(Webhook webhook, boolean adopted) {
    }

    private record Healed(Webhook webhook, boolean recreated) {
    }

    /** {@code POST /team/{id}/webhook}; {@code OAUTH_171} adopts the one that exists. */
    private Created create(String team) {
        Webhook.Created answer;
        try {
            answer = clickUp.createWebhook(team, new Webhook.Request(settings.endpoint(), settings.events(),
                    null, null, null, null, null));
        } catch (ClickUpException.Validation e) {
            if (!OAUTH_WEBHOOK_EXISTS.equals(e.ecode())) {
                throw e;
            }
            Webhook existing = ours(clickUp.webhooks(team));
            if (existing == null) {
                // Webhooks belong to the user who created them and GET lists only the token's own.
                throw new Failure("exists_for_another_user",
                        "ClickUp has a webhook for the endpoint that this token cannot see (created by another user?)");
            }
            metrics.increment(METRIC_ADOPTED);
            StructuredLog.log(LOG, Logger.Level.INFO, "webhook adopted", "webhook_id", existing.id(),
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
        StructuredLog.log(LOG, Logger.Level.INFO, "webhook created", "webhook_id", created.id(), "team_id", team,
                "endpoint", printable(settings.endpoint()), "events", String.join(",", settings.events()));
        return new Created(created, false);
    }

    /** Re-activates a suspended or inactive webhook; if ClickUp refuses, deletes and re-creates it. */
    private Healed heal(String team, Webhook suspended, Instant now) {
        // Its secret may still sign deliveries in flight: make sure the registry has it before it changes.
        registry.record(observed(suspended, team, status(suspended)), false, settings.secretGrace());
        try {
            Webhook.Created answer = clickUp.updateWebhook(suspended.id(), new Webhook.Request(settings.endpoint(),
                    settings.events(), null, null, null, null, ACTIVE));
            Webhook after = answer == null || answer.webhook() == null ? suspended : answer.webhook();
            String status = answer == null || answer.webhook() == null ? ACTIVE : status(after);
            if (ACTIVE.equals(status)) {
                metrics.increment(METRIC_REACTIVATED);
                StructuredLog.log(LOG, Logger.Level.INFO, "webhook reactivated", "webhook_id", suspended.id());
                return new Healed(after, false);
            }
            StructuredLog.log(LOG, Logger.Level.WARN, "webhook reactivation failed", "webhook_id", suspended.id(),
                    "reason", "still_" + status);
        } catch (ClickUpException e) {
            StructuredLog.log(LOG, Logger.Level.WARN, "webhook reactivation failed", "webhook_id", suspended.id(),
                    "reason", e.reason(), "status", e.status(), "ecode", e.ecode() == null ? "-" : e.ecode());
        }
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
        StructuredLog.log(LOG, Logger.Level.WARN, "webhook recreated", "webhook_id", created.webhook().id(),
                "old_webhook_id", suspended.id(), "old_secret_valid_until", validUntil);
        return new Healed(created.webhook(), true);
    }

    private Webhook updateEvents(Webhook current) {
        Webhook.Created answer = clickUp.updateWebhook(current.id(), new Webhook.Request(settings.endpoint(),
                settings.events(), null, null, null, null, null));
        metrics.increment(METRIC_UPDATED);
        StructuredLog.log(LOG, Logger.Level.INFO, "webhook updated", "webhook_id", current.id(),
                "events", String.join(",", settings.events()));
        return answer == null || answer.webhook() == null ? current : answer.webhook();
    }

    /** Retires every other live record for our endpoint: replaced webhooks keep their secret for the grace period. */
    private void retireOthers(String currentId, Instant now) {
        Instant validUntil = now.plus(settings.secretGrace());
        for (RegisteredWebhook other : registry.forEndpoint(settings.endpoint())) {
            if (!other.webhookId().equals(currentId) && !other.retired() && registry.retire(other.webhookId(), validUntil)) {
                StructuredLog.log(LOG, Logger.Level.INFO, "webhook retired", "webhook_id", other.webhookId(),
                        "replaced_by", currentId, "secret_valid_until", validUntil);
            }
        }
    }

    private boolean eventsMatch(Webhook webhook) {
        if (settings.allEvents() || webhook.events() == null) {
            return true;
        }
        return new HashSet<>(webhook.events()).equals(new HashSet<>(settings.events()));
    }

    private String teamId() {
        if (settings.teamId() != null) {
            return settings.teamId();
        }
        List<Teams.Team> teams = clickUp.teams();
        if (teams.size() != 1) {
            throw new Failure("team_id_required", "the token sees " + teams.size()
                    + " workspaces: set sync.webhook-lifecycle.team-id");
        }
        return teams.get(0).id();
    }

    /** Ours: exactly our endpoint, workspace-wide (no location). Prefers one that still delivers. */
    private Webhook ours(List<Webhook> webhooks) {
        return webhooks.stream()
                .filter(w -> settings.endpoint().equals(w.endpoint() == null ? null : w.endpoint().trim()))
                .filter(w -> blank(w.spaceId()) && blank(w.folderId()) && blank(w.listId()) && blank(w.taskId()))
                .min(Comparator.comparingInt(w -> ACTIVE.equals(status(w)) ? 0 : FAILING.equals(status(w)) ? 1 : 2))
                .orElse(null);
    }

    private WebhookRegistry.Observed observed(Webhook webhook, String team, String status) {
        return new WebhookRegistry.Observed(webhook.id(), webhook.teamId() != null ? webhook.teamId() : team,
                webhook.endpoint() != null ? webhook.endpoint() : settings.endpoint(), webhook.secret(), status,
                failCount(webhook));
    }

    private LifecycleReport failed(String reason, String detail, RuntimeException unexpected) {
        metrics.increment(METRIC_FAILED, "Reason", reason);
        if (unexpected != null) {
            LOG.errorf(unexpected, "webhook lifecycle failed reason=%s error=%s", reason, detail);
        } else {
            StructuredLog.log(LOG, Logger.Level.ERROR, "webhook lifecycle failed", "reason", reason,
                    "detail", detail == null ? "-" : detail);
        }
        return LifecycleReport.failed(reason);
    }

    private static String status(Webhook webhook) {
        Webhook.Health health = webhook.health();
        return health == null || health.status() == null ? ACTIVE : health.status().trim().toLowerCase(Locale.ROOT);
    }

    private static int failCount(Webhook webhook) {
        Webhook.Health health = webhook.health();
        return health == null || health.failCount() == null ? 0 : health.failCount();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** The endpoint without query or user info (a URL can carry a token there); for log lines. */
    static String printable(String endpoint) {
        try {
            URI uri = URI.create(endpoint);
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                    + (uri.getPath() == null ? "" : uri.getPath());
        } catch (IllegalArgumentException e) {
            return "<unparseable>";
        }
    }
}
