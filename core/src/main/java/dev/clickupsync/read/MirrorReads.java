package dev.clickupsync.read;

import dev.clickupsync.mirror.MirrorStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The mirror's tasks as the read API may serve them: a live entry, or a rejection saying why not
 * (never seen: {@code task-not-mirrored}; a tombstone of either kind: {@code task-deleted}, since
 * ClickUp answers 404 for a deleted task too). Reads only: {@link MirrorStore#findEntry} and
 * {@link MirrorStore#findEntries} (strongly consistent).
 */
@ApplicationScoped
class MirrorReads {
    @Inject
    MirrorStore mirror;

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
