package dev.clickupsync.admin;

import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.clickup.ClickUpException;
import dev.clickupsync.clickup.ClickUpRoute;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.metrics.StructuredLog;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.TaskSnapshot;
import dev.clickupsync.workspace.ClickUpClients;
import dev.clickupsync.workspace.Workspace;
import dev.clickupsync.workspace.Workspaces;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * Re-reads one task from ClickUp and writes it to the mirror, without any webhook: for a task an
 * operator knows is stale (a lost event, a DLQ entry that was purged).
 *
 * <p>The write goes through {@link MirrorStore#upsertFetched}, so the stale-write guard applies: if the
 * mirror already holds this version or a newer one (a drain got there first), nothing changes; a
 * tombstone an earlier {@code 404} left is replaced whatever the version (the task is back, counted as
 * {@code MirrorTombstoneHealed{Source=resync}}). A task ClickUp answers {@code 404} for becomes a
 * {@code not_found} tombstone ({@link MirrorStore#notFound}), exactly as the drain treats it. ClickUp
 * errors (rate budget, kill switch, circuit breaker, auth) propagate unchanged and nothing is written.
 *
 * <p>The task is read with the token of the workspace that owns it, never another's: the workspace named
 * by the request, else the one whose team the mirrored task belongs to, else (a task the mirror has not
 * seen, or of a team no workspace names) the default workspace, as with one workspace. A name no workspace
 * has, or a workspace other than the one the mirrored task belongs to, is refused ({@link UnknownWorkspace})
 * before any call. The default workspace's calls go through the injected client; another's through its own
 * client ({@link ClickUpClients}, its token, budget cell and breaker), resolved only then, so a deployment
 * of one workspace never builds it.
 */
@ApplicationScoped
public class TaskResync {

    /** What the resync did to the mirror. */
    public enum Outcome {
        /** ClickUp's version was newer than the mirror's and was written. */
        APPLIED,
        /** The mirror already held this version or a newer one; left as it was. */
        UNCHANGED,
        /** ClickUp has no such task (any more): the mirror marks it deleted. */
        TOMBSTONED;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * @param snapshot what the mirror holds for the task after the resync (for {@link Outcome#UNCHANGED},
     *                 the stored version, which may be newer than the one just fetched)
     */
    public record Result(Outcome outcome, TaskSnapshot snapshot, String workspace) {
    }

    private static final Logger LOG = Logger.getLogger(TaskResync.class);

    private final ClickUpClient clickUp;
    private final MirrorStore mirror;
    private final Metrics metrics;
    private final Workspaces workspaces;
    /** The route to a further workspace's client (by name); never asked for the default one. */
    private final Function<String, ClickUpRoute.Scope> routeTo;

    /** One workspace: every task goes through {@code clickUp}. */
    public TaskResync(ClickUpClient clickUp, MirrorStore mirror, Metrics metrics) {
        this(clickUp, mirror, metrics, Workspaces.single(new Workspace(Workspace.DEFAULT, Optional.empty(),
                Optional.empty(), java.util.List.of(), Optional.empty(), Optional.empty(), java.util.List.of(),
                java.util.List.of(), java.util.List.of())), name -> {
                    throw new IllegalStateException("no workspace " + name);
                });
    }

    @Inject
    public TaskResync(ClickUpClient clickUp, MirrorStore mirror, Metrics metrics, Workspaces workspaces,
                      Instance<ClickUpClients> clients) {
        this(clickUp, mirror, metrics, workspaces, name -> clients.get().route(name));
    }

    TaskResync(ClickUpClient clickUp, MirrorStore mirror, Metrics metrics, Workspaces workspaces,
               Function<String, ClickUpRoute.Scope> routeTo) {
        this.clickUp = clickUp;
        this.mirror = mirror;
        this.metrics = metrics;
        this.workspaces = workspaces;
        this.routeTo = routeTo;
    }

    /** Resyncs through the workspace that owns the task (class comment). */
    public Result resync(String taskId) {
        return resync(taskId, null);
    }

    /**
     * @param workspace the workspace the request names, or null to take the mirrored task's own
     * @throws UnknownWorkspace for a name no workspace has, or a workspace that does not own the mirrored task
     */
    public Result resync(String taskId, String workspace) {
        Workspace owner = owner(taskId, workspace);
        try (ClickUpRoute.Scope route = owner.isDefault() ? ClickUpRoute.to(null) : routeTo.apply(owner.name())) {
            return fetched(taskId, owner.name());
        }
    }

    private Workspace owner(String taskId, String named) {
        Optional<Workspace> ofTask = mirror.find(taskId).map(TaskSnapshot::teamId).flatMap(workspaces::byTeamId);
        if (named == null) {
            return ofTask.orElse(workspaces.defaultWorkspace());
        }
        Workspace asked = workspaces.named(named).orElseThrow(() -> UnknownWorkspace.named(named, workspaces));
        if (ofTask.isPresent() && !ofTask.get().name().equals(asked.name())) {
            throw new UnknownWorkspace("Task " + taskId + " belongs to workspace '" + ofTask.get().name()
                    + "', not '" + asked.name() + "'.");
        }
        return asked;
    }

    private Result fetched(String taskId, String workspace) {
        Outcome outcome;
        TaskSnapshot fetched = null;
        Instant asked = mirror.beforeFetch();
        try {
            fetched = TaskSnapshot.of(clickUp.task(taskId));
            MirrorStore.Write write = mirror.upsertFetched(fetched, asked);
            if (write == MirrorStore.Write.HEALED) {
                metrics.increment("MirrorTombstoneHealed", "Source", "resync");
                StructuredLog.log(LOG, Logger.Level.INFO, "mirror tombstone healed", "task", taskId, "source", "resync");
            }
            outcome = write.written() ? Outcome.APPLIED : Outcome.UNCHANGED;
        } catch (ClickUpException.NotFound gone) {
            mirror.notFound(taskId, asked);
            outcome = Outcome.TOMBSTONED;
        }
        metrics.increment("AdminResync", "Outcome", outcome.code());
        TaskSnapshot stored = mirror.find(taskId).orElse(fetched);
        return new Result(outcome, stored, workspace);
    }
}
