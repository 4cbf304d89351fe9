package dev.clickupsync.query;

import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.MirrorStore.Entry;
import dev.clickupsync.mirror.TaskSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers {@code GET /list/{id}/task} and {@code GET /team/{id}/task} ({@link TaskQuery}) from the
 * mirror with DynamoDB {@code Query}s, never a scan.
 *
 * <h2>Index items</h2>
 * Besides its entry ({@code task#<id>}/{@code snapshot}), every live task has 8 small items in the
 * mirror table ({@link IndexKeys}): for its list ({@code tq#l#<list>#<archived 0|1>}) and its
 * workspace ({@code tq#t#<team>#<archived 0|1>}), one per order, sort keys {@code i#<id>},
 * {@code c#<created>#<id>}, {@code u#<updated>#<id>}, {@code d#<due or ~>#<id>} (times zero-padded,
 * the id breaking ties). Each item carries what the filters read and {@code v}, the entry version it
 * indexes ({@link IndexEntry}). No GSI: a GSI could not hold one item per order, and index items
 * share the table's keys, provisioning and IAM.
 *
 * <h2>A page</h2>
 * <ol>
 *   <li><b>Key condition</b>: the scope and {@code archived} pick the partition, {@code order_by} the sort
 *       key prefix; {@code reverse} is {@code ScanIndexForward=true} (ascending), its absence descending.
 *       So the Query returns tasks in the asked order and never an item of another scope or archive state.</li>
 *   <li><b>In memory on the walked index items</b> ({@link TaskFilter}): closed, subtasks/parent, statuses,
 *       assignees, tags, the four date ranges, {@code custom_fields}, {@code custom_items} (task types), and
 *       the team's space/folder/list narrowing. A filter expression would cost the same read units (DynamoDB charges what it reads).</li>
 *   <li><b>Page numbers by walking</b> ({@link IndexWalk}): ClickUp pages are numbered, DynamoDB pages are
 *       keyset, so page {@code N} skips {@code 100 N} matches, takes 100, and looks for one more
 *       ({@code last_page}). The skipped items are small (about 250 bytes without custom fields), and
 *       each Query's {@code Limit} is about what is still wanted, so page {@code N} of an unfiltered list
 *       costs {@code ceil(items walked x size / 1 MB)} Queries, usually one. Under a partition generation
 *       ({@link PageClock}, read by the page cache before it computes) the walk starts from the nearest
 *       page start an earlier walk under the same generation passed ({@link PageCursors}), so a client
 *       reading page after page walks each item about once; the generation is what invalidates them.</li>
 *   <li><b>Entries</b>: one {@code BatchGetItem} of the page's 100 entries (strongly consistent). An entry whose
 *       version is not the item's {@code v}, that is deleted, archived otherwise or elsewhere (an item a
 *       crash or a race left) is dropped, and the walk goes on to fill the page.</li>
 * </ol>
 *
 * <h2>Read units per page</h2>
 * Queries are strongly consistent ({@link IndexWalk} says why): 1 RCU per 4 KB walked, so page {@code N}
 * of an unfiltered list walks {@code 100 (N+1) + 1} items, about {@code 6.4 (N+1)} RCU (from a known page
 * start {@code S}, {@code N - S} counts instead of {@code N}); a filter that passes a fraction
 * {@code f} of the tasks walks {@code 1/f} times as many. The {@code BatchGetItem} is 1 RCU per entry
 * under 4 KB: about 100 RCU, the bulk of a shallow page. Round trips: the Queries (1 for a first page,
 * about 1 + items walked / 4,000 in general) plus one {@code BatchGetItem}; 10,000 tasks in a list is
 * at most 3 Queries for any page ({@code TaskQueryCostTest} counts them).
 *
 * <h2>Consistency with the entries</h2>
 * {@link TaskIndex} writes the items after the guarded entry write ({@link MirrorStore} tells it, with
 * the entry replaced), idempotently, re-reading the entry until what it indexed is current. Readers
 * trust an item only when its {@code v} is the entry's version, so a stale item is never served; a
 * missing one (crash between the two writes) hides the task until its next write or reconcile fetches
 * it. Known limits: a stale item skipped in an earlier page shifts later pages by one until healed;
 * a filter that matches few tasks walks the whole partition to prove {@code last_page}.
 */
@ApplicationScoped
public class TaskQueryEngine {
    private final DynamoDbClient dynamo;
    private final String table;
    private final MirrorStore mirror;
    private final PageCursors cursors;

    @Inject
    public TaskQueryEngine(DynamoDbClient dynamo, SyncConfig config, MirrorStore mirror, PageCursors cursors) {
        this(dynamo, config.tables().mirror(), mirror, cursors);
    }

    /** Without page starts: every page walks from its partition's start. */
    public TaskQueryEngine(DynamoDbClient dynamo, String table, MirrorStore mirror) {
        this(dynamo, table, mirror, PageCursors.none());
    }

    public TaskQueryEngine(DynamoDbClient dynamo, String table, MirrorStore mirror, PageCursors cursors) {
        this.dynamo = dynamo;
        this.table = table;
        this.mirror = mirror;
        this.cursors = cursors;
    }

    /** The query's page, in its order, with {@code last_page}, walked from the partition's start. */
    public TaskPage run(TaskQuery query) {
        return run(query, null);
    }

    /**
     * The query's page, in its order, with {@code last_page}; the same page as {@link #run(TaskQuery)}.
     *
     * @param generation the partition's generation, read before this call ({@link PageClock#generation}): the walk
     *                   starts from the nearest page start known under it ({@link PageCursors}) and leaves the starts
     *                   it passes under it; null: from the partition's start, remembering nothing
     */
    public TaskPage run(TaskQuery query, String generation) {
        Optional<PageCursors.Start> start = cursors.nearest(query, generation);
        int from = start.map(PageCursors.Start::page).orElse(0);
        long skip = (long) (query.page() - from) * TaskQuery.PAGE_SIZE;
        IndexWalk walk = new IndexWalk(dynamo, table, query, skip + TaskQuery.PAGE_SIZE + 1,
                start.map(PageCursors.Start::key).orElse(null));
        Starts passed = new Starts(from);
        for (long i = 0; i < skip && walk.hasNext(); i++) {
            passed.take(walk);
        }
        List<TaskSnapshot> page = new ArrayList<>();
        Instant verified = null;
        Instant written = null;
        while (page.size() < TaskQuery.PAGE_SIZE && walk.hasNext()) {
            List<IndexEntry> candidates = new ArrayList<>();
            while (candidates.size() < TaskQuery.PAGE_SIZE - page.size() && walk.hasNext()) {
                candidates.add(passed.take(walk));
            }
            Map<String, Entry> entries = mirror.findEntries(candidates.stream().map(IndexEntry::taskId).toList());
            for (IndexEntry candidate : candidates) {
                Entry entry = entries.get(candidate.taskId());
                if (entry != null && current(entry.snapshot(), candidate, query)) {
                    page.add(entry.snapshot());
                    verified = earliest(verified, entry.verifiedThrough());
                    written = earliest(written, entry.writtenAt());
                }
            }
        }
        cursors.remember(query, generation, passed.found);
        return new TaskPage(page, !walk.hasNext(), verified, written);
    }

    /** Counts the matches a walk hands out from page {@code from}'s start, noting where each further page starts. */
    private static final class Starts {
        final Map<Integer, Map<String, AttributeValue>> found = new HashMap<>();
        private final int from;
        private long taken;

        Starts(int from) {
            this.from = from;
        }

        IndexEntry take(IndexWalk walk) {
            IndexEntry entry = walk.next();
            if (++taken % TaskQuery.PAGE_SIZE == 0) {
                found.put(from + (int) (taken / TaskQuery.PAGE_SIZE), walk.lastKey());
            }
            return entry;
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    /** Whether the index item still describes the stored entry, in this query's partition. */
    private static boolean current(TaskSnapshot s, IndexEntry item, TaskQuery query) {
        if (s.deleted() || s.dateUpdated() == null || s.dateUpdated().toEpochMilli() != item.version()
                || s.archived() != query.archived()) {
            return false;
        }
        String scopeId = query.scope().kind() == Scope.Kind.LIST ? s.listId() : s.teamId();
        return query.scope().id().equals(scopeId);
    }
}
