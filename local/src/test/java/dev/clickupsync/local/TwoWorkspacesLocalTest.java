package dev.clickupsync.local;

import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.SecondDemoWorkspace;
import dev.clickupsync.testkit.clickup.WebhookDelivery;
import dev.clickupsync.testkit.quarkus.EmbeddedStack;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local pipeline with two workspaces (issue #17, README "Two workspaces"): the demo workspace and
 * "acme", each on its own fake ClickUp that answers only its own token and signs with its own webhook
 * secret. Changes in both reach the mirror through one ingest, one queue and one poller. The mirror is
 * polled over this process's HTTP, never the fakes.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedStackResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = EmbeddedStackResource.WORKSPACES, value = "2"))
class TwoWorkspacesLocalTest {

    @TestHTTPResource("/webhooks/clickup")
    URI ingest;

    EmbeddedStack stack;

    @Test
    void changesInBothWorkspacesArriveInTheMirrorEachThroughItsOwnToken() throws Exception {
        List<WebhookDelivery> deliveries = new ArrayList<>(stack.secondClickUp().workspace()
                .updateTask(SecondDemoWorkspace.TASK_ONBOARDING, c -> c.name("Client onboarded")));
        deliveries.addAll(stack.clickUp().workspace().updateTask(DemoWorkspace.TASK_SHIP_V1, c -> c.name("Shipped v1")));

        for (WebhookDelivery delivery : deliveries) {
            assertThat(delivery.postTo(ingest)).isEqualTo(200);
        }

        awaitName(SecondDemoWorkspace.TASK_ONBOARDING, "Client onboarded");
        awaitName(DemoWorkspace.TASK_SHIP_V1, "Shipped v1");
        assertThat(stack.clickUp().requests()).as("acme's task never asked of the demo workspace's ClickUp")
                .noneMatch(r -> r.path().contains(SecondDemoWorkspace.TASK_ONBOARDING));
    }

    private static void awaitName(String taskId, String name) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(until)) {
            Response response = given().get("/tasks/" + taskId);
            if (response.statusCode() == 200 && name.equals(response.jsonPath().getString("name"))) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("task " + taskId + " did not reach the mirror as '" + name + "' in time");
    }
}
