package dev.clickupsync.local;

import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;

/** Without {@code sync.admin.enabled=true} the admin routes answer 404, token or not. (Default profile.) */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackResource.class)
class AdminDisabledByDefaultTest {

    @Test
    void adminRoutesAre404WhenDisabled() {
        for (String path : List.of("/admin/dlq/redrive", "/admin/tasks/86c0aa001/resync",
                "/admin/backfill?team_id=9012345&from=2025-01-01T00:00:00Z")) {
            given().post(path).then().statusCode(404).contentType("application/problem+json");
            given().header("Authorization", "Bearer " + AdminApiTest.TOKEN).post(path).then().statusCode(404);
        }
        // The console's listings too: a disabled admin API lists nothing, not even its DLQs.
        for (String path : List.of("/admin/dlq/messages?queue=events", "/admin/commands?limit=5")) {
            given().header("Authorization", "Bearer " + AdminApiTest.TOKEN).get(path).then().statusCode(404)
                    .contentType("application/problem+json");
        }
    }
}
