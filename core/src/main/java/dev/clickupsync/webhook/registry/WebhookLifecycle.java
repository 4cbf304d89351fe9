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
import java.util.Objects;
import java.util.Optional;

import static dev.clickupsync.webhook.registry.WebhookRepairs.failCount;
import static dev.clickupsync.webhook.registry.WebhookRepairs.status;

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
 * {@code ensure} runs these as named steps over one {@code Pass} (start, find or create, adopt if
 * unregistered, check health, finish); the changes themselves (create, re-create, update, retire)
 * are {@link WebhookRepairs}.
 * One instance keeps one workspace's webhook ({@link Settings#workspace()}), through that workspace's
 * client, and sees only that workspace's registry records, so another workspace's webhook to the same
 * endpoint is never adopted, retired or counted as a gap here; {@link WebhookLifecycles} runs one per
 * workspace.
 * Each action is one metric and one structured log line (with the workspace); secrets are never logged (the models'
 * {@code toString} redact them). A run never throws: failures become {@link LifecycleReport.Action#FAILED}
 * with a reason, counted as {@code WebhookLifecycleFailed{Reason, Workspace}}, and the next run tries again.
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

    static final String ACTIVE = "active";
    static final String FAILING = "failing";
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
     * @param workspace   whose webhook this is ({@code sync.workspaces} name, {@code default} for the
     *                    single-workspace keys): the registry's records it sees and writes, and a
     *                    metric dimension
     */
    public record Settings(boolean enabled, String endpoint, String teamId, List<String> events, Duration secretGrace,
                           Duration gapLookback, String workspace) {
        public Settings {
            events = events == null || events.isEmpty() ? List.of("*") : List.copyOf(events);
            endpoint = endpoint == null || endpoint.isBlank() ? null : endpoint.trim();
            teamId = teamId == null || teamId.isBlank() ? null : teamId.trim();
            workspace = RegisteredWebhook.workspaceOrDefault(workspace);
        }

        /** The {@code default} workspace's. */
        public Settings(boolean enabled, String endpoint, String teamId, List<String> events, Duration secretGrace,
                        Duration gapLookback) {
            this(enabled, endpoint, teamId, events, secretGrace, gapLookback, null);
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
            return new Settings(enabled, endpoint, teamId, events, grace, gapLookback, workspace);
        }

        public Settings withEvents(List<String> newEvents) {
            return new Settings(enabled, endpoint, teamId, newEvents, secretGrace, gapLookback, workspace);
        }

        /** The same webhook kept for another workspace: its name and team, everything else shared. */
        public Settings forWorkspace(String name, String team) {
            return new Settings(enabled, endpoint, team, events, secretGrace, gapLookback, name);
        }

        boolean allEvents() {
            return events.contains("*");
        }
    }

    /** A run cannot continue; {@code reason} is a metric dimension. */
    static final class Failure extends RuntimeException {
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
    private final WebhookRepairs repairs;

    public WebhookLifecycle(ClickUpClient clickUp, WebhookRegistry registry, Metrics metrics, Settings settings, Clock clock) {
        this.clickUp = clickUp;
        this.registry = registry;
        this.metrics = metrics;
        this.settings = settings;
        this.clock = clock;
        this.repairs = new WebhookRepairs(clickUp, registry, metrics, settings);
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

    /** The steps of one pass, in order; each reads and fills the {@link Pass}. */
    private LifecycleReport ensure() {
        Pass pass = start();
        findOrCreate(pass);
        adoptIfUnregistered(pass);
        checkHealth(pass);
        return finish(pass);
    }

    /** What one pass learns and decides. */
    private static final class Pass {
        final Instant now;
        final String team;
        final List<RegisteredWebhook> known;
        /** When the registry last saw our webhook healthy: where a gap's reconcile starts. */
        final Optional<Instant> lastHealthy;
        Webhook current;
        LifecycleReport.Action action = LifecycleReport.Action.NONE;
        /** Deliveries may have been missed: the report asks reconcile to cover the window. */
        boolean gap;
        String health;
        int failCount;
        boolean healthy;

        Pass(Instant now, String team, List<RegisteredWebhook> known, Optional<Instant> lastHealthy) {
            this.now = now;
            this.team = team;
            this.known = known;
            this.lastHealthy = lastHealthy;
        }
    }

    /** The workspace and the registry's records for our endpoint, before anything changes. */
    private Pass start() {
        Instant now = clock.instant();
        String team = teamId();
        List<RegisteredWebhook> known = registry.forEndpoint(settings.endpoint(), settings.workspace());
        Optional<Instant> lastHealthy = known.stream().map(RegisteredWebhook::lastHealthyAt).filter(Objects::nonNull)
                .max(Comparator.naturalOrder());
        return new Pass(now, team, known, lastHealthy);
    }

    /** Ours as ClickUp lists it; created (or adopted on {@code OAUTH_171}) when missing, which is a gap. */
    private void findOrCreate(Pass pass) {
        pass.current = WebhookRepairs.ours(clickUp.webhooks(pass.team), settings.endpoint());
        if (pass.current == null) {
            WebhookRepairs.Created created = repairs.create(pass.team);
            pass.current = created.webhook();
            pass.action = created.adopted() ? LifecycleReport.Action.ADOPTED : LifecycleReport.Action.CREATED;
            pass.gap = true;
        }
    }

    /** A listed webhook without a live registry record (made by hand, or the registry was reset) is adopted. */
    private void adoptIfUnregistered(Pass pass) {
        String id = pass.current.id();
        if (pass.action == LifecycleReport.Action.NONE
                && pass.known.stream().noneMatch(k -> k.webhookId().equals(id) && !k.retired())) {
            pass.action = LifecycleReport.Action.ADOPTED;
            metrics.increment(METRIC_ADOPTED);
            StructuredLog.log(LOG, Logger.Level.INFO, "webhook adopted",
                    "workspace", settings.workspace(), "webhook_id", id, "reason", "not_registered",
                    "endpoint", printable(settings.endpoint()));
        }
    }

    /** Its {@code health}: failing is counted (a gap), suspended or inactive is healed, active gets its events checked. */
    private void checkHealth(Pass pass) {
        pass.health = status(pass.current);
        pass.failCount = failCount(pass.current);
        switch (pass.health) {
            case FAILING -> failing(pass);
            case SUSPENDED, INACTIVE -> suspended(pass);
            default -> active(pass);
        }
    }

    private void failing(Pass pass) {
        metrics.increment(METRIC_FAILING);
        metrics.record(METRIC_FAIL_COUNT, pass.failCount, "None");
        StructuredLog.log(LOG, Logger.Level.WARN, "webhook failing",
                "workspace", settings.workspace(), "webhook_id", pass.current.id(),
                "fail_count", pass.failCount, "reason", "webhook_failing");
        pass.gap = true;
        pass.healthy = false;
    }

    private void suspended(Pass pass) {
        metrics.increment(METRIC_SUSPENDED);
        StructuredLog.log(LOG, Logger.Level.WARN, "webhook suspended",
                "workspace", settings.workspace(), "webhook_id", pass.current.id(),
                "status", pass.health, "fail_count", pass.failCount, "reason", "webhook_suspended");
        Healed healed = heal(pass.team, pass.current, pass.now);
        pass.current = healed.webhook();
        pass.action = healed.recreated() ? LifecycleReport.Action.RECREATED : LifecycleReport.Action.REACTIVATED;
        pass.gap = true;
        pass.healthy = true;
    }

    private void active(Pass pass) {
        if (!eventsMatch(pass.current)) {
            pass.current = repairs.updateEvents(pass.current);
            if (pass.action == LifecycleReport.Action.NONE) {
                pass.action = LifecycleReport.Action.UPDATED;
            }
        }
        pass.healthy = ACTIVE.equals(pass.health) && pass.failCount == 0;
    }

    /** Records what ClickUp reported, retires replaced records, and says from when to reconcile after a gap. */
    private LifecycleReport finish(Pass pass) {
        registry.record(repairs.observed(pass.current, pass.team, pass.healthy ? ACTIVE : pass.health), pass.healthy,
                settings.secretGrace());
        repairs.retireOthers(pass.current.id(), pass.now);
        Optional<Instant> reconcileFrom = pass.gap
                ? Optional.of(pass.lastHealthy.orElse(pass.now.minus(settings.gapLookback())))
                : Optional.empty();
        if (pass.gap) {
            StructuredLog.log(LOG, Logger.Level.INFO, "webhook gap reported",
                    "workspace", settings.workspace(), "webhook_id", pass.current.id(),
                    "reconcile_from", reconcileFrom.get(), "last_healthy_known", pass.lastHealthy.isPresent());
        }
        return new LifecycleReport(pass.action, pass.current.id(), pass.health, pass.failCount, reconcileFrom, null);
    }

    private record Healed(Webhook webhook, boolean recreated) {
    }

    /** Re-activates a suspended or inactive webhook; if ClickUp refuses, deletes and re-creates it. */
    private Healed heal(String team, Webhook suspended, Instant now) {
        // Its secret may still sign deliveries in flight: make sure the registry has it before it changes.
        registry.record(repairs.observed(suspended, team, status(suspended)), false, settings.secretGrace());
        try {
            Webhook.Created answer = clickUp.updateWebhook(suspended.id(), new Webhook.Request(settings.endpoint(),
                    settings.events(), null, null, null, null, ACTIVE));
            Webhook after = answer == null || answer.webhook() == null ? suspended : answer.webhook();
            String status = answer == null || answer.webhook() == null ? ACTIVE : status(after);
            if (ACTIVE.equals(status)) {
                metrics.increment(METRIC_REACTIVATED);
                StructuredLog.log(LOG, Logger.Level.INFO, "webhook reactivated",
                        "workspace", settings.workspace(), "webhook_id", suspended.id());
                registry.reactivated(suspended.id());
                return new Healed(after, false);
            }
            StructuredLog.log(LOG, Logger.Level.WARN, "webhook reactivation failed",
                    "workspace", settings.workspace(), "webhook_id", suspended.id(),
                    "reason", "still_" + status);
        } catch (ClickUpException e) {
            StructuredLog.log(LOG, Logger.Level.WARN, "webhook reactivation failed",
                    "workspace", settings.workspace(), "webhook_id", suspended.id(),
                    "reason", e.reason(), "status", e.status(), "ecode", e.ecode() == null ? "-" : e.ecode());
        }
        Webhook recreated = repairs.recreate(team, suspended, now);
        registry.reactivated(recreated.id());
        return new Healed(recreated, true);
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

    private LifecycleReport failed(String reason, String detail, RuntimeException unexpected) {
        return failed(metrics, settings.workspace(), reason, detail, unexpected);
    }

    /** A failed run of {@code workspace}'s lifecycle: one metric, one log line (never a secret), the report. */
    static LifecycleReport failed(Metrics metrics, String workspace, String reason, String detail, RuntimeException unexpected) {
        metrics.increment(METRIC_FAILED, "Reason", reason, "Workspace", workspace);
        if (unexpected != null) {
            LOG.errorf(unexpected, "webhook lifecycle failed reason=%s workspace=%s error=%s", reason, workspace, detail);
        } else {
            StructuredLog.log(LOG, Logger.Level.ERROR, "webhook lifecycle failed", "reason", reason,
                    "workspace", workspace, "detail", detail == null ? "-" : detail);
        }
        return LifecycleReport.failed(reason);
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
