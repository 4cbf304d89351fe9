package dev.clickupsync.bench;

import dev.clickupsync.clickup.model.ClickUpTask;
import dev.clickupsync.json.Json;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.TaskSnapshot;
import dev.clickupsync.testkit.clickup.FakeClickUp;

import java.util.Collection;
import java.util.Optional;

/**
 * The mirror against the fake's truth, shared by the storm and chaos benches: a live task matches
 * when its mirrored snapshot equals the snapshot of what {@code GET /task/{id}} answers; a deleted
 * task matches when the mirror holds a tombstone for it or never held it at all.
 */
final class MirrorTruth {
    private MirrorTruth() {
    }

    static int mismatches(FakeClickUp clickUp, MirrorStore mirror, Collection<String> taskIds) throws Exception {
        int mismatches = 0;
        for (String id : taskIds) {
            if (!matches(clickUp, mirror, id)) {
                mismatches++;
            }
        }
        return mismatches;
    }

    static boolean matches(FakeClickUp clickUp, MirrorStore mirror, String taskId) throws Exception {
        Optional<TaskSnapshot> mirrored = mirror.find(taskId);
        if (clickUp.workspace().isDeleted(taskId)) {
            return mirrored.map(TaskSnapshot::deleted).orElse(true);
        }
        TaskSnapshot truth = TaskSnapshot.of(Json.MAPPER.treeToValue(clickUp.workspace().taskJson(taskId), ClickUpTask.class));
        boolean same = truth.equals(mirrored.orElse(null));
        if (!same) {
            org.jboss.logging.Logger.getLogger(MirrorTruth.class).infof("task %s differs: fake %s, mirror %s", taskId, truth,
                    mirrored.orElse(null));
        }
        return same;
    }
}
