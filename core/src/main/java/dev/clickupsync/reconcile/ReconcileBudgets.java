package dev.clickupsync.reconcile;

import dev.clickupsync.budget.RateBudget;
import dev.clickupsync.clickup.TeamRoutes;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reconcile's budget share per token (issue #17): the share is counted on the reconcile cell of the
 * token the current team's calls use, because ClickUp's limit is per token. The team is chosen by
 * {@link #select} around every step of a team (with its route, see {@link TeamPasses}); outside a
 * team (listing the workspaces) and for a team whose token is the default's, the default cell counts.
 *
 * <p>Invariant: a call is never counted on another token's cell, so one workspace's spent share stops
 * only that workspace's reconcile steps. The selection is per thread: a run is one thread.
 */
final class ReconcileBudgets {
    private final RateBudget defaultCell;
    private final Function<String, RateBudget> cellOfTokenKey;
    private final Map<String, RateBudget> cells = new ConcurrentHashMap<>();
    private final ThreadLocal<RateBudget> current = new ThreadLocal<>();

    /**
     * @param defaultCell    the default token's share
     * @param cellOfTokenKey the share of the token with this {@code BudgetKey}; null: every team counts on the default
     */
    ReconcileBudgets(RateBudget defaultCell, Function<String, RateBudget> cellOfTokenKey) {
        this.defaultCell = defaultCell;
        this.cellOfTokenKey = cellOfTokenKey;
    }

    /** The cell the calls on this thread count on now. */
    RateBudget current() {
        RateBudget selected = current.get();
        return selected == null ? defaultCell : selected;
    }

    /** Until the returned scope closes, calls on this thread count on {@code teamId}'s token's cell. */
    Selection select(String teamId, TeamRoutes routes) {
        return select(cellOfTokenKey == null ? defaultCell
                : routes.tokenKey(teamId).map(key -> cells.computeIfAbsent(key, cellOfTokenKey)).orElse(defaultCell));
    }

    /**
     * {@code work} counting on this thread's current cell wherever it runs: the walk's read-ahead page is
     * fetched on a reader thread ({@link PageAhead}), and must count on its team's cell, not the default.
     */
    <T> Supplier<T> carried(Supplier<T> work) {
        RateBudget cell = current();
        return () -> {
            try (Selection selected = select(cell)) {
                return work.get();
            }
        };
    }

    private Selection select(RateBudget cell) {
        RateBudget previous = current.get();
        current.set(cell);
        return () -> {
            if (previous == null) {
                current.remove();
            } else {
                current.set(previous);
            }
        };
    }

    /** Restores the selection made before {@link #select}; use with try-with-resources. */
    interface Selection extends AutoCloseable {
        @Override
        void close();
    }
}
