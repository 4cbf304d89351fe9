package dev.clickupsync.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.goal.GoalStore;
import dev.clickupsync.goal.StoredGoal;
import dev.clickupsync.json.Json;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.time.Clock;
import java.util.Set;

/**
 * ClickUp's goal reads, from the mirror ({@code goal/}'s items): {@code GET /team/{id}/goal} from the
 * workspace's stored listing (fetched with {@code include_completed=true}; without
 * {@code include_completed=true} the goals whose {@code percent_completed} is 100 are dropped, from
 * {@code goals} and from each folder's {@code goals}, as the fake ClickUp does: ClickUp does not say
 * what "completed" means), and {@code GET /goal/{id}} as {@code {"goal": <stored>}}. A workspace
 * whose listing the mirror has not stored answers an empty listing (as the hierarchy's
 * {@code /team/{id}/space}); an unknown or deleted goal is {@code 404}. Freshness: the stored item's
 * fetch and write times.
 */
@Path(ReadPrefix.CANONICAL)
public class GoalReadResource {
    private static final String INCLUDE_COMPLETED = "include_completed";

    @Inject
    GoalStore store;
    @Context
    UriInfo uri;

    Clock clock = Clock.systemUTC();

    @Parameter(name = INCLUDE_COMPLETED, in = ParameterIn.QUERY, ref = "p_include_completed")
    @APIResponse(responseCode = "200", description = "The workspace's goals and goal folders")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Path("/team/{team_id}/goal")
    public Response goals(@PathParam("team_id") String teamId) {
        boolean includeCompleted = ReadParams.of(uri, Set.of(INCLUDE_COMPLETED)).flag(INCLUDE_COMPLETED);
        String team = ReadParams.id("team", teamId);
        return store.listing(team)
                .map(l -> answer(includeCompleted ? l.json() : withoutCompleted(l.json()),
                        new Freshness(l.fetchedAt(), l.writtenAt())))
                .orElseGet(() -> Response.ok(empty().toString(), MediaType.APPLICATION_JSON).build());
    }

    @APIResponse(responseCode = "200", description = "The goal")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Path("/goal/{goal_id}")
    public Response goal(@PathParam("goal_id") String goalId) {
        ReadParams.of(uri, Set.of());
        String id = ReadParams.id("goal", goalId);
        StoredGoal goal = store.find(id).filter(g -> !g.deleted())
                .orElseThrow(() -> new ReadRejection(ReadProblems.goalNotMirrored(id)));
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("goal", goal.json());
        return answer(body, new Freshness(goal.fetchedAt(), goal.writtenAt()));
    }

    private Response answer(JsonNode json, Freshness freshness) {
        return freshness.on(Response.ok(json.toString(), MediaType.APPLICATION_JSON), clock.instant()).build();
    }

    /** The listing less its completed goals; a folder's {@code goal_count} counts what is left. */
    static JsonNode withoutCompleted(JsonNode listing) {
        ObjectNode copy = listing.deepCopy();
        dropCompleted(copy.path("goals"));
        for (JsonNode folder : copy.path("folders")) {
            dropCompleted(folder.path("goals"));
            if (folder.has("goal_count") && folder instanceof ObjectNode f) {
                f.put("goal_count", folder.path("goals").size());
            }
        }
        return copy;
    }

    private static void dropCompleted(JsonNode goals) {
        if (goals instanceof ArrayNode array) {
            for (int i = array.size() - 1; i >= 0; i--) {
                if (array.get(i).path("percent_completed").asDouble(0) >= 100) {
                    array.remove(i);
                }
            }
        }
    }

    private static ObjectNode empty() {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.putArray("goals");
        body.putArray("folders");
        return body;
    }
}
