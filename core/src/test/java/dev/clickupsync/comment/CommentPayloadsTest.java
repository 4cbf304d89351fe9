package dev.clickupsync.comment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.event.WebhookPayload;
import dev.clickupsync.json.Json;
import dev.clickupsync.support.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** ClickUp's example comment payloads rendered in GET /task/{id}/comment's shape, and what cannot be rendered. */
class CommentPayloadsTest {
    private static final String TASK = "1vj38vv";

    @Test
    void thePostedExampleRendersAsGetTaskCommentsShowsIt() {
        CommentPayloads.Rendering r = render("taskCommentPosted.json", c -> { });

        assertThat(r.fallback()).isNull();
        ObjectNode c = r.comment();
        assertThat(names(c)).containsExactly("id", "comment", "comment_text", "user", "resolved", "assignee",
                "assigned_by", "reactions", "date", "reply_count");
        JsonNode source = Fixtures.webhookPayload("taskCommentPosted.json").at("/history_items/0/comment");
        assertThat(c.get("id").asText()).isEqualTo("648893191");
        assertThat(c.get("comment")).isEqualTo(source.get("comment"));
        assertThat(c.get("comment_text").asText()).isEqualTo("comment abc1234\n");
        assertThat(c.get("user")).isEqualTo(source.get("user"));
        assertThat(c.get("resolved").asBoolean()).isFalse();
        assertThat(c.get("assignee").isNull()).isTrue();
        assertThat(c.get("assigned_by").isNull()).isTrue();
        assertThat(c.get("date").asText()).isEqualTo("1642737045116");
        assertThat(c.get("reply_count").asText()).isEqualTo("0");
    }

    @Test
    void anEditThatDoesNotSayWhetherTheCommentIsResolvedCannotBeRendered() {
        assertThat(render("taskCommentUpdated.json", c -> { }).fallback()).isEqualTo(CommentPayloads.STATE_UNKNOWN);
    }

    @Test
    void anEditThatSaysItsStateIsRendered() {
        CommentPayloads.Rendering r = render("taskCommentUpdated.json", c -> {
            c.put("resolved", true);
            c.set("assignee", c.get("user").deepCopy());
            c.set("assigned_by", c.get("user").deepCopy());
        });

        assertThat(r.comment().get("resolved").asBoolean()).isTrue();
        assertThat(r.comment().at("/assignee/id").asLong()).isEqualTo(183);
        assertThat(r.comment().get("comment_text").asText()).isEqualTo("comment abc1234 56789\n");
    }

    @Test
    void malformedCommentsAreNotRendered() {
        List<Consumer<ObjectNode>> breakages = new ArrayList<>();
        breakages.add(c -> c.remove("id"));
        breakages.add(c -> c.put("date", "yesterday"));
        breakages.add(c -> c.putArray("comment"));
        breakages.add(c -> c.put("comment", "plain text"));
        breakages.add(c -> c.remove("text_content"));
        breakages.add(c -> c.putNull("user"));
        breakages.add(c -> c.remove("reactions"));
        breakages.add(c -> c.remove("threaded_replies"));
        breakages.add(c -> c.put("parent", "another-task"));
        breakages.add(c -> c.put("resolved", "no"));
        breakages.add(c -> c.put("assignee", 183));
        for (Consumer<ObjectNode> breakage : breakages) {
            assertThat(render("taskCommentPosted.json", breakage).fallback()).isEqualTo(CommentPayloads.MALFORMED);
        }
    }

    @Test
    void anItemWithoutACommentObjectIsNotRendered() throws Exception {
        ObjectNode body = Fixtures.webhookPayload("taskCommentPosted.json");
        ((ObjectNode) body.at("/history_items/0")).remove("comment");
        WebhookPayload payload = Json.MAPPER.treeToValue(body, WebhookPayload.class);

        assertThat(CommentPayloads.render(TASK, payload.event(), payload.historyItems().get(0)).fallback())
                .isEqualTo(CommentPayloads.NO_COMMENT);
    }

    private static CommentPayloads.Rendering render(String fixture, Consumer<ObjectNode> change) {
        ObjectNode body = Fixtures.webhookPayload(fixture);
        change.accept((ObjectNode) body.at("/history_items/0/comment"));
        try {
            WebhookPayload payload = Json.MAPPER.treeToValue(body, WebhookPayload.class);
            return CommentPayloads.render(TASK, payload.event(), payload.historyItems().get(0));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
