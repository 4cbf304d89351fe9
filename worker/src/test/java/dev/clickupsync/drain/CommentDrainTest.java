package dev.clickupsync.drain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.comment.CommentStore;
import dev.clickupsync.json.Json;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.queue.EventEnvelope;
import dev.clickupsync.queue.QueuedEvent;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.clickup.WebhookDelivery;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Comment events through the real drain (DrainProcessor, TaskExpander, CommentEvents) against the
 * fake ClickUp over HTTP and dynalite: a posted comment is stored from its payload with no ClickUp
 * call; an edit, whose payload cannot say whether the comment was resolved, costs one
 * {@code GET /task/{id}/comment} and never a {@code GET /task}, and that read also follows
 * deletions; duplicates and reordered deliveries converge; a malformed payload and an unknown task
 * are handled without failing the event. The oracle is the fake's own {@code GET /task/{id}/comment}.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackResource.class)
class CommentDrainTest {
    @Inject
    DrainProcessor processor;
    @Inject
    CommentStore comments;
    @Inject
    MirrorStore mirror;
    @Inject
    Metrics metrics;

    FakeClickUp clickUp;

    @Test
    void aPostedCommentIsStoredFromItsPayloadWithoutAnyClickUpCall() {
        String task = mirroredTask();
        int before = clickUp.requestCount();

        drain(clickUp.workspace().postComment(task, DemoWorkspace.ALAN, "Reproduced on staging"));

        assertThat(clickUp.requestCount()).as("no ClickUp call at all").isEqualTo(before);
        assertThat(stored(task)).isEqualTo(truth(task));
        assertThat(stored(task)).hasSize(1);
        assertThat(mirror.find(task).orElseThrow().json()).as("date_updated moved as ClickUp's did")
                .isEqualTo(clickUp.workspace().fetchedTaskJson(task));
    }

    @Test
    void anEditCostsOneCommentReadNoTaskFetchAndTheReadFollowsDeletions() {
        String task = mirroredTask();
        drain(clickUp.workspace().postComment(task, DemoWorkspace.ALAN, "first"));
        drain(clickUp.workspace().postComment(task, DemoWorkspace.ADA, "second"));
        String first = clickUp.workspace().comments(task).get(0).id();
        String second = clickUp.workspace().comments(task).get(1).id();
        clickUp.workspace().deleteComment(second); // ClickUp sends nothing for this
        int taskFetches = clickUp.count("GET", "/task/" + task + "$");
        int commentReads = clickUp.count("GET", "/task/" + task + "/comment");

        drain(clickUp.workspace().updateComment(first, "first, resolved", DemoWorkspace.ADA, true));

        assertThat(clickUp.count("GET", "/task/" + task + "$")).isEqualTo(taskFetches);
        assertThat(clickUp.count("GET", "/task/" + task + "/comment")).isEqualTo(commentReads + 1);
        assertThat(stored(task)).isEqualTo(truth(task));
        assertThat(stored(task)).singleElement().satisfies(c -> {
            assertThat(c.get("resolved").asBoolean()).isTrue();
            assertThat(c.at("/assignee/id").asLong()).isEqualTo(DemoWorkspace.ADA);
        });
        assertThat(comments.forTask(task)).filteredOn(CommentStore.StoredComment::deleted)
                .extracting(CommentStore.StoredComment::commentId).containsExactly(second);
        assertThat(mirror.find(task).orElseThrow().json()).isEqualTo(clickUp.workspace().fetchedTaskJson(task));
    }

    @Test
    void duplicateAndReorderedCommentEventsConverge() {
        String task = mirroredTask();
        List<WebhookDelivery> posted = clickUp.workspace().postComment(task, DemoWorkspace.ALAN, "draft");
        String id = clickUp.workspace().comments(task).get(0).id();
        List<WebhookDelivery> edited = clickUp.workspace().updateComment(id, "final", null, false);
        List<WebhookDelivery> later = clickUp.workspace().postComment(task, DemoWorkspace.ADA, "a later one");

        drain(later);
        drain(edited);
        drain(posted); // the posting arrives last: older than the read the edit made
        drain(posted); // and again (a new message id: a redelivery the idempotency store turns away)
        drain(edited);

        assertThat(stored(task)).isEqualTo(truth(task));
        assertThat(stored(task)).extracting(c -> c.get("comment_text").asText()).containsExactly("a later one\n", "final\n");
    }

