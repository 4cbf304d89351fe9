package dev.clickupsync.testkit.clickup;

import java.util.List;

/**
 * Changes to goals, goal folders and key results, each with the webhook ClickUp sends for it:
 * {@code goalCreated|Updated|Deleted} name the goal only ({@code goal_id}), {@code keyResultCreated|Updated|Deleted}
 * name the goal and the key result ({@code key_result_id}), as ClickUp's example payloads. No webhook
 * is known for goal folders, so creating one sends none. A key-result change is a change of its goal
 * too: the goal's {@code date_updated}/{@code last_update} move and its {@code percent_completed} follows.
 * Deleting a goal deletes its key results (with the one {@code goalDeleted}). Callers hold the workspace lock.
 */
final class GoalChanges {
    private final WorkspaceModel model;

    GoalChanges(WorkspaceModel model) {
        this.model = model;
    }

    List<WebhookDelivery> createGoalFolder(String id, String name) {
        require(!model.goalFolders.containsKey(id), "goal folder " + id + " exists");
        model.goalFolders.put(id, new FakeGoal.Folder(id, name, model.actingUser().id(), model.clock.millis()));
        return List.of();
    }

    /** A goal in {@code folderId}, or in no folder when that is null. */
    List<WebhookDelivery> createGoal(String id, String name, String folderId) {
        require(!model.goals.containsKey(id), "goal " + id + " exists");
        require(folderId == null || model.goalFolders.containsKey(folderId), "no goal folder " + folderId);
        String prettyId = Integer.toString(++model.goalPrettyIds);
        model.goals.put(id, new FakeGoal(id, prettyId, folderId, model.actingUser().id(), model.clock.millis(), name));
        return goalEvent("goalCreated", id);
    }

    /** Changes what is not null: name, description, due date (Unix ms), archived. */
    List<WebhookDelivery> updateGoal(String id, String name, String description, Long dueDate, Boolean archived) {
        FakeGoal goal = requireGoal(id);
        if (name != null) {
            goal.name = name;
        }
        if (description != null) {
            goal.description = description;
        }
        if (dueDate != null) {
            goal.dueDate = dueDate;
        }
        if (archived != null) {
            goal.archived = archived;
        }
        touch(goal);
        return goalEvent("goalUpdated", id);
    }

    List<WebhookDelivery> deleteGoal(String id) {
        requireGoal(id);
        model.goals.remove(id);
        return goalEvent("goalDeleted", id);
    }

    /** A number key result from {@code start} to {@code target}, at {@code start}. */
    List<WebhookDelivery> createKeyResult(String goalId, String id, String name, double start, double target) {
        FakeGoal goal = requireGoal(goalId);
        require(find(id) == null, "key result " + id + " exists");
        goal.keyResults.add(new FakeGoal.KeyResult(id, name, model.actingUser().id(), model.clock.millis(), start, target));
        touch(goal);
        return keyResultEvent("keyResultCreated", goal, id);
    }

    List<WebhookDelivery> updateKeyResult(String id, double stepsCurrent) {
        FakeGoal goal = requireOwner(id);
        FakeGoal.KeyResult kr = find(id);
        kr.stepsBefore = kr.stepsCurrent;
        kr.stepsCurrent = stepsCurrent;
        touch(goal);
        kr.dateModified = goal.dateUpdated;
        kr.lastActionId = id + "-a" + goal.dateUpdated;
        kr.note = kr.percent() >= 100 ? "Target achieved" : "Updated";
        return keyResultEvent("keyResultUpdated", goal, id);
    }

    List<WebhookDelivery> deleteKeyResult(String id) {
        FakeGoal goal = requireOwner(id);
        goal.keyResults.removeIf(kr -> kr.id.equals(id));
        touch(goal);
        return keyResultEvent("keyResultDeleted", goal, id);
    }

    /** A change of the goal now: never at or before its last one, so listings show it changed. */
    private void touch(FakeGoal goal) {
        goal.dateUpdated = Math.max(model.clock.millis(), goal.dateUpdated + 1);
    }

    private FakeGoal requireGoal(String id) {
        FakeGoal goal = model.goals.get(id);
        require(goal != null, "no goal " + id);
        return goal;
    }

    private FakeGoal requireOwner(String keyResultId) {
        return model.goals.values().stream().filter(g -> g.keyResults.stream().anyMatch(kr -> kr.id.equals(keyResultId)))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no key result " + keyResultId));
    }

    private FakeGoal.KeyResult find(String keyResultId) {
        return model.goals.values().stream().flatMap(g -> g.keyResults.stream()).filter(kr -> kr.id.equals(keyResultId))
                .findFirst().orElse(null);
    }

    private List<WebhookDelivery> goalEvent(String event, String goalId) {
        return model.webhooks.deliverObject(event, "goal_id", goalId);
    }

    private List<WebhookDelivery> keyResultEvent(String event, FakeGoal goal, String keyResultId) {
        return model.webhooks.deliverObject(event, "goal_id", goal.id, "key_result_id", keyResultId);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
