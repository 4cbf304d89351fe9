package dev.clickupsync.local.read;

import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * A non-default prefix and several tokens: the routes answer under the configured prefix (the
 * pre-matching filter maps it onto the resources' {@code /api/v2}), and {@code /api/v2} itself is
 * then not served; each configured token works.
 */
@QuarkusTest
@TestProfile(ReadApiPrefixTest.OtherPrefix.class)
@QuarkusTestResource(EmbeddedStackResource.class)
class ReadApiPrefixTest {
    static final String PREFIX = "/replica/clickup/v2";

    /** The read API under another prefix, with two consumers' tokens. */
    public static class OtherPrefix implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sync.read-api.prefix", PREFIX, "sync.read-api.tokens", "consumer-one-token,consumer-two-token");
        }
    }

    @Test
    void servesUnderTheConfiguredPrefixOnly() {
        for (String token : new String[]{"consumer-one-token", "Bearer consumer-two-token"}) {
            given().header("Authorization", token).get(PREFIX + "/task/86cnotseen").then().statusCode(404)
                    .body("type", equalTo("urn:clickup-sync:problem:task-not-mirrored"));
        }
        given().header("Authorization", "consumer-one-token").get(PREFIX + "/task/86cnotseen?bogus=1").then().statusCode(400);
        given().header("Authorization", "consumer-one-token").get("/api/v2/task/86cnotseen").then().statusCode(404)
                .body("type", equalTo("urn:clickup-sync:problem:not-found"));
        given().header("Authorization", ReadApiConformanceTest.TOKEN).get(PREFIX + "/task/86cnotseen").then().statusCode(401);
        given().get(PREFIX + "/list/" + DemoWorkspace.LIST_ID + "/field").then().statusCode(401);
    }
}
