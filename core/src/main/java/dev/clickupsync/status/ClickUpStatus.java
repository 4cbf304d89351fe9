package dev.clickupsync.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.budget.BudgetConfig;
import dev.clickupsync.budget.BudgetKey;
import dev.clickupsync.budget.Gcra;
import dev.clickupsync.budget.MinuteWindow;
import dev.clickupsync.clickup.ClickUpCalls;
import dev.clickupsync.clickup.ClickUpConfig;
import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.json.Json;
import dev.clickupsync.reconcile.ReconcileBudget;
import dev.clickupsync.reconcile.ReconcileConfig;
import dev.clickupsync.store.Item;
import dev.clickupsync.workspace.WorkspaceStates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Instant;

/**
 * The {@code clickup} section: the circuit breaker of every function ({@link FleetBreaker}, from the
 * {@code ClickUpCircuitState} metric through {@link FleetMetrics}; {@code scope: fleet}), or, where
 * CloudWatch is off or failed, this process's ({@link ClickUpCalls}; {@code scope: process} with
 * {@code fleet_reason}); ClickUp's last {@code X-RateLimit-Remaining} as this process saw it; and the rate
 * budgets of the token, which every function shares through the control table: the token's cell and
 * reconcile's share, one {@code GetItem} each.
 *
 * <p>A budget is one GCRA number, {@code tat} (see {@code budget.Gcra}); what it tells: how long a
 * new caller would wait ({@code wait_ms}), how many slots are already reserved past now
 * ({@code reserved_ahead}) and how many a burst could take at once ({@code free_now}); beside it the
 * item keeps a minute window of granted slots, counted by the same write that grants one, from which
 * {@code used_last_minute} is estimated ({@code budget.MinuteWindow}).
 *
 * <p>{@code workspaces} repeats that per workspace ({@code workspace.WorkspaceStates}): team id, whether its
 * token is set in this process (never the token), its breaker, and its two cells (two {@code GetItem}s per
 * workspace whose token is set here). The top-level breaker and budgets are the default workspace's, as before.
 */
@ApplicationScoped
public class ClickUpStatus {
    private final ClickUpCalls calls;
    private final DynamoDbClient dynamo;
    private final String table;
    private final String tokenKey;
    private final String reconcileKey;
    private final Gcra tokenGcra;
    private final Gcra reconcileGcra;
    private final WorkspaceStates workspaces;

    @Inject
    public ClickUpStatus(ClickUpCalls calls, DynamoDbClient dynamo, SyncConfig sync, ClickUpConfig clickUp,
                         BudgetConfig budget, ReconcileConfig reconcile, WorkspaceStates workspaces) {
        this.calls = calls;
        this.workspaces = workspaces;
        this.dynamo = dynamo;
        this.table = sync.tables().control();
        this.tokenKey = BudgetKey.of(clickUp.token());
        this.reconcileKey = ReconcileBudget.key(clickUp.token());
        this.tokenGcra = new Gcra(budget.limit(), budget.window(), budget.safetyMargin());
        this.reconcileGcra = ReconcileBudget.gcra(budget, reconcile.budgetShare());
    }

    /** The section; {@code fleet} is the document's one fleet reading ({@link FleetMetrics#read}). */
    JsonNode report(StatusReport.Sections sections, Instant now, FleetMetrics.Fleet fleet) {
        ObjectNode clickUp = Json.MAPPER.createObjectNode();
        clickUp.set("circuit_breaker", sections.section("clickup.circuit_breaker", () -> circuitBreaker(fleet, now)));
        ObjectNode budgets = clickUp.putObject("rate_budget");
        budgets.set("token", sections.section("clickup.rate_budget.token", () -> {
            ObjectNode cell = budget(tokenKey, tokenGcra, now);
            ClickUpCalls.Observed<Integer> remaining = calls.lastRemaining();
            ObjectNode header = cell.putObject("last_rate_limit_remaining");
            if (remaining == null) {
                header.putNull("value");
                header.putNull("at");
            } else {
                header.put("value", remaining.value());
                header.put("at", remaining.at().toString());
            }
            header.put("scope", "process");
            return cell;
        }));
        budgets.set("reconcile", sections.section("clickup.rate_budget.reconcile", () -> budget(reconcileKey, reconcileGcra, now)));
        clickUp.set("workspaces", sections.section("clickup.workspaces", () -> workspaces(sections, now)));
        return clickUp;
    }

    private JsonNode workspaces(StatusReport.Sections sections, Instant now) {
        ObjectNode all = Json.MAPPER.createObjectNode();
        for (WorkspaceStates.State w : workspaces.states()) {
            ObjectNode one = all.putObject(w.name());
            one.put("team_id", w.teamId().orElse(null));
            one.put("token", w.tokenSet() ? "set" : "unset");
            one.set("circuit_breaker", w.calls().<JsonNode>map(ClickUpStatus::breaker).orElse(Json.MAPPER.nullNode()));
            ObjectNode budgets = one.putObject("rate_budget");
            if (w.budgetKey().isEmpty()) {
                budgets.putNull("token");
                budgets.putNull("reconcile");
                continue;
            }
            String key = w.budgetKey().get();
            budgets.set("token", sections.section("clickup.workspaces.rate_budget", () -> budget(key, tokenGcra, now)));
            budgets.set("reconcile", sections.section("clickup.workspaces.rate_budget",
                    () -> budget(ReconcileBudget.keyOf(key), reconcileGcra, now)));
        }
        return all;
    }

    /** Every function's breaker from CloudWatch; this process's with the reason when that cannot be read. */
    private JsonNode circuitBreaker(FleetMetrics.Fleet fleet, Instant now) {
        if (fleet.available()) {
            return FleetBreaker.report(fleet, now);
        }
        return breaker(calls).put("fleet_reason", fleet.reason());
    }

    private static ObjectNode breaker(ClickUpCalls calls) {
        ClickUpCalls.Observed<String> state = calls.circuitState();
        ObjectNode breaker = Json.MAPPER.createObjectNode();
        breaker.put("state", state.value());
        if (state.at() == null) {
            breaker.putNull("since");
        } else {
            breaker.put("since", state.at().toString());
        }
        breaker.put("scope", "process");
        return breaker;
    }

    private ObjectNode budget(String key, Gcra gcra, Instant now) {
        Item item = Item.of(dynamo.getItem(b -> b.tableName(table).key(Item.key("budget#" + key, "budget"))).item());
        long nowMicros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
        long tat = item.longOr("tat", 0);
        long interval = gcra.intervalMicros();
        long tolerance = (long) (gcra.burst() - 1) * interval;
        long ahead = Math.max(0, tat - nowMicros);
        ObjectNode cell = Json.MAPPER.createObjectNode();
        cell.put("limit_per_window", gcra.rate() + gcra.burst());
        cell.put("window_seconds", gcra.windowMicros() / 1_000_000.0);
        cell.put("steady_rate_per_window", gcra.rate());
        cell.put("burst", gcra.burst());
        cell.put("wait_ms", Math.max(0, ahead - tolerance) / 1_000);
        cell.put("reserved_ahead", (ahead + interval - 1) / interval);
        cell.put("free_now", ahead > tolerance ? 0 : (tolerance - ahead) / interval + 1);
        cell.put("used_last_minute", MinuteWindow.usedLastMinute(item, now));
        return cell;
    }
}
