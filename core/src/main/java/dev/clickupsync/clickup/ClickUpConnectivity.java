package dev.clickupsync.clickup;

import dev.clickupsync.budget.BudgetExhaustedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Whether ClickUp answers with this token, from {@code GET /user}, cached for
 * {@code clickup.api.health-check.cache-for} so readiness probes cost about one call per period.
 * A spent budget is not a connectivity problem: the last known answer stands.
 */
@ApplicationScoped
public class ClickUpConnectivity {

    /** {@code UP}, {@code DOWN} (with the failure reason) or {@code DISABLED} (kill switch). */
    public record Status(String state, String reason, Instant checkedAt) {
        public boolean healthy() {
            return !"DOWN".equals(state);
        }
    }

    private final ClickUpClient client;
    private final Duration cacheFor;
    private final Clock clock = Clock.systemUTC();
    private volatile Status last;

    @Inject
    public ClickUpConnectivity(ClickUpClient client, ClickUpConfig config) {
        this.client = client;
        this.cacheFor = config.healthCheck().cacheFor();
    }

    public Status check() {
        Status cached = last;
        Instant now = clock.instant();
        if (cached != null && cached.checkedAt().plus(cacheFor).isAfter(now)) {
            return cached;
        }
        Status fresh;
        try {
            client.me();
            fresh = new Status("UP", null, now);
        } catch (ClickUpDisabledException off) {
            fresh = new Status("DISABLED", "clickup.enabled=false", now);
        } catch (BudgetExhaustedException busy) {
            return cached != null ? cached : new Status("UP", "budget busy; not checked", now);
        } catch (ClickUpException e) {
            fresh = new Status("DOWN", e.reason() + (e.ecode() == null ? "" : " " + e.ecode()), now);
        } catch (RuntimeException e) {
            fresh = new Status("DOWN", ClickUpFailures.reason(e), now);
        }
        last = fresh;
        return fresh;
    }
}
