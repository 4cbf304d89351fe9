package dev.clickupsync.workspace;

import dev.clickupsync.budget.BudgetConfig;
import dev.clickupsync.budget.BudgetKey;
import dev.clickupsync.budget.Gcra;
import dev.clickupsync.budget.SharedRateBudget;
import dev.clickupsync.clickup.ClickUpApi;
import dev.clickupsync.clickup.ClickUpAuthHeaders;
import dev.clickupsync.clickup.ClickUpCalls;
import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.clickup.ClickUpConfig;
import dev.clickupsync.clickup.ClickUpRoute;
import dev.clickupsync.clickup.ClickUpTokenUnset;
import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.metrics.Metrics;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One {@link ClickUpClient} per workspace: {@code default} is the injected client (unchanged), every
 * other workspace gets its own, with its token, its own {@link SharedRateBudget} cell (keyed by
 * {@link BudgetKey} of its token, as ClickUp limits per token: spending one workspace's budget never
 * slows another) and its own circuit breaker ({@code clickup-<name>}: one workspace's ClickUp errors do
 * not open another's). Retries, timeouts and the kill switch are the shared {@code clickup.*} settings.
 *
 * <p>Built when first used (the drain's first batch), so an application that never drains builds none;
 * a workspace without a token fails that first use with a message naming its key, never a value.
 */
@ApplicationScoped
public class ClickUpClients {
    private final Map<String, ClickUpClient> byName = new LinkedHashMap<>();
    private final Map<String, ClickUpCalls> callsByName = new LinkedHashMap<>();
    private final Workspaces workspaces;

    @Inject
    public ClickUpClients(Workspaces workspaces, ClickUpClient defaultClient, DynamoDbClient dynamo, SyncConfig sync,
                          ClickUpConfig config, BudgetConfig budget, Metrics metrics,
                          @ConfigProperty(name = "clickup.enabled", defaultValue = "true") boolean enabled,
                          @ConfigProperty(name = "quarkus.rest-client.clickup.connect-timeout", defaultValue = "2000") long connectMillis,
                          @ConfigProperty(name = "quarkus.rest-client.clickup.read-timeout", defaultValue = "5000") long readMillis) {
        this.workspaces = workspaces;
        Gcra gcra = new Gcra(budget.limit(), budget.window(), budget.safetyMargin());
        for (Workspace w : workspaces.all()) {
            if (w.isDefault()) {
                byName.put(w.name(), defaultClient);
                continue;
            }
            if (w.token().filter(t -> !t.isBlank()).isEmpty()) {
                continue; // its calls fail alone (route), the other workspaces' are built
            }
            String token = w.token().orElseThrow();
            SharedRateBudget rate = new SharedRateBudget(dynamo, sync.tables().control(), BudgetKey.of(token), gcra,
                    Clock.systemUTC(), d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000));
            ClickUpCalls calls = new ClickUpCalls(rate, metrics, budget, config, enabled, "clickup-" + w.name());
            ClickUpApi api = QuarkusRestClientBuilder.newBuilder()
                    .baseUri(URI.create(w.apiUrl().orElse(config.url())))
                    .connectTimeout(connectMillis, TimeUnit.MILLISECONDS)
                    .readTimeout(readMillis, TimeUnit.MILLISECONDS)
                    .clientHeadersFactory(ClickUpAuthHeaders.forToken(token))
                    .build(ClickUpApi.class);
            byName.put(w.name(), new ClickUpClient(api, calls, config, false));
            callsByName.put(w.name(), calls);
        }
    }

    /** A further workspace's calls (its breaker, its last rate-limit header), for health and status; empty for default. */
    public Optional<ClickUpCalls> calls(String name) {
        return Optional.ofNullable(callsByName.get(name));
    }

    /** The client of the workspace {@code name}, or empty when no such workspace is configured or it has no token here. */
    public Optional<ClickUpClient> forWorkspace(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * ClickUp calls on this thread go through the workspace {@code name}'s client until the scope
     * closes. The default workspace is the injected client itself, so it routes nowhere (routing the
     * injected client to itself would loop).
     */
    public ClickUpRoute.Scope route(String name) {
        ClickUpClient client = byName.get(name);
        if (client == null && workspaces.named(name).isPresent()) {
            throw new ClickUpTokenUnset(name);
        }
        if (client == null) {
            throw new IllegalArgumentException("no workspace " + name);
        }
        return ClickUpRoute.to(Workspace.DEFAULT.equals(name) ? null : client);
    }

    /** The client of the workspace with this team id, or empty. */
    public Optional<ClickUpClient> forTeam(String teamId) {
        return workspaces.byTeamId(teamId).flatMap(w -> forWorkspace(w.name()));
    }

    public Workspaces workspaces() {
        return workspaces;
    }
}
