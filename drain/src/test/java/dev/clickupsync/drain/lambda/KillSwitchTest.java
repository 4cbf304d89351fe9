package dev.clickupsync.drain.lambda;

import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.clickup.WebhookDelivery;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code clickup.enabled=false}: the drain makes no ClickUp call and keeps every message for later. */
@QuarkusTest
@TestProfile(KillSwitchTest.ClickUpOff.class)
@QuarkusTestResource(EmbeddedStackResource.class)
class KillSwitchTest {

    public static class ClickUpOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("clickup.enabled", "false");
        }
    }

    @Inject
    Metrics metrics;
    @Inject
    MirrorStore mirror;

    FakeClickUp clickUp;

    @Test
    void keepsMessagesAndCallsNothingWhileClickUpIsSwitchedOff() {
        List<WebhookDelivery> deliveries = clickUp.workspace().updateTask(DemoWorkspace.TASK_LOGIN_BUG, c -> c.name("Later"));
        int calls = clickUp.requests().size();

        var event = SqsEvents.of(deliveries);
        String response = given().contentType("application/json").body(event.toString())
                .post().then().statusCode(200).extract().asString();

        assertThat(response).contains(SqsEvents.messageId(event, 0));
        assertThat(clickUp.requests()).hasSize(calls);
        assertThat(metrics.count("DrainFailed", "Reason", "clickup_disabled")).isEqualTo(1);
        assertThat(mirror.find(DemoWorkspace.TASK_LOGIN_BUG)).isEmpty();
    }
}
