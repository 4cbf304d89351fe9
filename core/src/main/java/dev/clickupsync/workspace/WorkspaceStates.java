package dev.clickupsync.workspace;

import dev.clickupsync.budget.BudgetKey;
import dev.clickupsync.clickup.ClickUpCalls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What health and {@code GET /admin/status} show per workspace, from this process's memory only (no call,
 * no read): whether its token is set here, its circuit breaker, and the key of its rate-budget cell
 * ({@link BudgetKey}, a hash: the token itself never leaves this class).
 *
 * <p>The default workspace's breaker is the injected client's. A further workspace's breaker exists once
 * its client does ({@link ClickUpClients}, which builds one for each workspace whose token is set here): a
 * workspace without its token in this application shows {@code token: unset} and no breaker, and the
 * others show theirs.
 */
@ApplicationScoped
public class WorkspaceStates {
    private static final Logger LOG = Logger.getLogger(WorkspaceStates.class);

    /**
     * One workspace's state.
     *
     * @param calls     its ClickUp calls in this process (breaker, last rate-limit header), or empty (above)
     * @param budgetKey its token's budget key, or empty when the token is not set here
     */
    public record State(String name, Optional<String> teamId, boolean tokenSet, Optional<ClickUpCalls> calls,
                        Optional<String> budgetKey) {
    }

    private final Workspaces workspaces;
    private final Instance<ClickUpClients> clients;
    private final ClickUpCalls defaultCalls;

    @Inject
    public WorkspaceStates(Workspaces workspaces, Instance<ClickUpClients> clients, ClickUpCalls defaultCalls) {
        this.workspaces = workspaces;
        this.clients = clients;
        this.defaultCalls = defaultCalls;
    }

    /** Every workspace, {@code default} first. */
    public List<State> states() {
        Optional<ClickUpClients> built = workspaces.all().stream().anyMatch(w -> !w.isDefault() && tokenSet(w))
                ? built() : Optional.empty();
        List<State> states = new ArrayList<>();
        for (Workspace w : workspaces.all()) {
            Optional<ClickUpCalls> calls = w.isDefault() ? Optional.of(defaultCalls) : built.flatMap(c -> c.calls(w.name()));
            states.add(new State(w.name(), w.teamId(), tokenSet(w), calls,
                    w.token().filter(WorkspaceStates::set).map(BudgetKey::of)));
        }
        return states;
    }

    private Optional<ClickUpClients> built() {
        try {
            ClickUpClients all = clients.get();
            all.workspaces(); // builds them (the bean is created on first use)
            return Optional.of(all);
        } catch (RuntimeException e) {
            LOG.warnf("workspace clients unavailable for health/status error=%s", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private static boolean tokenSet(Workspace w) {
        return w.token().filter(WorkspaceStates::set).isPresent();
    }

    private static boolean set(String token) {
        return !token.isBlank();
    }
}
