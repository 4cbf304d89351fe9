package dev.clickupsync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clickupsync.comment.CommentStore;
import dev.clickupsync.hierarchy.HierarchyKind;
import dev.clickupsync.json.Json;
import dev.clickupsync.hierarchy.HierarchyObject;
import dev.clickupsync.hierarchy.HierarchyStore;
import dev.clickupsync.mirror.TimeEntryRecord;
import dev.clickupsync.mirror.TimeEntryStore;
import dev.clickupsync.testkit.clickup.FakeHierarchy;
import dev.clickupsync.testkit.clickup.FakeTimeEntry;
import dev.clickupsync.testkit.clickup.FakeWorkspace;
import org.jboss.logging.Logger;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The mirror's spaces, folders, lists, comments and time entries against the fake's truth, for the
 * chaos audit (issue #17), each counted per object that differs:
 * <ul>
 *   <li>a container the fake holds differs unless the mirror holds it live with the same name; one the
 *       fake deleted differs while the mirror shows it live;</li>
 *   <li>on each task live in the fake, a comment differs unless the mirror holds it live exactly as
 *       {@code GET /task/{id}/comment} shows it (the first page, 25 comments: enough for the bench's
 *       tasks), and a comment the mirror holds live that ClickUp does not list differs too;</li>
 *   <li>on each task live in the fake, a time entry differs when only one side has it or its start,
 *       end or duration differ, or its description where the mirror knows one (the legacy shape leaves
 *       it null, unknown, by design).</li>
 * </ul>
 * A deleted task's comments and entries are not compared: the mirror's task is a tombstone.
 */
final class ObjectTruth {
    private static final Logger LOG = Logger.getLogger(ObjectTruth.class);

    private ObjectTruth() {
    }

    /** What differs, per kind. */
    record Differing(int containers, int comments, int timeEntries) {
    }

    static Differing compare(FakeWorkspace fake, HierarchyStore hierarchy, CommentStore comments, TimeEntryStore entries,
                             Map<String, String> containers, Collection<String> taskIds) {
        int c = 0;
        for (Map.Entry<String, String> e : containers.entrySet()) {
            if (!containerMatches(fake, hierarchy, e.getKey(), e.getValue())) {
                c++;
            }
        }
        int m = 0;
        int t = 0;
        for (String task : taskIds) {
            if (!fake.isDeleted(task)) {
                m += commentsDiffering(task, fake, comments);
                t += entriesDiffering(task, fake, entries);
            }
        }
        return new Differing(c, m, t);
    }

    private static boolean containerMatches(FakeWorkspace fake, HierarchyStore store, String id, String kind) {
        Optional<String> name = switch (kind) {
            case "space" -> fake.space(id).map(FakeHierarchy.Space::name);
            case "folder" -> fake.folder(id).map(FakeHierarchy.Folder::name);
            default -> fake.taskList(id).map(FakeHierarchy.TaskList::name);
        };
        Optional<HierarchyObject> stored = store.find(HierarchyKind.valueOf(kind.toUpperCase()), id).filter(o -> !o.deleted());
        boolean matches = name.isPresent()
                ? stored.map(o -> name.get().equals(o.json().path("name").asText(null))).orElse(false)
                : stored.isEmpty();
        if (!matches) {
            LOG.infof("chaos audit: %s %s differs: fake %s, mirror %s", kind, id, name.orElse("(deleted)"),
                    stored.map(o -> o.json().path("name").asText()).orElse("(none)"));
        }
        return matches;
    }

    private static int commentsDiffering(String task, FakeWorkspace fake, CommentStore store) {
        Map<String, JsonNode> truth = new HashMap<>();
        fake.commentsJson(task).path("comments").forEach(c -> truth.put(c.path("id").asText(), reread(c)));
        Map<String, JsonNode> mirrored = new HashMap<>();
        store.live(task).forEach(c -> mirrored.put(c.commentId(), reread(c.json())));
        int differing = 0;
        for (String id : union(truth.keySet(), mirrored.keySet())) {
            if (!Objects.equals(truth.get(id), mirrored.get(id))) {
                differing++;
                LOG.infof("chaos audit: comment %s on %s differs: fake %s, mirror %s", id, task, truth.get(id), mirrored.get(id));
            }
        }
        return differing;
    }

    private static int entriesDiffering(String task, FakeWorkspace fake, TimeEntryStore store) {
        Map<String, FakeTimeEntry> truth = new HashMap<>();
        fake.timeEntries(task).forEach(e -> truth.put(e.id(), e));
        Map<String, TimeEntryRecord> mirrored = new HashMap<>();
        store.forTask(task).forEach(e -> mirrored.put(e.entryId(), e));
        int differing = 0;
        for (String id : union(truth.keySet(), mirrored.keySet())) {
            FakeTimeEntry e = truth.get(id);
            TimeEntryRecord r = mirrored.get(id);
            if (e == null || r == null || !sameTimes(e, r)
                    || r.description() != null && !r.description().equals(e.description())) {
                differing++;
                LOG.infof("chaos audit: time entry %s on %s differs: fake %s, mirror %s", id, task, e, r);
            }
        }
        return differing;
    }

    /** The node as its JSON text reads back: numbers compare by value whatever node type built them. */
    private static JsonNode reread(JsonNode node) {
        try {
            return Json.MAPPER.readTree(node.toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean sameTimes(FakeTimeEntry e, TimeEntryRecord r) {
        return r.start() != null && r.start().toEpochMilli() == e.start()
                && Objects.equals(e.end(), r.end() == null ? null : r.end().toEpochMilli())
                && r.durationMs() == e.duration();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
