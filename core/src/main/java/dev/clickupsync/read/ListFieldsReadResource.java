package dev.clickupsync.read;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.clickup.model.CustomField;
import dev.clickupsync.fields.FieldDefinitions;
import dev.clickupsync.fields.StoredFieldsReader;
import dev.clickupsync.json.Json;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameters;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.time.Clock;
import java.util.Set;

/**
 * {@code GET /list/{list_id}/field}: the list's custom-field definitions as the field cache stored
 * them ({@link StoredFieldsReader}: one consistent {@code GetItem}, never a discovery). Each field
 * has {@code id}, {@code name}, {@code type} and {@code type_config}; ClickUp's {@code date_created},
 * {@code hide_from_guests} and {@code required} are not stored and are left out. A list whose
 * definitions were never discovered is {@code 404}. Freshness: both headers are the definitions'
 * fetch time.
 */
@Path(ReadPrefix.CANONICAL + "/list/{list_id}/field")
public class ListFieldsReadResource {
    private static final Set<String> PARAMS = Set.of("include_applied_objects");

    @Inject
    StoredFieldsReader fields;
    @Context
    UriInfo uri;

    Clock clock = Clock.systemUTC();

    @Operation(summary = "Custom fields of a list")
    @APIResponse(responseCode = "200", description = "The fields")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Parameters({
            @Parameter(name = "include_applied_objects", in = ParameterIn.QUERY, ref = "p_include_applied_objects")})
    public Response fields(@PathParam("list_id") String listId) {
        ReadParams.of(uri, PARAMS).refuseTrue("include_applied_objects", "applied objects are not stored");
        String id = ReadParams.id("list", listId);
        FieldDefinitions definitions = fields.stored(id)
                .orElseThrow(() -> new ReadRejection(ReadProblems.fieldsNotMirrored(id)));
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode array = body.putArray("fields");
        for (CustomField f : definitions.fields()) {
            ObjectNode node = array.addObject().put("id", f.id()).put("name", f.name()).put("type", f.type());
            node.set("type_config", f.typeConfig() == null || f.typeConfig().isNull()
                    ? Json.MAPPER.createObjectNode() : f.typeConfig());
        }
        Freshness freshness = new Freshness(definitions.fetchedAt(), definitions.fetchedAt());
        return freshness.on(Response.ok(body.toString(), MediaType.APPLICATION_JSON), clock.instant()).build();
    }
}
