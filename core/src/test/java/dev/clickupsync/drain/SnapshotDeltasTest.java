package dev.clickupsync.drain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.clickup.model.ClickUpTask;
import dev.clickupsync.clickup.model.CustomField;
import dev.clickupsync.event.WebhookPayload;
import dev.clickupsync.json.Json;
import dev.clickupsync.mirror.TaskSnapshot;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeWorkspace;
import dev.clickupsync.testkit.clickup.TaskChange;
import dev.clickupsync.testkit.clickup.WebhookDelivery;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The smart policy's rule book against the oracle: for every history item kind the table in
 * {@link SnapshotDeltas} says is applied, the fake ClickUp's {@code GET /task} JSON before the
 * change, patched by the change's webhook items, must equal the fake's JSON after it (the whole
 * object, and the typed fields with it); for the kinds that say "fetch", the rule book refuses.
 * The fake workspace runs in-process (no HTTP needed to read its JSON and deliveries).
 */
class SnapshotDeltasTest {
    private final FakeWorkspace workspace = FakeWorkspace.demo();
    private final String taskId = DemoWorkspace.TASK_LOGIN_BUG;
    private final StatusIds statusIds = new StatusIds();

    @Test
    void renamePatchesTheFullJsonExactly() throws Exception {
        assertAppliedExactly(c -> c.name("Fix the login bug, again"));
    }

    @Test
    void priorityChangesAndRemovalPatchTheFullJsonExactly() throws Exception {
        assertAppliedExactly(c -> c.priority(1));
        assertAppliedExactly(c -> c.priority(null));
        assertAppliedExactly(c -> c.priority(4));
    }

    @Test
    void addedAssigneeAlsoBecomesAWatcherAndRemovalKeepsTheWatcher() throws Exception {
        ObjectNode before = workspace.taskJson(taskId);
        assertAppliedExactly(c -> c.addAssignee(DemoWorkspace.ALAN));
        assertAppliedExactly(c -> c.removeAssignee(DemoWorkspace.ALAN));
        assertThat(workspace.taskJson(taskId).get("watchers").size()).isGreaterThanOrEqualTo(before.get("watchers").size());
    }

    @Test
    void addedAndRemovedTagsPatchTheFullJsonExactly() throws Exception {
        assertAppliedExactly(c -> c.addTag("docs"));
        assertAppliedExactly(c -> c.removeTag("docs"));
    }

    @Test
    void dueDateAndTimeEstimatePatchTheFullJsonExactly() throws Exception {
        assertAppliedExactly(c -> c.dueDate(Instant.ofEpochMilli(1_767_225_600_000L)));
        assertAppliedExactly(c -> c.dueDate(null));
        assertAppliedExactly(c -> c.timeEstimate(5_400_000L));
        assertAppliedExactly(c -> c.timeEstimate(null));
    }

    @Test
    void customFieldValuesOfKnownTypesPatchTheFullJsonExactly() throws Exception {
        assertAppliedExactly(c -> c.customField(DemoWorkspace.FIELD_SPRINT_GOAL, "Ship it"));
        assertAppliedExactly(c -> c.customField(DemoWorkspace.FIELD_SPRINT_GOAL, "Ship it twice"));
        assertAppliedExactly(c -> c.customField(DemoWorkspace.FIELD_SEVERITY, DemoWorkspace.SEVERITY_CRITICAL));
        assertAppliedExactly(c -> c.customField(DemoWorkspace.FIELD_SEVERITY, null));
        assertAppliedExactly(c -> c.customField(DemoWorkspace.FIELD_STORY_POINTS, 5));
    }

    @Test
    void statusChangesAreFetchedWhileTheStatusIdIsUnknown() throws Exception {
        assertRefused(c -> c.status("review"));
    }

    @Test
    void statusChangesApplyExactlyOnceTheIdWasLearnedFromClickUp() throws Exception {
        workspace.updateTask(DemoWorkspace.TASK_RELEASE_NOTES, c -> c.status("review"));
        statusIds.learn(workspace.taskJson(DemoWorkspace.TASK_RELEASE_NOTES)); // what a drain fetch does
        statusIds.learn(workspace.taskJson(taskId));

        assertAppliedExactly(c -> c.status("review"));
        assertAppliedExactly(c -> c.status("to do"));
    }

    @Test
    void statusChangesIntoAClosedStatusAreFetchedEvenWithAKnownId() throws Exception {
        workspace.updateTask(DemoWorkspace.TASK_RELEASE_NOTES, c -> c.status("complete"));
        statusIds.learn(workspace.taskJson(DemoWorkspace.TASK_RELEASE_NOTES));

        assertRefused(c -> c.status("complete"));
    }

