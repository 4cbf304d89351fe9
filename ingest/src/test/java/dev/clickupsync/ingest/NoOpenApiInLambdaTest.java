package dev.clickupsync.ingest;

import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;

/**
 * The Lambda artifact (ingest, and the admin and read functions it also serves) carries no OpenAPI
 * extension: no document and no Swagger UI behind API Gateway, even in test mode where Quarkus would
 * otherwise add them. The document is docs/openapi.yaml and the local run's /q/openapi.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackResource.class)
class NoOpenApiInLambdaTest {

    @Test
    void servesNeitherTheDocumentNorTheSwaggerUi() {
        for (String path : List.of("/q/openapi", "/q/openapi?format=json", "/q/swagger-ui/", "/q/swagger-ui/index.html")) {
            given().get(path).then().statusCode(404);
        }
    }
}
