package dev.clickupsync.testkit.clickup;

import dev.clickupsync.testkit.MutableClock;

import static dev.clickupsync.testkit.clickup.ClickUpHttp.get;
import static dev.clickupsync.testkit.clickup.ClickUpHttp.json;
import static dev.clickupsync.testkit.clickup.ClickUpHttp.names;
import static dev.clickupsync.testkit.clickup.ClickUpHttp.ok;
import static dev.clickupsync.testkit.clickup.ClickUpHttp.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Comments: their webhooks against ClickUp's example payloads, GET /task/{id}/comment against the
 * OpenAPI example's members, paging by start/start_id, edits (taskCommentUpdated) and deletions (no
 * event), and the bad paths.
 */
class FakeClickUpCommentsTest {

    private static final long NOW = 1_760_000_000_000L;
    private static final String TASK = DemoWorkspace.TASK_LOGIN_BUG;

    private final MutableClock clock = new MutableClock(NOW);
    private final FakeWorkspace workspace = FakeWorkspace.demo(clock);
    private final FakeClickUp fake = FakeClickUp.start(workspace);

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void postedAndUpdatedWebhooksHaveTheExamplesMembersAndCarryTheComment() {
        JsonNode posted = workspace.postComment(TASK, DemoWorkspace.ALAN, "first words").get(0).json();
        String id = posted.at("/history_items/0/comment/id").asText();
        clock.advance(Duration.ofMinutes(1));
        JsonNode updated = workspace.updateComment(id, "second words", null, true).get(0).json();

        for (var pair : List.of(List.of(posted, ClickUpHttp.resource("taskCommentPosted.example.json")),
                List.of(updated, ClickUpHttp.resource("taskCommentUpdated.example.json")))) {
            JsonNode body = pair.get(0);
            JsonNode example = pair.get(1);
            assertThat(body.get("event").asText()).isEqualTo(example.get("event").asText());
            assertThat(names(body)).containsExactlyInAnyOrderElementsOf(names(example));
            JsonNode item = body.at("/history_items/0");
            JsonNode exampleItem = example.at("/history_items/0");
            assertThat(names(item)).containsExactlyElementsOf(names(exampleItem));
            assertThat(names(item.get("comment"))).containsExactlyElementsOf(names(exampleItem.get("comment")));
            assertThat(item.get("field").asText()).isEqualTo("comment");
            assertThat(item.get("after").asText()).isEqualTo(id);
            assertThat(item.at("/comment/parent").asText()).isEqualTo(TASK);
        }
        assertThat(posted.at("/history_items/0/comment/text_content").asText()).isEqualTo("first words\n");
        assertThat(updated.at("/history_items/0/comment/text_content").asText()).isEqualTo("second words\n");
        assertThat(updated.at("/history_items/0/id").asText()).as("an edit is a history item of its own")
                .isNotEqualTo(posted.at("/history_items/0/id").asText());
        assertThat(updated.at("/history_items/0/date").asLong()).isEqualTo(NOW + 60_000);
        assertThat(updated.at("/history_items/0/comment/date").asText()).as("the posting's date stays")
                .isEqualTo(posted.at("/history_items/0/comment/date").asText());
        assertThat(workspace.taskJson(TASK).get("date_updated").asLong()).isEqualTo(NOW + 60_000);
    }

    @Test
    void getTaskCommentsHasTheOpenApiMembersAndTheWebhooksRichText() {
        JsonNode item = workspace.postComment(TASK, DemoWorkspace.ALAN, "assigned one", DemoWorkspace.ADA).get(0)
                .json().at("/history_items/0");

        JsonNode comments = ok(get(fake, "/task/" + TASK + "/comment")).get("comments");

        assertThat(comments).hasSize(1);
        JsonNode comment = comments.get(0);
        JsonNode example = ClickUpHttp.resource("get_task_comments.example.json").at("/comments/0");
        assertThat(names(comment)).containsExactlyElementsOf(names(example));
        assertThat(comment.get("comment")).isEqualTo(item.at("/comment/comment"));
        assertThat(comment.get("comment_text").asText()).isEqualTo(item.at("/comment/text_content").asText());
        assertThat(comment.get("user")).isEqualTo(item.at("/comment/user"));
        assertThat(comment.at("/assignee/id").asLong()).isEqualTo(DemoWorkspace.ADA);
        assertThat(comment.at("/assigned_by/id").asLong()).isEqualTo(DemoWorkspace.ALAN);
        assertThat(item.get("comment").has("assignee")).as("the webhook, as ClickUp's example, does not say").isFalse();
        assertThat(comment.get("resolved").asBoolean()).isFalse();
        assertThat(comment.get("date").asText()).isEqualTo(Long.toString(NOW));
        assertThat(comment.get("reply_count").isTextual()).isTrue();
    }

