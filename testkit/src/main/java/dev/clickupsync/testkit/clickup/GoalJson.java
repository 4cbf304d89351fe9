package dev.clickupsync.testkit.clickup;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Goals as ClickUp's API v2 renders them, in the members and order of the OpenAPI examples: the
 * object of {@code GET /goal/{id}} ({@link #goal}: key results inside, {@code history},
 * {@code pretty_url}, no {@code date_updated}) and the entries of {@code GET /team/{id}/goal}
 * ({@link #listed}: {@code date_updated}, {@code last_update}, {@code key_result_count}, no key
 * results), which differ. Choices: no {@code editor_token} (a credential-like value the mirror
 * should not need); {@code owners} is the creator on the object and empty in listings, {@code members}
 * the creator in listings and empty on the object, as in the examples; {@code color} is fixed.
 */
final class GoalJson {
    private static final String COLOR = "#32a852";

    private GoalJson() {
    }

    static ObjectNode goal(WorkspaceModel model, FakeGoal goal) {
        ObjectNode node = ClickUpJson.object();
        node.put("id", goal.id).put("name", goal.name).put("team_id", model.teamId);
        ClickUpJson.putMillis(node, "date_created", goal.dateCreated);
        node.putNull("start_date");
        ClickUpJson.putMillis(node, "due_date", goal.dueDate);
        node.put("description", goal.description).put("private", false).put("archived", goal.archived)
                .put("creator", goal.creator).put("color", COLOR).put("pretty_id", goal.prettyId)
                .put("multiple_owners", true);
        putFolder(node, goal);
        node.putArray("members");
        node.putArray("owners").add(owner(model.requireUser(goal.creator)));
        ArrayNode keyResults = node.putArray("key_results");
        goal.keyResults.forEach(kr -> keyResults.add(keyResult(model, goal, kr)));
        node.put("percent_completed", goal.percentCompleted());
        node.putArray("history");
        node.put("pretty_url", "https://app.clickup.com/" + model.teamId + "/goals/" + goal.prettyId);
        return node;
    }

    static ObjectNode listed(WorkspaceModel model, FakeGoal goal) {
        ObjectNode node = ClickUpJson.object();
        node.put("id", goal.id).put("pretty_id", goal.prettyId).put("name", goal.name).put("team_id", model.teamId)
                .put("creator", goal.creator);
        node.putNull("owner");
        node.put("color", COLOR);
        ClickUpJson.putMillis(node, "date_created", goal.dateCreated);
        node.putNull("start_date");
        ClickUpJson.putMillis(node, "due_date", goal.dueDate);
        node.put("description", goal.description).put("private", false).put("archived", goal.archived)
                .put("multiple_owners", true);
        ClickUpJson.putMillis(node, "date_updated", goal.dateUpdated);
        ClickUpJson.putMillis(node, "last_update", goal.dateUpdated);
        putFolder(node, goal);
        if (goal.folderId != null) {
            node.put("folder_access", true);
        }
        node.put("pinned", false);
        node.putArray("owners");
        node.put("key_result_count", goal.keyResults.size());
        FakeUser creator = model.requireUser(goal.creator);
        ObjectNode member = node.putArray("members").addObject();
        member.put("id", creator.id()).put("username", creator.username()).put("email", creator.email())
                .put("color", creator.color()).put("permission_level", "edit");
        member.putNull("profilePicture");
        member.put("initials", creator.initials()).put("isCreator", true);
        node.putArray("group_members");
        node.put("percent_completed", goal.percentCompleted());
        return node;
    }

    /** A goal folder of the listing, holding {@code goals} (the listed ones). */
    static ObjectNode folder(WorkspaceModel model, FakeGoal.Folder folder, ArrayNode goals) {
        ObjectNode node = ClickUpJson.object();
        node.put("id", folder.id()).put("name", folder.name()).put("team_id", model.teamId).put("private", false);
        ClickUpJson.putMillis(node, "date_created", folder.dateCreated());
        node.put("creator", folder.creator()).put("goal_count", goals.size());
        node.putArray("members");
        node.set("goals", goals);
        return node;
    }

    static ObjectNode keyResult(WorkspaceModel model, FakeGoal goal, FakeGoal.KeyResult kr) {
        ObjectNode node = ClickUpJson.object();
        node.put("id", kr.id).put("goal_id", goal.id).put("name", kr.name).put("type", "number").put("unit", "")
                .put("creator", kr.creator);
        ClickUpJson.putMillis(node, "date_created", kr.dateCreated);
        node.put("goal_pretty_id", goal.prettyId).put("percent_completed", (int) Math.floor(kr.percent()))
                .put("completed", kr.percent() >= 100);
        node.putArray("task_ids");
        node.putArray("subcategory_ids");
        node.putArray("owners").add(owner(model.requireUser(kr.creator)));
        ObjectNode action = node.putObject("last_action");
        action.put("id", kr.lastActionId).put("key_result_id", kr.id).put("userid", kr.creator);
        ClickUpJson.putMillis(action, "date_modified", kr.dateModified);
        action.put("steps_taken", kr.stepsCurrent - kr.stepsBefore).put("note", kr.note)
                .put("steps_before", kr.stepsBefore).put("steps_current", kr.stepsCurrent);
        return node;
    }

    private static void putFolder(ObjectNode node, FakeGoal goal) {
        if (goal.folderId == null) {
            node.putNull("folder_id");
        } else {
            node.put("folder_id", goal.folderId);
        }
    }

    /** The owner shape of the goal and key result examples (id, username, initials, email, color, profilePicture). */
    private static ObjectNode owner(FakeUser user) {
        ObjectNode node = ClickUpJson.object();
        node.put("id", user.id()).put("username", user.username()).put("initials", user.initials())
                .put("email", user.email()).put("color", user.color());
        node.putNull("profilePicture");
        return node;
    }
}