    @Test
    void aMalformedCommentPayloadIsReadFromClickUpInstead() {
        String task = mirroredTask();
        WebhookDelivery posted = first(clickUp.workspace().postComment(task, DemoWorkspace.ALAN, "sent broken"));
        ObjectNode body = posted.json();
        ((ObjectNode) body.at("/history_items/0/comment")).remove("text_content");
        int commentReads = clickUp.count("GET", "/task/" + task + "/comment");

        assertThat(processor.process(List.of(message(posted.event(), body.toString())), deadline(), ExpansionPolicy.SMART))
                .as("applied, not retried").isEmpty();

        assertThat(clickUp.count("GET", "/task/" + task + "/comment")).isEqualTo(commentReads + 1);
        assertThat(stored(task)).isEqualTo(truth(task));
        assertThat(metrics.count("DrainCommentFetch", "Reason", "malformed_comment")).isPositive();
    }

    @Test
    void aCommentEventForATaskClickUpDoesNotHaveStoresNothingAndDoesNotFail() {
        String task = "86c0gone" + UUID.randomUUID().toString().substring(0, 4);
        ObjectNode body = first(clickUp.workspace().postComment(mirroredTask(), DemoWorkspace.ALAN, "elsewhere")).json();
        body.put("task_id", task);
        ((ObjectNode) body.at("/history_items/0")).remove("comment");

        List<String> retry = processor.process(List.of(message("taskCommentPosted", body.toString())), deadline(),
                ExpansionPolicy.SMART);

        assertThat(comments.forTask(task)).isEmpty();
        assertThat(metrics.count("DrainCommentFetchFailed", "Reason", "clickup_not_found")).isPositive();
        // the task read 404s as well: the drain's usual answer (a not-found tombstone), not a comment failure
        assertThat(retry).isEmpty();
        assertThat(mirror.find(task)).hasValueSatisfying(s -> assertThat(s.deleted()).isTrue());
    }

    // ---------------------------------------------------------------- helpers

    private String mirroredTask() {
        String task = "cmt-" + UUID.randomUUID().toString().substring(0, 8);
        drain(clickUp.workspace().createTask(task, DemoWorkspace.LIST_ID, "Comment target"));
        assertThat(mirror.find(task)).isPresent();
        return task;
    }

    private List<JsonNode> stored(String task) {
        return comments.live(task).stream().map(c -> (JsonNode) c.json()).toList();
    }

    private List<JsonNode> truth(String task) {
        List<JsonNode> out = new ArrayList<>();
        try {
            // parsed as the drain parses ClickUp's answers, so numbers compare by value and not by node type
            Json.MAPPER.readTree(clickUp.workspace().commentsJson(task).toString()).get("comments").forEach(out::add);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    private void drain(List<WebhookDelivery> deliveries) {
        WebhookDelivery one = first(deliveries);
        assertThat(processor.process(List.of(message(one.event(), one.bodyString())), deadline(), ExpansionPolicy.SMART))
                .as("nothing to retry").isEmpty();
    }

    /** One delivery of the change (every registered webhook gets the same one). */
    private static WebhookDelivery first(List<WebhookDelivery> deliveries) {
        assertThat(deliveries).isNotEmpty();
        return deliveries.get(0);
    }

    private static Instant deadline() {
        return Instant.now().plus(Duration.ofMinutes(5));
    }

    private static QueuedEvent message(String event, String body) {
        return new QueuedEvent(UUID.randomUUID().toString(), body, Map.of(EventEnvelope.EVENT, event,
                EventEnvelope.RECEIVED_AT, Instant.now().toString()), 1);
    }
}
