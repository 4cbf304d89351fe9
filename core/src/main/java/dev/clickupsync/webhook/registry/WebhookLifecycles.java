package dev.clickupsync.webhook.registry;

import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.clickup.ClickUpFailures;
import dev.clickupsync.clickup.ClickUpTokenUnset;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.workspace.ClickUpClients;
import dev.clickupsync.workspace.Workspace;
import dev.clickupsync.workspace.Workspaces;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The webhook lifecycle of every workspace (issue #17): the {@code default} workspace's
 * {@link WebhookLifecycle} (the single-workspace keys, unchanged), then one per further workspace that has a
 * team id, each keeping that workspace's own workspace-wide webhook to the same endpoint.
 *
 * <p>Invariants: a workspace's lifecycle calls ClickUp only through that workspace's client
 * ({@link ClickUpClients}: its token, its budget cell, its breaker), and sees and writes only the registry
 * records of that workspace ({@link WebhookRegistry#forEndpoint(String, String)}); so a revoked token, a 429
 * or an outage in one workspace fails only that workspace's step (its {@link LifecycleReport} is
 * {@code FAILED}, counted as {@code WebhookLifecycleFailed{Reason, Workspace}}), and the others run as usual.
 * Each report comes back with its workspace and team, so reconcile rewinds only the teams of the workspace
 * whose webhook had a gap.
 *
 * <p>The further workspaces' lifecycles are built on the first {@link #run()}, not at start-up: the admin
 * function (ingest) holds this bean for its backfill entry point but has no workspace tokens, and never runs
 * the lifecycle.
 */
public final class WebhookLifecycles {

    /**
     * One workspace's lifecycle run.
     *
     * @param workspace the workspace's name
     * @param teamId    its team id, or null for the default workspace without one (the token's teams)
     * @param report    what its lifecycle found and did
     */
    public record Ran(String workspace, String teamId, LifecycleReport report) {
        public boolean isDefault() {
            return Workspace.DEFAULT.equals(workspace);
        }
    }

    private final WebhookLifecycle defaultLifecycle;
    private final List<Workspace> further;
    private final Function<Workspace, WebhookLifecycle> factory;
    private final Metrics metrics;
    private final Map<String, WebhookLifecycle> built = new ConcurrentHashMap<>();

    private WebhookLifecycles(WebhookLifecycle defaultLifecycle, List<Workspace> further,
                              Function<Workspace, WebhookLifecycle> factory, Metrics metrics) {
        this.defaultLifecycle = defaultLifecycle;
        this.further = List.copyOf(further);
        this.factory = factory;
        this.metrics = metrics;
    }

    /** Only the default workspace's lifecycle (a deployment of one workspace; tests and benches). */
    public static WebhookLifecycles single(WebhookLifecycle defaultLifecycle) {
        return new WebhookLifecycles(defaultLifecycle, List.of(), w -> {
            throw new IllegalStateException("no further workspace");
        }, null);
    }

    /**
     * The default workspace's lifecycle and one per further workspace with a team id, each with the
     * default's settings (endpoint, events, grace, look-back, on or off) for its own team and name.
     */
    public static WebhookLifecycles of(WebhookLifecycle defaultLifecycle, Workspaces workspaces, ClickUpClients clients,
                                       WebhookRegistry registry, Metrics metrics, Clock clock) {
        List<Workspace> further = workspaces.all().stream().filter(w -> !w.isDefault() && w.teamId().isPresent()).toList();
        return new WebhookLifecycles(defaultLifecycle, further, w -> new WebhookLifecycle(
                clients.forWorkspace(w.name()).orElseThrow(() -> new ClickUpTokenUnset(w.name())), registry, metrics,
                defaultLifecycle.settings().forWorkspace(w.name(), w.teamId().orElseThrow()), clock), metrics);
    }

    /** Each workspace's lifecycle once, the default first; never throws (each run reports its own failure). */
    public List<Ran> run() {
        List<Ran> ran = new ArrayList<>();
        ran.add(new Ran(Workspace.DEFAULT, defaultLifecycle.settings().teamId(), defaultLifecycle.run()));
        for (Workspace w : further) {
            ran.add(new Ran(w.name(), w.teamId().orElseThrow(), runOne(w)));
        }
        return ran;
    }

    /** The team ids of the further workspaces: never the default workspace's to rewind. */
    public Set<String> otherWorkspacesTeams() {
        return further.stream().map(w -> w.teamId().orElseThrow()).collect(Collectors.toUnmodifiableSet());
    }

    private LifecycleReport runOne(Workspace w) {
        if (!defaultLifecycle.settings().enabled()) {
            return LifecycleReport.disabled();
        }
        WebhookLifecycle lifecycle;
        try {
            lifecycle = built.computeIfAbsent(w.name(), name -> factory.apply(w));
        } catch (RuntimeException e) {
            // e.g. the workspace has no token: its message names the key to set, never a value.
            return WebhookLifecycle.failed(metrics, w.name(), ClickUpFailures.NOT_CONFIGURED, e.getMessage(), null);
        }
        return lifecycle.run();
    }
}
