package dev.clickupsync.testkit.clickup;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * GET /user and GET /team bodies, shaped like the OpenAPI examples (get_user.json, get_teams.json).
 * The token belongs to the workspace's token user (default: the first member, who owns the workspace).
 */
final class AccountJson {

    private AccountJson() {
    }

    static ObjectNode user(WorkspaceModel model) {
        FakeUser owner = model.tokenUser();
        ObjectNode user = ClickUpJson.object();
        user.put("id", owner.id());
        user.put("username", owner.username());
        user.put("email", owner.email());
        user.put("color", owner.color());
        user.putNull("profilePicture");
        user.put("initials", owner.initials());
        user.put("week_start_day", 1);
        user.put("global_font_support", false);
        user.put("timezone", "Etc/UTC");
        ObjectNode body = ClickUpJson.object();
        body.set("user", user);
        return body;
    }

    static ObjectNode teams(WorkspaceModel model) {
        ObjectNode team = ClickUpJson.object();
        team.put("id", model.teamId);
        team.put("name", model.teamName);
        team.put("color", "#7b68ee");
        team.putNull("avatar");
        ArrayNode members = team.putArray("members");
        long ownerId = owner(model).id();
        for (FakeUser member : model.users.values()) {
            ObjectNode user = members.addObject().putObject("user");
            user.put("id", member.id());
            user.put("username", member.username());
            user.put("email", member.email());
            user.put("color", member.color());
            user.putNull("profilePicture");
            user.put("initials", member.initials());
            user.put("role", member.id() == ownerId ? 1 : 3);
        }
        ObjectNode body = ClickUpJson.object();
        body.putArray("teams").add(team);
        return body;
    }

    private static FakeUser owner(WorkspaceModel model) {
        return model.users.values().stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("workspace " + model.teamId + " has no members"));
    }
}
