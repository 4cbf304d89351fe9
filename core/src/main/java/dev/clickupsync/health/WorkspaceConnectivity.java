package dev.clickupsync.health;

import dev.clickupsync.clickup.ClickUpConfig;
import dev.clickupsync.clickup.ClickUpConnectivity;
import dev.clickupsync.workspace.ClickUpClients;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether ClickUp answers each further workspace's token: the same cached {@code GET /user} as the default
 * one's readiness check ({@link ClickUpConnectivity}, {@code clickup.api.health-check.cache-for}), one per
 * workspace, through that workspace's own client (its token, budget cell and breaker). Shown in the health
 * details only: a revoked token of one workspace stops that workspace's work, not the process, so it never
 * makes readiness fail. Empty for a workspace whose token this process lacks (no client) and where the
 * health check is off (the ingest function, which never calls ClickUp).
 */
@ApplicationScoped
public class WorkspaceConnectivity {
    private final Instance<ClickUpClients> clients;
    private final ClickUpConfig config;
    private final Map<String, ClickUpConnectivity> checks = new ConcurrentHashMap<>();

    @Inject
    public WorkspaceConnectivity(Instance<ClickUpClients> clients, ClickUpConfig config) {
        this.clients = clients;
        this.config = config;
    }

    /** The workspace's connectivity, checked at most once per cache period; empty as above. */
    public Optional<ClickUpConnectivity.Status> check(String workspace) {
        if (!config.healthCheck().enabled()) {
            return Optional.empty();
        }
        ClickUpConnectivity check = checks.computeIfAbsent(workspace,
                name -> clients.get().forWorkspace(name).map(c -> new ClickUpConnectivity(c, config)).orElse(null));
        return Optional.ofNullable(check).map(ClickUpConnectivity::check);
    }
}
