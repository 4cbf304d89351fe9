package dev.clickupsync.local;

import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's "Send a command" on the whole local pipeline: POST /admin/commands, the local poller
 * executes it against the fake ClickUp, GET /admin/commands/{id} reads the outcome.
 */
@QuarkusTest
@TestProfile(AdminApiTest.AdminEnabled.class)
@QuarkusTestResource(EmbeddedStackResource.class)
class CommandsLocalTest {

    FakeClickUp clickUp;

    @Test
    void aCommandSentToTheLocalRunLandsInClickUpAndItsOutcomeIsReadable() throws InterruptedException {
        given().header("Authorization", "Bearer " + AdminApiTest.TOKEN).contentType("application/json")
                .body("""
                        {"command_id":"local-create-1","type":"create_task","list_id":"%s","name":"Sent locally",
                         "custom_fields":{"Severity":"Critical","Story Points":5}}""".formatted(DemoWorkspace.LIST_ID))
                .post("/admin/commands").then().statusCode(202);

        JsonPath outcome = null;
        for (int i = 0; i < 100; i++) {
            outcome = given().header("Authorization", "Bearer " + AdminApiTest.TOKEN).get("/admin/commands/local-create-1")
                    .then().statusCode(200).extract().jsonPath();
            if ("SUCCEEDED".equals(outcome.getString("state"))) {
                break;
            }
            Thread.sleep(100);
        }

        assertThat(outcome.getString("state")).isEqualTo("SUCCEEDED");
        String taskId = outcome.getString("task_id");
        assertThat(clickUp.workspace().taskIdsNamed("Sent locally")).containsExactly(taskId);
        assertThat(clickUp.workspace().customValue(taskId, DemoWorkspace.FIELD_SEVERITY)).isEqualTo(DemoWorkspace.SEVERITY_CRITICAL);
        assertThat(clickUp.workspace().customValue(taskId, DemoWorkspace.FIELD_STORY_POINTS)).isEqualTo(new BigDecimal("5"));
    }
}
