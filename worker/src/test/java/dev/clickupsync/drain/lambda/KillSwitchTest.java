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
import dev.clickupsync.infra.SyncConfig;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code clickup.enabled=false}: the drain makes no ClickUp call and puts every message off (re-sent
 * with a delay, so waiting out the switch never counts toward the DLQ).
 */
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
    @Inject
    SqsClient sqs;
    @Inject
    SyncConfig config;

    FakeClickUp clickUp;

    @Test
    void keepsMessagesAndCallsNothingWhileClickUpIsSwitchedOff() {
        List<WebhookDelivery> deliveries = clickUp.workspace().updateTask(DemoWorkspace.TASK_LOGIN_BUG, c -> c.name("Later"));
        int calls = clickUp.requests().size();

        var event = SqsEvents.of(deliveries);
        String response = given().contentType("application/json").body(event.toString())
                .post().then().statusCode(200).extract().asString();

        assertThat(response).doesNotContain(SqsEvents.messageId(event, 0));
        assertThat(clickUp.requests()).hasSize(calls);
        assertThat(metrics.count("DrainDeferred", "Reason", "clickup_disabled")).isEqualTo(1);
        assertThat(metrics.count("DrainFailed", "Reason", "clickup_disabled")).as("a deferral, not a failure").isZero();
        assertThat(metrics.count("DrainOutcome", "Outcome", "deferred")).isEqualTo(1);
        String delayed = sqs.getQueueAttributes(b -> b.queueUrl(config.queue().url())
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED);
        assertThat(delayed).isEqualTo("1");
        assertThat(mirror.find(DemoWorkspace.TASK_LOGIN_BUG)).isEmpty();
    }
}
