package dev.clickupsync.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import dev.clickupsync.json.Json;

import java.util.Iterator;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A {@link Command} to and from its JSON form (the admin API's body and the commands queue's message
 * body). Parsing is strict where the admin API needs clear errors: an unknown property (a typo such as
 * {@code custom_field}) or a value of the wrong type is an {@link InvalidCommandException} naming it.
 */
public final class CommandJson {
    static final Set<String> PROPERTIES = Set.of("command_id", "type", "list_id", "task_id", "name", "description",
            "status", "priority", "assignees", "due_date", "custom_fields", "comment", "workspace");

    private CommandJson() {
    }

    /** Parses (not validates: see {@link CommandValidator}) one command. */
    public static Command parse(String json) {
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(json == null ? "" : json);
        } catch (JsonProcessingException e) {
            throw new InvalidCommandException("body", "not valid JSON");
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidCommandException("body", "must be a JSON object");
        }
        for (Iterator<String> names = tree.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!PROPERTIES.contains(name)) {
                throw new InvalidCommandException(name, "unknown property; known: "
                        + PROPERTIES.stream().sorted().collect(Collectors.joining(", ")));
            }
        }
        try {
            return Json.MAPPER.treeToValue(tree, Command.class);
        } catch (InvalidFormatException e) {
            String field = path(e);
            if (field.equals("type")) {
                throw new InvalidCommandException("type", "must be one of create_task, update_task, comment");
            }
            throw new InvalidCommandException(field, "has the wrong type");
        } catch (JsonMappingException e) {
            throw new InvalidCommandException(path(e), "has the wrong type");
        } catch (JsonProcessingException e) {
            throw new InvalidCommandException("body", "cannot be read as a command");
        }
    }

    public static String write(Command command) {
        try {
            return Json.MAPPER.writeValueAsString(command);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a command always serialises", e);
        }
    }

    /** The JSON name of a type ({@code create_task}, ...), for records, metrics and logs. */
    public static String typeName(Command.Type type) {
        return type == null ? "unknown" : switch (type) {
            case CREATE_TASK -> "create_task";
            case UPDATE_TASK -> "update_task";
            case COMMENT -> "comment";
        };
    }

    private static String path(JsonMappingException e) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                field.append(field.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        return field.length() == 0 ? "body" : field.toString();
    }
}
