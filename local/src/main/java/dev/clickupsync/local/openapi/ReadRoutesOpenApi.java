package dev.clickupsync.local.openapi;

import dev.clickupsync.read.ReadPrefix;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;

/**
 * What every route of the read API has in common, written into the document once instead of on each
 * read resource: the {@code read} tag, the read token ({@code readToken}: {@code Authorization} as
 * ClickUp clients send theirs), and the answers any read can get whatever it asks: {@code 400} (a
 * parameter not served, a malformed id), {@code 401} (no or a wrong token), {@code 500}
 * {@code read-answer-too-large} and {@code 503} {@code mirror-unavailable} (the filters and exception
 * mappers that produce them sit in front of every read route). A resource's own answers (its
 * {@code 200}, {@code 404}, {@code 409}) stay on its methods, and one it declares itself is kept; a
 * method declares at least one, else SmallRye adds a bare default {@code 200}.
 *
 * <p>Runs at build time only: the document is built once, and native images carry it as a resource.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ReadRoutesOpenApi implements OASFilter {
    /** Where the read resources are mounted, whatever the configured prefix. */
    static final String READ_ROUTES = ReadPrefix.CANONICAL + "/";
    static final String TAG = "read";
    static final String SCHEME = "readToken";
    /**
     * Status code to the shared response in {@code META-INF/openapi.yaml}'s components, in a fixed order
     * (a {@code Map.of} would order the built document's responses differently between builds).
     */
    static final List<Map.Entry<String, String>> COMMON_ANSWERS = List.of(Map.entry("400", "BadRequest"),
            Map.entry("401", "Unauthorized"), Map.entry("500", "AnswerTooLarge"), Map.entry("503", "Unavailable"));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith(READ_ROUTES)) {
                item.getOperations().values().forEach(ReadRoutesOpenApi::common);
            }
        });
    }

    private static void common(Operation operation) {
        operation.setTags(List.of(TAG)); // only this one: not also the class-name tag SmallRye adds to untagged resources
        if (operation.getSecurity() == null || operation.getSecurity().isEmpty()) {
            operation.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(SCHEME)));
        }
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        for (Map.Entry<String, String> answer : COMMON_ANSWERS) {
            if (operation.getResponses().getAPIResponse(answer.getKey()) == null) {
                operation.getResponses().addAPIResponse(answer.getKey(),
                        OASFactory.createAPIResponse().ref("#/components/responses/" + answer.getValue()));
            }
        }
    }
}
