package dev.clickupsync.clickup;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.clickupsync.clickup.model.ClickUpTask;
import dev.clickupsync.clickup.model.TaskWrite;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The client's writes against the fake ClickUp over HTTP: what they send, and the retry rule that
 * separates them. Idempotent writes (PUT task, set field) are retried like reads; create and comment
 * are never sent twice once ClickUp may have applied them.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackResource.class)
class ClickUpWritesTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Inject
    ClickUpClient client;

    FakeClickUp clickUp;

    @AfterEach
    void clearFaults() {
        clickUp.faults().clear();
    }

    @Test
    void createTaskSendsItsCustomFieldsInTheSameRequestAndAnswersTheTask() {
        ClickUpTask created = client.createTask(DemoWorkspace.LIST_ID, new TaskWrite.Create("Written by the client", "*md*",
                "review", 2, null, List.of(DemoWorkspace.ALAN), List.of(
                new TaskWrite.FieldSetting(DemoWorkspace.FIELD_SEVERITY, NODES.textNode(DemoWorkspace.SEVERITY_LOW)),
                new TaskWrite.FieldSetting(DemoWorkspace.FIELD_STORY_POINTS, NODES.numberNode(5)))));

        assertThat(created.id()).isNotBlank();
        assertThat(created.name()).isEqualTo("Written by the client");
        assertThat(clickUp.workspace().customValue(created.id(), DemoWorkspace.FIELD_SEVERITY)).isEqualTo(DemoWorkspace.SEVERITY_LOW);
        assertThat(clickUp.workspace().customValue(created.id(), DemoWorkspace.FIELD_STORY_POINTS)).isEqualTo(new BigDecimal("5"));
        assertThat(clickUp.workspace().description(created.id())).isEqualTo("*md*");
    }

    @Test
    void aCreateAnswered503IsNotSentAgainAndEndsAsOutcomeUnknown() {
        clickUp.faults().failNext(1, 503, "/list/" + DemoWorkspace.LIST_ID + "/task");
        int before = clickUp.count("POST", "/list/" + DemoWorkspace.LIST_ID + "/task$");

        assertThatThrownBy(() -> client.createTask(DemoWorkspace.LIST_ID,
                new TaskWrite.Create("Maybe created", null, null, null, null, null, null)))
                .isInstanceOf(ClickUpException.OutcomeUnknown.class)
                .hasMessageContaining("POST /list/{id}/task")
                .hasCauseInstanceOf(ClickUpException.Server.class);
        assertThat(clickUp.count("POST", "/list/" + DemoWorkspace.LIST_ID + "/task$") - before).isEqualTo(1);
    }

    @Test
    void aCommentAnswered502IsNotPostedTwice() {
        String taskId = clickUp.workspace().createTask(DemoWorkspace.LIST_ID, "Comment on me").get(0).taskId();
        clickUp.faults().failNext(1, 502, "/task/" + taskId + "/comment");

        assertThatThrownBy(() -> client.comment(taskId, "once"))
                .isInstanceOf(ClickUpException.OutcomeUnknown.class);
        assertThat(clickUp.count("POST", "/task/" + taskId + "/comment")).isEqualTo(1);
    }

    @Test
    void anUpdateAnswered503IsRetriedBecauseItIsIdempotent() {
        String taskId = clickUp.workspace().createTask(DemoWorkspace.LIST_ID, "Update me").get(0).taskId();
        clickUp.faults().failNext(1, 503, "/task/" + taskId + "$");

        ClickUpTask updated = client.updateTask(taskId, new TaskWrite.Update().name("Updated").priority(null));

        assertThat(updated.name()).isEqualTo("Updated");
        assertThat(clickUp.count("PUT", "/task/" + taskId + "$")).isEqualTo(2);
    }

    @Test
    void anUnknownOptionIsAValidationErrorCarryingClickUpsEcode() {
        String taskId = clickUp.workspace().createTask(DemoWorkspace.LIST_ID, "Set my fields").get(0).taskId();
        assertThatThrownBy(() -> client.setFieldValue(taskId, DemoWorkspace.FIELD_SEVERITY,
                NODES.textNode("High")))
                .isInstanceOfSatisfying(ClickUpException.Validation.class, e -> assertThat(e.ecode()).isEqualTo("FIELD_011"));

        client.setFieldValue(taskId, DemoWorkspace.FIELD_SEVERITY, NODES.textNode(DemoWorkspace.SEVERITY_HIGH));
        assertThat(clickUp.workspace().customValue(taskId, DemoWorkspace.FIELD_SEVERITY)).isEqualTo(DemoWorkspace.SEVERITY_HIGH);
        client.removeFieldValue(taskId, DemoWorkspace.FIELD_SEVERITY);
        assertThat(clickUp.workspace().customValue(taskId, DemoWorkspace.FIELD_SEVERITY)).isNull();
    }
}
