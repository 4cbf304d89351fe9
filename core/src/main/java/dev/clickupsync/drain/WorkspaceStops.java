package dev.clickupsync.drain;

import dev.clickupsync.clickup.ClickUpFailure;
import dev.clickupsync.clickup.ClickUpFailures;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.metrics.StructuredLog;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One batch's memory of what stopped which workspace, so that a workspace's trouble stops only that
 * workspace's events (issue #17). Per token, as ClickUp's answers are: a spent budget, an open breaker
 * or a 429 defers the rest of <em>that</em> workspace's groups (another token has its own budget and
 * breaker); a rejected token ({@code 401}) fails them without another call (a revoked token stays
 * revoked until a human replaces it), counted once per batch as {@code WorkspaceTokenRejected{Workspace}},
 * which an alarm watches. Only what is not per token stops every workspace: the invocation's time and
 * the kill switch. With one workspace this is exactly the drain's old rule, "the rest of the batch waits".
 */
final class WorkspaceStops {
    private static final Logger LOG = Logger.getLogger(WorkspaceStops.class);
    static final String ALL = "*";

    /** Why and for how long a workspace's remaining groups wait. */
    record Deferral(Duration delay, String reason) {
    }

    private final Metrics metrics;
    private final Map<String, Deferral> deferred = new HashMap<>();
    private final Set<String> rejected = new HashSet<>();

    WorkspaceStops(Metrics metrics) {
        this.metrics = metrics;
    }

    /** The deferral that applies to {@code workspace}'s next group, if any. */
    Optional<Deferral> deferral(String workspace) {
        return Optional.ofNullable(deferred.getOrDefault(ALL, deferred.get(workspace)));
    }

    /** True when every workspace waits (time, kill switch): nothing more to decide in this batch. */
    boolean allDeferred() {
        return deferred.containsKey(ALL);
    }

    /** True when {@code workspace}'s token was rejected in this batch: its groups fail without a call. */
    boolean tokenRejected(String workspace) {
        return rejected.contains(workspace);
    }

    /** Every workspace waits from now (the invocation's time is up). */
    void deferAll(Duration delay, String reason) {
        deferred.put(ALL, new Deferral(delay, reason));
    }

    /** Remembers a group's deferrable failure: for every workspace when it is not the token's. */
    void deferred(String workspace, ClickUpFailure failure, Duration delay) {
        boolean global = failure.decision() == ClickUpFailure.Decision.RETRY_NOW
                || ClickUpFailures.DISABLED.equals(failure.reason());
        deferred.put(global ? ALL : workspace, new Deferral(delay, failure.reason()));
    }

    /** Remembers a group's failure when it says the workspace's token was rejected. */
    void failed(String workspace, ClickUpFailure failure) {
        if (ClickUpFailures.AUTHENTICATION.equals(failure.reason()) && rejected.add(workspace)) {
            metrics.increment("WorkspaceTokenRejected", "Workspace", workspace);
            StructuredLog.log(LOG, Logger.Level.ERROR, "workspace stopped", "reason", failure.reason(),
                    "workspace", workspace);
        }
    }
}
