package dev.clickupsync.hierarchy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clickupsync.clickup.CallDeadline;
import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.clickup.ClickUpException;
import dev.clickupsync.clickup.ClickUpOutOfTimeException;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.metrics.StructuredLog;
import dev.clickupsync.webhook.registry.WebhookLifecycleConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The drain's handling of {@code list*}, {@code folder*} and {@code space*} events, which carry only
 * the object's id. The drain groups them per object ({@link HierarchyEvents#groupKey}) and hands each
 * group here, in the order received:
 * <ul>
 *   <li>the last event is a {@code *Deleted}: the object and everything under it are tombstoned
 *       ({@link HierarchyCascade}), no ClickUp call;</li>
 *   <li>otherwise one {@code GET /space|folder|list/{id}} stores the object as ClickUp shows it now,
 *       which covers every event of the group (created, renamed, moved: a list's new folder is in its
 *       JSON; the tasks under a renamed or moved one follow, {@link HierarchyCascade#write}); a
 *       {@code 404} is a deletion (the event was older than the object's deletion), cascaded the same
 *       way. A {@code listCreated} also stores the list's members ({@code GET /list/{id}/member}).</li>
 * </ul>
 * Reordered or repeated events are harmless: a fetch stores the present, and the store's guards keep
 * a slower fetch from overwriting a newer one or undoing a deletion. Any other failure is thrown for
 * the drain's usual classification ({@code ClickUpFailures}: 429 and the budget defer, 5xx fails and
 * is redelivered). A cascade that runs out of the invocation's time throws
 * {@link ClickUpOutOfTimeException} between pages, and the redelivered event finishes it.
 *
 * <p>ClickUp's space JSON does not name its workspace: a new space is linked under the team of the
 * workspace the event was routed to ({@link #apply(String, List, String)}: a further workspace's
 * {@code sync.workspaces.<name>.team-id}; the default one's {@code sync.webhook-lifecycle.team-id} when
 * that is set), else left unlinked (readable by id) until reconcile's hierarchy pass, which knows the
 * workspace it lists, links it. Never under another workspace's team: that team's pass would not find
 * it listed and would ask for it with the wrong token.
 */
@ApplicationScoped
public class HierarchyDrain {
    private static final Logger LOG = Logger.getLogger(HierarchyDrain.class);

    private final ClickUpClient clickUp;
    private final HierarchyStore store;
    private final HierarchyCascade cascade;
    private final Metrics metrics;
    private final String teamId;
    private final Clock clock;

    @Inject
    public HierarchyDrain(ClickUpClient clickUp, HierarchyStore store, HierarchyCascade cascade, Metrics metrics,
                          WebhookLifecycleConfig lifecycle) {
        this(clickUp, store, cascade, metrics, lifecycle.teamId().orElse(null), Clock.systemUTC());
    }

    public HierarchyDrain(ClickUpClient clickUp, HierarchyStore store, HierarchyCascade cascade, Metrics metrics,
                          String teamId, Clock clock) {
        this.clickUp = clickUp;
        this.store = store;
        this.cascade = cascade;
        this.metrics = metrics;
        this.teamId = teamId;
        this.clock = clock;
    }

    /** The default workspace's team a new space is linked under ({@code sync.webhook-lifecycle.team-id}), or null. */
    public String defaultTeamId() {
        return teamId;
    }

    /**
     * Applies one object's events of the workspace whose team is {@code workspaceTeamId} (null: unknown, a new
     * space is left unlinked).
     *
     * @return the ClickUp calls made (0 to 2)
     */
    public int apply(String groupKey, List<String> events, String workspaceTeamId) {
        HierarchyKind kind = HierarchyEvents.kind(groupKey);
        String id = HierarchyEvents.id(groupKey);
        String last = events.get(events.size() - 1);
        if (last.endsWith("Deleted")) {
            deleted(kind, id, store.beforeFetch(), last);
            return 0;
        }
        Instant asked = store.beforeFetch();
        try {
            JsonNode json = clickUp.hierarchyObject(kind.code(), id);
            boolean written = cascade.write(kind, json, kind == HierarchyKind.SPACE ? workspaceTeamId : null, asked, this::checkTime);
            metrics.increment("HierarchyFetched", "Kind", kind.code(), "Outcome", written ? "written" : "stale");
            if (kind == HierarchyKind.LIST && events.contains("listCreated")) {
                // A new list's members, so GET /list/{id}/member answers before the next hierarchy pass.
                Instant membersAsked = store.beforeFetch();
                store.writeMembers(id, clickUp.listMembers(id), membersAsked);
                return 2;
            }
        } catch (ClickUpException.NotFound gone) {
            deleted(kind, id, asked, "not_found");
        }
        return 1;
    }

    private void deleted(HierarchyKind kind, String id, Instant at, String why) {
        int tasks = cascade.delete(kind, id, at, this::checkTime);
        StructuredLog.log(LOG, Logger.Level.INFO, "hierarchy deleted", "kind", kind.code(), "id", id, "by", why,
                "tasks", tasks);
    }

    /** Between cascade pages: past the drain's call deadline, stop; the event is deferred and redone. */
    private void checkTime() {
        CallDeadline.current().filter(d -> !clock.instant().isBefore(d)).ifPresent(d -> {
            throw new ClickUpOutOfTimeException("hierarchy cascade");
        });
    }
}
