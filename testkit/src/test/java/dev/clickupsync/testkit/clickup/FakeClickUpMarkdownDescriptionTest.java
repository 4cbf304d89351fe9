package dev.clickupsync.testkit.clickup;

import dev.clickupsync.testkit.MutableClock;

import static dev.clickupsync.testkit.clickup.ClickUpHttp.get;
import static dev.clickupsync.testkit.clickup.ClickUpHttp.names;
import static dev.clickupsync.testkit.clickup.ClickUpHttp.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code include_markdown_description} over real HTTP: {@code markdown_description} only when asked,
 * right after {@code description} (the OpenAPI document's order), on {@code GET /task}, its embedded
 * subtasks and both listings; the fake's markdown is the description as set.
 */
class FakeClickUpMarkdownDescriptionTest {

    private static final String MARKDOWN = "# Steps\n\n- **log in** with SSO\n- see `401`";

    private final FakeWorkspace workspace = FakeWorkspace.demo(new MutableClock(1_760_000_000_000L));
    private final FakeClickUp fake = FakeClickUp.builder().workspace(workspace).rateLimit(10_000, Duration.ofMinutes(1)).start();

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void getTaskAddsMarkdownDescriptionOnlyWhenAsked() {
        String task = DemoWorkspace.TASK_LOGIN_BUG;
        workspace.updateTask(task, c -> c.description(MARKDOWN));

        JsonNode plain = ok(get(fake, "/task/" + task));
        JsonNode asked = ok(get(fake, "/task/" + task + "?include_markdown_description=true"));
        JsonNode refused = ok(get(fake, "/task/" + task + "?include_markdown_description=false"));

        assertThat(plain.has("markdown_description")).isFalse();
        assertThat(refused).isEqualTo(plain);
        assertThat(asked.get("markdown_description").asText()).isEqualTo(MARKDOWN);
        assertThat(names(asked)).containsSubsequence("text_content", "description", "markdown_description", "status");
        ObjectNode withoutIt = asked.deepCopy();
        withoutIt.remove("markdown_description");
        assertThat(withoutIt).as("nothing else changes").isEqualTo(plain);
        assertThat(asked).isEqualTo(workspace.fetchedTaskJson(task));
    }

    @Test
    void anEmptyDescriptionIsAnEmptyMarkdownDescription() {
        String task = workspace.createTask(DemoWorkspace.LIST_ID, "No description").get(0).taskId();

        JsonNode asked = ok(get(fake, "/task/" + task + "?include_markdown_description=true"));

        assertThat(asked.get("markdown_description").isTextual()).isTrue();
        assertThat(asked.get("markdown_description").asText()).isEmpty();
        assertThat(asked.get("description").asText()).isEmpty();
    }

    @Test
    void listingsAndEmbeddedSubtasksCarryItWhenAsked() {
        String parent = DemoWorkspace.TASK_LOGIN_BUG;
        String subtask = workspace.createSubtask(parent, "Child").get(0).taskId();
        workspace.updateTask(subtask, c -> c.description(MARKDOWN));

        JsonNode withSubtasks = ok(get(fake, "/task/" + parent + "?include_subtasks=true&include_markdown_description=true"));
        JsonNode list = ok(get(fake, "/list/" + DemoWorkspace.LIST_ID + "/task?subtasks=true&include_markdown_description=true"));
        JsonNode team = ok(get(fake, "/team/" + DemoWorkspace.TEAM_ID + "/task?subtasks=true&include_markdown_description=TRUE"));
        JsonNode plainList = ok(get(fake, "/list/" + DemoWorkspace.LIST_ID + "/task?subtasks=true"));

        assertThat(withSubtasks.at("/subtasks/0/markdown_description").asText()).isEqualTo(MARKDOWN);
        list.get("tasks").forEach(t -> assertThat(t.has("markdown_description")).isTrue());
        team.get("tasks").forEach(t -> assertThat(t.has("markdown_description")).isTrue());
        plainList.get("tasks").forEach(t -> assertThat(t.has("markdown_description")).isFalse());
        assertThat(list.get("tasks").size()).isEqualTo(plainList.get("tasks").size());
    }
}
