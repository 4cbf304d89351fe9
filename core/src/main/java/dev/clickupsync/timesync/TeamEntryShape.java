package dev.clickupsync.timesync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import dev.clickupsync.clickup.model.TimeEntry;
import dev.clickupsync.json.Json;
import dev.clickupsync.mirror.TimeEntries;
import dev.clickupsync.mirror.TimeEntryRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One element of {@code GET /team/{id}/time_entries} checked and mapped before anything is stored:
 * first against the bundled schema ({@value #SCHEMA_RESOURCE}: only what the mirror keeps, as
 * loosely as ClickUp's answers vary), then for what a schema cannot say (an end before the start),
 * then mapped through {@link TimeEntries#fromTeamEntries}, the same mapping as every team entry. An
 * element fails whole, with one reason; a half entry is never produced.
 *
 * <p>Reasons, the same in the metric {@code ReconcileTimeEntrySkipped{Reason}} and the logs:
 * {@value #MALFORMED} (schema, order of times or mapping failed) and {@value #NO_TASK} (time tracked
 * on no task: the mirror keeps time per task).
 */
final class TeamEntryShape {
    static final String SCHEMA_RESOURCE = "/clickup/time-entry.schema.json";
    static final String MALFORMED = "malformed";
    static final String NO_TASK = "no_task";

    private final JsonSchema schema;

    TeamEntryShape() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        try (InputStream in = TeamEntryShape.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("schema resource missing: " + SCHEMA_RESOURCE);
            }
            this.schema = factory.getSchema(in, SchemaValidatorsConfig.builder().build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The entry, or why not.
     *
     * @param id the entry's id when it could be read (also for a rejected entry), else null: a walk
     *           must not take the absence of an entry it could not name for a deletion
     */
    record Checked(TimeEntryRecord entry, String reason, String id, String detail) {
    }

    Checked check(JsonNode element) {
        String id = element != null && element.path("id").isTextual() ? element.get("id").asText() : null;
        if (!(element instanceof ObjectNode object)) {
            return rejected(id, "not an object");
        }
        List<String> violations = schema.validate(object).stream().limit(3).map(m -> m.getMessage()).toList();
        if (!violations.isEmpty()) {
            return rejected(id, String.join("; ", violations));
        }
        if (object.path("task").path("id").asText("").isEmpty()) {
            return new Checked(null, NO_TASK, id, "no task");
        }
        List<String> tags = new ArrayList<>();
        for (JsonNode tag : object.path("tags")) { // strings in the OpenAPI document, objects elsewhere
            JsonNode name = tag.isObject() ? tag.get("name") : tag;
            if (name == null || !name.isTextual()) {
                return rejected(id, "a tag without a name");
            }
            tags.add(name.asText());
        }
        ObjectNode mapped = object.deepCopy();
        mapped.remove("tags");
        TimeEntry entry;
        try {
            entry = Json.MAPPER.treeToValue(mapped, TimeEntry.class);
        } catch (IOException | IllegalArgumentException e) {
            return rejected(id, "unmappable: " + e.getClass().getSimpleName());
        }
        if (entry.end() != null && entry.end().isBefore(entry.start())) {
            return rejected(id, "ends before it starts");
        }
        List<TimeEntryRecord> records = TimeEntries.fromTeamEntries(List.of(entry));
        return records.isEmpty() ? rejected(id, "unmappable") : new Checked(records.get(0).withTags(tags), null, id, null);
    }

    private static Checked rejected(String id, String detail) {
        return new Checked(null, MALFORMED, id, detail);
    }
}
