package dev.clickupsync.hierarchy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.clickup.ClickUpException;
import dev.clickupsync.goal.GoalPass;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.metrics.StructuredLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reconcile's hierarchy pass for one workspace: repairs the stored spaces, folders and lists from
 * ClickUp's listings, for what events missed (a dropped {@code listCreated}, a rename, a deletion).
 * Cheap by design, and at most once per {@code sync.reconcile.hierarchy.interval} and workspace
 * ({@link #runIfDue}): {@code 1 + 2 × spaces + folders} calls ({@code GET /team/{id}/space}, per space
 * {@code /space/{id}/folder} and {@code /space/{id}/list}, per folder {@code /folder/{id}/list}),
 * plus one {@code GET} per stored object that no listing showed, plus the members of at most
 * {@code sync.reconcile.hierarchy.members-per-pass} lists ({@code GET /list/{id}/member}), in rotation by
 * list id from where the previous pass stopped ({@link #rotation}): the walk lists the ids, the rotation
 * picks the next ones after the stored cursor and wraps round, and the cursor moves only when they were all
 * read, so a pass cut short reads the same lists again.
 *
 * <ol>
 *   <li>Every listed object is written with the time its listing was asked (the store's guards keep
 *       a newer fetch or a later deletion);</li>
 *   <li>then, only when every listing was read, each stored link of the walked parents that the
 *       listings did not produce is checked: its object listed elsewhere (moved, the link left behind
 *       by a write cut short) drops the link; an object not listed at all is asked for by id, and
 *       {@code 404} deletes it with everything under it ({@link HierarchyCascade}), an answer (an
 *       archived object, which listings leave out) is written. Only a {@code 404} deletes.</li>
 * </ol>
 * {@code beforeCall} runs before every ClickUp call (reconcile's deadline and budget share: it throws
 * to stop, and the next run starts over, as nothing here needs a cursor); {@code beforePage} before
 * every page of a cascade (the deadline only).
 *
 * <p>When due, the workspace's goal pass ({@link GoalPass}) runs with it, after the hierarchy walk,
 * under the same {@code beforeCall}: goals change rarely and the pass is cheap. The pass is recorded
 * only when both ran to their end.
 */
@ApplicationScoped
public class HierarchyPass {
    private static final Logger LOG = Logger.getLogger(HierarchyPass.class);
    /** {@link HierarchyConfig#membersPerPass()}'s default, for the constructors that take no config. */
    static final int DEFAULT_MEMBERS_PER_PASS = 50;

    private final ClickUpClient clickUp;
    private final HierarchyStore store;
    private final HierarchyCascade cascade;
    private final Metrics metrics;
    private final HierarchySchedule schedule;
    private final boolean listMembers;
    private final int membersPerPass;
    /** Null: no goal pass. */
    private final GoalPass goals;

    @Inject
    public HierarchyPass(ClickUpClient clickUp, HierarchyStore store, HierarchyCascade cascade, Metrics metrics,
                         HierarchySchedule schedule, HierarchyConfig config, GoalPass goals) {
        this(clickUp, store, cascade, metrics, schedule, config.listMembers(), config.membersPerPass(), goals);
    }

    /** A pass that reads list members too, without the goal pass. */
    public HierarchyPass(ClickUpClient clickUp, HierarchyStore store, HierarchyCascade cascade, Metrics metrics,
                         HierarchySchedule schedule) {
        this(clickUp, store, cascade, metrics, schedule, true, DEFAULT_MEMBERS_PER_PASS, null);
    }

    /** A pass that reads list members too. */
    public HierarchyPass(ClickUpClient clickUp, HierarchyStore store, HierarchyCascade cascade, Metrics metrics,
                         HierarchySchedule schedule, GoalPass goals) {
        this(clickUp, store, cascade, metrics, schedule, true, DEFAULT_MEMBERS_PER_PASS, goals);
    }

    public HierarchyPass(ClickUpClient clickUp, HierarchyStore store, HierarchyCascade cascade, Metrics metrics,
                         HierarchySchedule schedule, boolean listMembers, GoalPass goals) {
        this(clickUp, store, cascade, metrics, schedule, listMembers, DEFAULT_MEMBERS_PER_PASS, goals);
    }

    public HierarchyPass(ClickUpClient clickUp, HierarchyStore store, HierarchyCascade cascade, Metrics metrics,
                         HierarchySchedule schedule, boolean listMembers, int membersPerPass, GoalPass goals) {
        this.listMembers = listMembers;
        this.membersPerPass = Math.max(1, membersPerPass);
        this.goals = goals;
        this.clickUp = clickUp;
        this.store = store;
        this.cascade = cascade;
        this.metrics = metrics;
        this.schedule = schedule;
    }

    /** What one pass did. */
    public record Result(int calls, int written, int deleted) {
    }

    /** A pass in progress: what the listings showed. */
    private final class Walk {
        final String teamId;
        final Runnable beforeCall;
        final Runnable beforePage;
        final Set<String> seenIds = new HashSet<>();
        final Set<String> seenLinks = new HashSet<>();
        final List<String> lists = new ArrayList<>();
        int calls;
        int written;
        int deleted;

        Walk(String teamId, Runnable beforeCall, Runnable beforePage) {
            this.teamId = teamId;
            this.beforeCall = beforeCall;
            this.beforePage = beforePage;
        }

        List<JsonNode> list(java.util.function.Supplier<JsonNode> call, String member, HierarchyKind kind) {
            beforeCall.run();
            Instant asked = store.beforeFetch();
            calls++;
            List<JsonNode> objects = new ArrayList<>();
            call.get().path(member).forEach(objects::add);
            for (JsonNode json : objects) {
                seen(kind, json);
                if (cascade.write(kind, json, kind == HierarchyKind.SPACE ? teamId : null, asked, beforePage)) {
                    written++;
                }
                if (kind == HierarchyKind.LIST) {
                    lists.add(HierarchyItems.text(json, "id"));
                }
            }
            return objects;
        }

        /** The list's members; a 404 (deleted since it was listed) is left to the next pass. */
        void members(String listId) {
            beforeCall.run();
            Instant asked = store.beforeFetch();
            calls++;
            try {
                store.writeMembers(listId, clickUp.listMembers(listId), asked);
            } catch (ClickUpException.NotFound gone) {
                metrics.increment("ReconcileHierarchyMembersGone");
            }
        }

        void seen(HierarchyKind kind, JsonNode json) {
            seenIds.add(kind.code() + "#" + HierarchyItems.text(json, "id"));
            String pk = HierarchyItems.linkPartition(kind, json, teamId);
            if (pk != null) {
                seenLinks.add(pk + "|" + HierarchyItems.linkSort(json));
            }
        }
    }

    /**
     * {@link #run}, when the workspace's last complete pass is older than
     * {@code sync.reconcile.hierarchy.interval} ({@link HierarchySchedule}); empty, with no ClickUp
     * call, when it is not. Only a pass that ran to its end is recorded.
     */
    public Optional<Result> runIfDue(String teamId, Runnable beforeCall, Runnable beforePage) {
        if (!schedule.due(teamId)) {
            return Optional.empty();
        }
        Result result = run(teamId, beforeCall, beforePage);
        if (goals != null) {
            goals.run(teamId, beforeCall);
        }
        schedule.completed(teamId);
        return Optional.of(result);
    }

    public Result run(String teamId, Runnable beforeCall, Runnable beforePage) {
        Walk walk = new Walk(teamId, beforeCall, beforePage);
        List<String> spaces = ids(walk.list(() -> clickUp.spaces(teamId), "spaces", HierarchyKind.SPACE));
        List<String> folders = new ArrayList<>();
        for (String space : spaces) {
            folders.addAll(ids(walk.list(() -> clickUp.folders(space), "folders", HierarchyKind.FOLDER)));
            walk.list(() -> clickUp.folderlessLists(space), "lists", HierarchyKind.LIST);
        }
        for (String folder : folders) {
            walk.list(() -> clickUp.folderLists(folder), "lists", HierarchyKind.LIST);
        }
        check(walk, HierarchyItems.spacesOf(teamId), HierarchyKind.SPACE, beforePage);
        for (String space : spaces) {
            check(walk, HierarchyItems.foldersOf(space), HierarchyKind.FOLDER, beforePage);
            check(walk, HierarchyItems.folderlessListsOf(space), HierarchyKind.LIST, beforePage);
        }
        for (String folder : folders) {
            check(walk, HierarchyItems.listsOf(folder), HierarchyKind.LIST, beforePage);
        }
        members(walk);
        metrics.increment("ReconcileHierarchyPass");
        StructuredLog.log(LOG, Logger.Level.INFO, "reconcile hierarchy pass", "team", teamId, "calls", walk.calls,
                "written", walk.written, "deleted", walk.deleted);
        return new Result(walk.calls, walk.written, walk.deleted);
    }

    /** The stored links of one parent the listings did not produce: dangling, or an object to confirm. */
    private void check(Walk walk, String partition, HierarchyKind kind, Runnable beforePage) {
        for (HierarchyStore.Link link : store.children(partition)) {
            if (walk.seenLinks.contains(link.pk() + "|" + link.sk())) {
                continue;
            }
            if (walk.seenIds.contains(kind.code() + "#" + link.id())) {
                store.removeDangling(link); // listed elsewhere: this copy is left over
                continue;
            }
            walk.beforeCall.run();
            Instant asked = store.beforeFetch();
            walk.calls++;
            try {
                JsonNode json = clickUp.hierarchyObject(kind.code(), link.id());
                cascade.write(kind, json, kind == HierarchyKind.SPACE ? walk.teamId : null, asked, beforePage);
            } catch (ClickUpException.NotFound gone) {
                cascade.delete(kind, link.id(), asked, beforePage);
                walk.deleted++;
                metrics.increment("ReconcileHierarchyDeletionsFound", "Kind", kind.code());
            }
        }
    }

    /** The members of this pass's share of the lists, then the rotation's new cursor. */
    private void members(Walk walk) {
        if (!listMembers || walk.lists.isEmpty()) {
            return;
        }
        List<String> due = rotation(walk.lists, schedule.membersAfter(walk.teamId), membersPerPass);
        for (String listId : due) {
            walk.members(listId);
        }
        schedule.membersReached(walk.teamId, due.get(due.size() - 1));
    }

    /**
     * The next {@code max} list ids after {@code after} in id order, wrapping round to the first; each id
     * at most once. Ids compare as numbers when both are (ClickUp's are), else as text.
     */
    static List<String> rotation(List<String> listIds, Optional<String> after, int max) {
        List<String> sorted = listIds.stream().filter(java.util.Objects::nonNull).distinct()
                .sorted(HierarchyPass::compareIds).toList();
        int start = 0;
        if (after.isPresent()) {
            while (start < sorted.size() && compareIds(sorted.get(start), after.get()) <= 0) {
                start++;
            }
        }
        List<String> due = new ArrayList<>();
        for (int i = 0; i < Math.min(max, sorted.size()); i++) {
            due.add(sorted.get((start + i) % sorted.size()));
        }
        return due;
    }

    private static int compareIds(String a, String b) {
        if (a.chars().allMatch(Character::isDigit) && b.chars().allMatch(Character::isDigit) && !a.isEmpty() && !b.isEmpty()) {
            return new java.math.BigInteger(a).compareTo(new java.math.BigInteger(b));
        }
        return a.compareTo(b);
    }

    private static List<String> ids(List<JsonNode> objects) {
        return objects.stream().map(o -> HierarchyItems.text(o, "id")).filter(java.util.Objects::nonNull).toList();
    }
}
