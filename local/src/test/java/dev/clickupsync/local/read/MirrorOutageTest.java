package dev.clickupsync.local.read;

import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

/**
 * The mirror's table stops answering under the read API (here: dynalite really answers
 * {@code ResourceNotFoundException}, the table being deleted under the running application, which
 * therefore gets an application of its own): every read is a {@code 503} with {@code Retry-After}
 * and a problem body a ClickUp client can key on, never the framework's bare {@code 500}, never the
 * table's name; each is counted as {@code ReadFailed{Reason=mirror_unavailable}}.
 */
@QuarkusTest
@TestProfile(MirrorOutageTest.OwnApplication.class)
@QuarkusTestResource(EmbeddedStackResource.class)
class MirrorOutageTest {
    /** No override: a profile of its own, so the deleted table takes no other test's application with it. */
    public static class OwnApplication implements QuarkusTestProfile {
    }

    @Inject
    DynamoDbClient dynamo;
    @Inject
    SyncConfig sync;
    @Inject
    Metrics metrics;

    @Test
    void everyReadIs503MirrorUnavailableWhileTheTableDoesNotAnswer() {
        String table = sync.tables().mirror();
        dynamo.deleteTable(b -> b.tableName(table));
        long before = metrics.count("ReadFailed", "Reason", "mirror_unavailable");

        for (String path : new String[] {"/api/v2/task/" + DemoWorkspace.TASK_LOGIN_BUG,
                "/api/v2/list/" + DemoWorkspace.LIST_ID + "/task",
                "/api/v2/task/" + DemoWorkspace.TASK_LOGIN_BUG + "/time_in_status",
                "/api/v2/space/" + DemoWorkspace.SPACE_ID}) {
            given().header("Authorization", ReadApiConformanceTest.TOKEN).get(path).then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", "1")
                    .body("type", equalTo("urn:clickup-sync:problem:mirror-unavailable"))
                    .body("ECODE", equalTo("SYNC_READ_005"))
                    .body(not(containsString(table)));
        }

        assertThat(metrics.count("ReadFailed", "Reason", "mirror_unavailable")).isEqualTo(before + 4);
        // Access is decided before the mirror is read: no token is still a 401 during the outage.
        given().get("/api/v2/task/" + DemoWorkspace.TASK_LOGIN_BUG).then().statusCode(401);
        assertThat(metrics.count("ReadFailed", "Reason", "mirror_unavailable")).isEqualTo(before + 4);
    }
}
