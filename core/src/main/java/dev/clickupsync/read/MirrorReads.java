package dev.clickupsync.read;

import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.query.CustomTaskIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The mirror's tasks as the read API may serve them: a live entry, or a rejection saying why not
 * (never seen: {@code task-not-mirrored}; a tombstone of either kind: {@code task-deleted}, since
 * ClickUp answers 404 for a deleted task too). Reads only: {@link MirrorStore#findEntry} and
 * {@link MirrorStore#findEntries} (strongly consistent), and for a custom id first its lookup item
 * ({@link CustomTaskIds}, one {@code GetItem}); the entry found must still carry that custom id in
 * that workspace (a lookup item may lag its entry), else the custom id is not mirrored.
 */
@ApplicationScoped
class MirrorReads {
    @Inject
    MirrorStore mirror;
    @Inject
    CustomTaskIds customIds;

    /**
     * One live task's entry by the id a request names: ClickUp's id when {@code customIdTeam} is
     * null, else a custom id in that workspace ({@link ReadParams#customIdTeam}).
     */
    MirrorStore.Entry live(String id, String customIdTeam) {
        String checked = ReadParams.id("task", id);
        return customIdTeam == null ? live(checked) : requireLive(checked, byCustomId(checked, customIdTeam));
    }

    /** {@link #allLive} by the ids a request names, keyed by those ids. */
    Map<String, MirrorStore.Entry> allLive(Collection<String> ids, String customIdTeam) {
        if (customIdTeam == null) {
            return allLive(ids);
        }
        Map<String, MirrorStore.Entry> out = new LinkedHashMap<>();
        for (String id : ids) {
            out.put(id, requireLive(id, byCustomId(id, customIdTeam)));
        }
        return out;
    }

    /**
     * {@link #seen} by the id a request names: ClickUp's own, or with {@code customIdTeam} a custom id
     * looked up in that workspace.
     */
    MirrorStore.Entry seen(String id, String customIdTeam) {
        String checked = ReadParams.id("task", id);
        return customIdTeam == null ? seen(checked) : byCustomId(checked, customIdTeam);
    }

    /** The entries the mirror holds of these tasks (tombstones too), by task id; absent ones left out. */
    Map<String, MirrorStore.Entry> held(Collection<String> taskIds) {
        return taskIds.isEmpty() ? Map.of() : mirror.findEntries(taskIds);
    }

    private MirrorStore.Entry byCustomId(String customId, String teamId) {
        return customIds.find(teamId, customId).flatMap(mirror::findEntry)
                .filter(e -> customId.equalsIgnoreCase(e.snapshot().customId()) && teamId.equals(e.snapshot().teamId()))
                .orElseThrow(() -> new ReadRejection(ReadProblems.taskNotMirrored(customId)));
    }

    /** One live task's entry, or a {@link ReadRejection}. */
    MirrorStore.Entry live(String taskId) {
        return mirror.findEntry(taskId).map(e -> requireLive(taskId, e))
                .orElseThrow(() -> new ReadRejection(ReadProblems.taskNotMirrored(taskId)));
    }

    /** The task's entry, live or a tombstone, or a {@link ReadRejection} when the mirror never held it. */
    MirrorStore.Entry seen(String taskId) {
        return mirror.findEntry(taskId).orElseThrow(() -> new ReadRejection(ReadProblems.taskNotMirrored(taskId)));
    }

    /** Live entries of several tasks, in the given order; the first one not served is the rejection. */
    Map<String, MirrorStore.Entry> allLive(Collection<String> taskIds) {
        Map<String, MirrorStore.Entry> found = mirror.findEntries(taskIds);
        Map<String, MirrorStore.Entry> out = new LinkedHashMap<>();
        for (String id : taskIds) {
            MirrorStore.Entry entry = found.get(id);
            if (entry == null) {
                throw new ReadRejection(ReadProblems.taskNotMirrored(id));
            }
            out.put(id, requireLive(id, entry));
        }
        return out;
    }

    private static MirrorStore.Entry requireLive(String taskId, MirrorStore.Entry entry) {
        if (entry.snapshot().deleted()) {
            throw new ReadRejection(ReadProblems.taskDeleted(taskId));
        }
        return entry;
    }
}