    @Test
    void descriptionChangesAndMovesAreFetched() throws Exception {
        assertRefused(c -> c.description("A new description"));
    }

    @Test
    void aSnapshotWithoutFullJsonIsNeverPatched() throws Exception {
        TaskSnapshot reduced = snapshot(workspace.taskJson(taskId)).withJson(null);
        List<WebhookPayload.HistoryItem> items = items(workspace.updateTask(taskId, c -> c.name("Renamed")));

        assertThat(SnapshotDeltas.apply(reduced, items.get(0))).isEmpty();
    }

    @Test
    void aChangeWhoseBeforeDoesNotMatchIsRefused() throws Exception {
        TaskSnapshot stale = snapshot(workspace.taskJson(taskId));
        workspace.updateTask(taskId, c -> c.name("First rename"));
        List<WebhookPayload.HistoryItem> second = items(workspace.updateTask(taskId, c -> c.name("Second rename")));

        assertThat(SnapshotDeltas.apply(stale, second.get(0))).isEmpty();
    }

    @Test
    void aPostedOrEditedCommentMovesOnlyDateUpdatedExactly() throws Exception {
        TaskSnapshot current = snapshot(workspace.taskJson(taskId));
        List<WebhookPayload.HistoryItem> posted = items(workspace.postComment(taskId, DemoWorkspace.ALAN, "on it"));
        current = SnapshotDeltas.apply(current, posted.get(0), statusIds::idOf).orElseThrow();
        assertThat(current.json()).isEqualTo(workspace.taskJson(taskId));

        String commentId = posted.get(0).comment().get("id").asText();
        List<WebhookPayload.HistoryItem> edited = items(workspace.updateComment(commentId, "done", null, true));
        current = SnapshotDeltas.apply(current, edited.get(0), statusIds::idOf).orElseThrow();
        assertThat(current.json()).isEqualTo(workspace.taskJson(taskId));
        assertThat(current).isEqualTo(snapshot(workspace.taskJson(taskId)));
    }

    // ---------------------------------------------------------------- helpers

    private void assertAppliedExactly(Consumer<TaskChange> change) throws Exception {
        TaskSnapshot current = snapshot(workspace.taskJson(taskId));
        List<WebhookPayload.HistoryItem> items = items(workspace.updateTask(taskId, change));
        assertThat(items).isNotEmpty();
        for (WebhookPayload.HistoryItem item : items) {
            Optional<TaskSnapshot> next = "custom_field".equals(item.field())
                    ? CustomFieldDeltas.apply(current, item, this::definition)
                    : SnapshotDeltas.apply(current, item, statusIds::idOf);
            assertThat(next).as("applies %s", item.field()).isPresent();
            current = next.get();
        }
        ObjectNode truth = workspace.taskJson(taskId);
        assertThat(current.json()).isEqualTo(truth);
        assertThat(Json.MAPPER.writeValueAsString(current.json())).as("same member order too")
                .isEqualTo(Json.MAPPER.writeValueAsString(truth));
        assertThat(current).isEqualTo(snapshot(truth));
    }

    private void assertRefused(Consumer<TaskChange> change) throws Exception {
        TaskSnapshot current = snapshot(workspace.taskJson(taskId));
        List<WebhookPayload.HistoryItem> items = items(workspace.updateTask(taskId, change));
        assertThat(items).isNotEmpty();
        assertThat(SnapshotDeltas.apply(current, items.get(0), statusIds::idOf)).isEmpty();
    }

    private Optional<CustomField> definition(String fieldId) {
        return workspace.customFields(DemoWorkspace.LIST_ID).stream().filter(f -> f.id().equals(fieldId)).findFirst()
                .map(f -> {
                    ObjectNode json = workspace.taskJson(taskId);
                    for (var field : json.get("custom_fields")) {
                        if (field.path("id").asText().equals(fieldId)) {
                            return new CustomField(fieldId, field.path("name").asText(), field.path("type").asText(),
                                    field.get("type_config"), null);
                        }
                    }
                    return null;
                });
    }

    private static TaskSnapshot snapshot(ObjectNode json) throws Exception {
        return TaskSnapshot.of(ClickUpTask.read(json));
    }

    private static List<WebhookPayload.HistoryItem> items(List<WebhookDelivery> deliveries) throws Exception {
        assertThat(deliveries).isNotEmpty();
        // every registered webhook gets the same change: one delivery's items are the change's
        return Json.MAPPER.treeToValue(deliveries.get(0).json(), WebhookPayload.class).historyItems();
    }
}
