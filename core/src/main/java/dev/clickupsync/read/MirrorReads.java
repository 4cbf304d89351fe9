package dev.clickupsync.read;

import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.TaskTimeline;
import dev.clickupsync.query.CustomTaskIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The mirror's tasks as the read API may serve them: a live entry, or a rejection saying why not
 * (never seen: {@code task-not-mirrored}; a tombstone of either kind: {@code task-deleted}, since
 * ClickUp answers 404 for a deleted task too). Reads only: {@link MirrorStore#findEntry},
 * {@link MirrorStore#findEntries} and {@link TaskTimeline#read} (strongly consistent), and for a custom id first its lookup item
 * ({@link CustomTaskIds}, one {@code GetItem}); the entry found must still carry that custom id in
 * that workspace (a lookup item may lag its entry), else the custom id is not mirrored.
 */
@ApplicationScoped
class MirrorReads {
    @Inject
    MirrorStore mirror;
    @Inject
    CustomTaskIds customIds;
    @Inject
    TaskTimeline timeline;

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

    /**
     * {@link #live(String, String)} with the task's transitions, read together ({@link TaskTimeline}: one
     * {@code Query} for ClickUp's id; with a custom id its lookup item first).
     */
    TaskTimeline.Timeline liveTimeline(String id, String customIdTeam) {
        String checked = ReadParams.id("task", id);
        Optional<TaskTimeline.Timeline> found = customIdTeam == null ? timeline.read(checked)
                : customIds.find(customIdTeam, checked).flatMap(timeline::read)
                        .filter(t -> carries(t.entry(), checked, customIdTeam));
        TaskTimeline.Timeline live = found.orElseThrow(() -> new ReadRejection(ReadProblems.taskNotMirrored(checked)));
        requireLive(checked, live.entry());
        return live;
    }

    private MirrorStore.Entry byCustomId(String customId, String teamId) {
        return customIds.find(teamId, customId).flatMap(mirror::findEntry)
                .filter(e -> carries(e, customId, teamId))
                .orElseThrow(() -> new ReadRejection(ReadProblems.taskNotMirrored(customId)));
    }

    /** Whether the entry still carries that custom id in that workspace (its lookup item may lag it). */
    private static boolean carries(MirrorStore.Entry entry, String customId, String teamId) {
        return customId.equalsIgnoreCase(entry.snapshot().customId()) && teamId.equals(entry.snapshot().teamId());
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
