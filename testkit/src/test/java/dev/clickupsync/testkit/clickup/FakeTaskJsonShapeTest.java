package dev.clickupsync.testkit.clickup;

import static dev.clickupsync.testkit.clickup.ClickUpHttp.get;
import static dev.clickupsync.testkit.clickup.ClickUpHttp.names;
import static dev.clickupsync.testkit.clickup.ClickUpHttp.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fake's {@code GET /task} is the oracle the mirror's full snapshots are checked against
 * (issue #16), so its nested objects must have ClickUp's members, in ClickUp's order, as in the
 * documented example ({@code get_task.example.json}); {@code FakeClickUpServerTest} checks the
 * top-level members. Priority is compared as a set: the example's order (alphabetical) differs
 * from the one ClickUp's webhook items use, which the fake shares between both.
 */
class FakeTaskJsonShapeTest {
    private FakeClickUp fake;

    @BeforeEach
    void start() {
        fake = FakeClickUp.start();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void nestedObjectsHaveTheExamplesMembersInOrder() {
        JsonNode task = ok(get(fake, "/task/" + DemoWorkspace.TASK_LOGIN_BUG));
        JsonNode example = ClickUpHttp.resource("get_task.example.json");

        for (String member : new String[] {"status", "creator", "list", "project", "folder", "space", "sharing"}) {
            assertThat(names(task.get(member))).as(member).containsExactlyElementsOf(names(example.get(member)));
        }
        assertThat(names(task.get("priority"))).containsExactlyInAnyOrderElementsOf(names(example.get("priority")));
        assertThat(names(task.at("/assignees/0"))).containsExactlyElementsOf(names(example.at("/assignees/0")));
        assertThat(names(task.at("/watchers/0"))).containsExactlyElementsOf(names(example.at("/watchers/0")));
        assertThat(names(task.at("/tags/0"))).containsExactlyElementsOf(names(example.at("/tags/0")));
        JsonNode withValue = null;
        for (JsonNode field : task.get("custom_fields")) {
            if (field.has("value")) {
                withValue = field;
            }
        }
        assertThat(withValue).isNotNull();
        assertThat(names(withValue)).containsExactlyElementsOf(names(example.at("/custom_fields/0")));
    }

    @Test
    void anAssigneeAddedIsAlsoAWatcherAndListingsLeaveOutOnlyAttachments() {
        fake.workspace().updateTask(DemoWorkspace.TASK_LOGIN_BUG, c -> c.addAssignee(DemoWorkspace.ALAN));

        JsonNode task = ok(get(fake, "/task/" + DemoWorkspace.TASK_LOGIN_BUG));
        JsonNode listed = null;
        for (JsonNode t : ok(get(fake, "/list/" + DemoWorkspace.LIST_ID + "/task")).get("tasks")) {
            if (t.get("id").asText().equals(DemoWorkspace.TASK_LOGIN_BUG)) {
                listed = t;
            }
        }

        assertThat(task.get("watchers").findValuesAsText("username")).contains("Alan Turing");
        assertThat(listed).isNotNull();
        ((com.fasterxml.jackson.databind.node.ObjectNode) task).remove("attachments");
        assertThat(listed).isEqualTo(task);
    }
}