    @Test
    void pagesAre25NewestThenOlderByStartAndStartId() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(ok(send(fake, "POST", "/task/" + TASK + "/comment", "{\"comment_text\":\"c" + i + "\"}")).get("id").asText());
            if (i % 3 == 0) {
                clock.advance(Duration.ofMillis(1)); // some share a date: start_id breaks the tie
            }
        }
        JsonNode first = ok(get(fake, "/task/" + TASK + "/comment")).get("comments");
        assertThat(first).hasSize(25);
        assertThat(first.get(0).get("id").asText()).isEqualTo(ids.get(29));
        JsonNode last = first.get(24);
        JsonNode second = ok(get(fake, "/task/" + TASK + "/comment?start=" + last.get("date").asText() + "&start_id="
                + last.get("id").asText())).get("comments");

        List<String> seen = new ArrayList<>();
        first.forEach(c -> seen.add(c.get("id").asText()));
        second.forEach(c -> seen.add(c.get("id").asText()));
        assertThat(seen).containsExactlyElementsOf(reversed(ids));
    }

    @Test
    void editsChangeTheCommentAndDeletionsRemoveItWithoutAnEvent() {
        String id = ok(send(fake, "POST", "/task/" + TASK + "/comment", "{\"comment_text\":\"draft\"}")).get("id").asText();
        int logged = workspace.deliveryLog().size();

        ok(send(fake, "PUT", "/comment/" + id, "{\"comment_text\":\"final\",\"resolved\":true,\"assignee\":"
                + DemoWorkspace.ADA + "}"));
        JsonNode edited = ok(get(fake, "/task/" + TASK + "/comment")).at("/comments/0");
        assertThat(edited.get("comment_text").asText()).isEqualTo("final\n");
        assertThat(edited.get("resolved").asBoolean()).isTrue();
        assertThat(edited.at("/assignee/id").asLong()).isEqualTo(DemoWorkspace.ADA);
        int afterEdit = workspace.deliveryLog().size();
        assertThat(afterEdit).isGreaterThan(logged);
        assertThat(workspace.deliveryLog().subList(logged, afterEdit)).allSatisfy(d ->
                assertThat(d.event()).isEqualTo("taskCommentUpdated"));

        ok(send(fake, "DELETE", "/comment/" + id, null));
        assertThat(ok(get(fake, "/task/" + TASK + "/comment")).get("comments")).isEmpty();
        assertThat(workspace.deliveryLog()).as("no event for a deletion").hasSize(afterEdit);
    }

    @Test
    void badRequestsAreRefused() {
        HttpResponse<String> unknownTask = get(fake, "/task/86c0nope/comment");
        assertThat(unknownTask.statusCode()).isEqualTo(404);
        assertThat(json(unknownTask).get("ECODE").asText()).isEqualTo(ClickUpErrors.TASK_NOT_FOUND);
        assertThat(send(fake, "PUT", "/comment/999", "{\"comment_text\":\"x\"}").statusCode()).isEqualTo(404);
        assertThat(send(fake, "DELETE", "/comment/999", null).statusCode()).isEqualTo(404);
        assertThat(get(fake, "/task/" + TASK + "/comment?start=" + NOW).statusCode()).as("start without start_id").isEqualTo(400);
        String id = ok(send(fake, "POST", "/task/" + TASK + "/comment", "{\"comment_text\":\"x\"}")).get("id").asText();
        assertThat(send(fake, "PUT", "/comment/" + id, "{\"comment_text\":\" \"}").statusCode()).isEqualTo(400);
        assertThat(send(fake, "PUT", "/comment/" + id, "{\"comment_text\":\"y\",\"resolved\":\"yes\"}").statusCode()).isEqualTo(400);
        assertThat(send(fake, "POST", "/task/" + TASK + "/comment", "{}").statusCode()).isEqualTo(400);
    }

    private static List<String> reversed(List<String> ids) {
        List<String> out = new ArrayList<>(ids);
        java.util.Collections.reverse(out);
        return out;
    }
}
