package dev.clickupsync.reconcile;

import dev.clickupsync.clickup.model.ClickUpTask;
import dev.clickupsync.comment.CommentRepair;
import dev.clickupsync.history.RestoreCandidates;
import dev.clickupsync.mirror.MirrorStore;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the change walk tells the repairs that run after it, about each page before it writes it (so
 * the mirror still holds what it knew): the transition restore's {@link RestoreCandidates} and the
 * {@link CommentRepair}, whichever are wired ({@link TeamPasses}). The page's mirror entries are read
 * once ({@code BatchGetItem}) for both; with neither wired it reads nothing. A failure here fails the
 * page, which the next run lists again.
 */
record PageNotes(MirrorStore mirror, TeamPasses passes) {

    void note(String teamId, List<ClickUpTask> tasks, java.time.Instant highWater) {
        RestoreCandidates restores = passes.candidates();
        CommentRepair comments = passes.comments();
        if (tasks.isEmpty() || restores == null && comments == null) {
            return;
        }
        Map<String, MirrorStore.Entry> stored = mirror.findEntries(tasks.stream().map(ClickUpTask::id)
                .filter(Objects::nonNull).distinct().toList());
        if (restores != null) {
            restores.note(teamId, tasks, highWater, stored);
        }
        if (comments != null) {
            comments.note(teamId, tasks, highWater, stored);
        }
    }
}
