package dev.clickupsync.command;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules a command must meet before it is queued (and again before it is executed, since the queue
 * may carry what an older version accepted). Each failure names the field. The limits keep each field
 * within reason and out of ClickUp's way; together they still allow several megabytes, so whether the
 * whole command fits its queue is checked on the encoded message ({@link CommandQueue#submit}).
 *
 * <ul>
 *   <li>{@code command_id}: 1..128 of {@code [A-Za-z0-9._:-]}; {@code type}: required;</li>
 *   <li>{@code create_task}: {@code list_id} and {@code name}; no {@code task_id}, no {@code comment};</li>
 *   <li>{@code update_task}: {@code task_id} and at least one change; no {@code comment};</li>
 *   <li>{@code comment}: {@code task_id} and {@code comment}, nothing else;</li>
 *   <li>ids: 1..64 of {@code [A-Za-z0-9._:-]}; {@code priority} 0..4; {@code due_date} >= 0;
 *       at most 50 assignees (positive ids) and 50 custom fields; a custom field value is a string,
 *       number, boolean, null (clears) or an array of strings or numbers;</li>
 *   <li>{@code workspace}: optional, a workspace name ({@code [a-z][a-z0-9]*}, at most 32); at submit it must
 *       also name a workspace of this deployment ({@link #knownWorkspace}).</li>
 * </ul>
 */
public final class CommandValidator {
    private static final Pattern COMMAND_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    /** {@code workspace/Workspaces}' rule for names ({@code default} fits it too). */
    private static final Pattern WORKSPACE = Pattern.compile("[a-z][a-z0-9]{0,31}");
    static final int MAX_TEXT = 100_000;
    static final int MAX_NAME = 1_024;
    static final int MAX_ITEMS = 50;

    private CommandValidator() {
    }

    /** @throws InvalidCommandException naming the first field that breaks a rule */
    public static Command validate(Command c) {
        if (c == null) {
            throw new InvalidCommandException("body", "a command is required");
        }
        require(c.commandId() != null && COMMAND_ID.matcher(c.commandId()).matches(), "command_id",
                "is required: 1-128 characters of A-Z a-z 0-9 . _ : -");
        require(c.type() != null, "type", "is required: create_task, update_task or comment");
        optionalId(c.listId(), "list_id");
        optionalId(c.taskId(), "task_id");
        require(c.workspace() == null || WORKSPACE.matcher(c.workspace()).matches(), "workspace",
                "must be a workspace name: lower-case letters and digits, starting with a letter, at most 32");
        switch (c.type()) {
            case CREATE_TASK -> {
                require(c.listId() != null, "list_id", "is required to create a task");
                require(c.name() != null && !c.name().isBlank(), "name", "is required to create a task");
                require(c.taskId() == null, "task_id", "does not apply to create_task (ClickUp chooses the id)");
                require(c.comment() == null, "comment", "does not apply to create_task");
            }
            case UPDATE_TASK -> {
                require(c.taskId() != null, "task_id", "is required to update a task");
                require(c.comment() == null, "comment", "does not apply to update_task; send a comment command");
                require(c.name() != null || c.description() != null || c.status() != null || c.priority() != null
                        || c.assignees() != null || c.dueDate() != null
                        || (c.customFields() != null && !c.customFields().isEmpty()), "body",
                        "update_task needs at least one of name, description, status, priority, assignees, due_date, custom_fields");
            }
            case COMMENT -> {
                require(c.taskId() != null, "task_id", "is required to comment");
                require(c.comment() != null && !c.comment().isBlank(), "comment", "is required and must not be blank");
                require(c.name() == null && c.description() == null && c.status() == null && c.priority() == null
                        && c.assignees() == null && c.dueDate() == null && c.customFields() == null
                        && c.listId() == null, "body", "a comment command carries only command_id, type, task_id, comment and workspace");
            }
            default -> throw new InvalidCommandException("type", "is not supported");
        }
        text(c.name(), "name", MAX_NAME);
        text(c.description(), "description", MAX_TEXT);
        text(c.comment(), "comment", MAX_TEXT);
        text(c.status(), "status", 128);
        require(c.name() == null || !c.name().isBlank(), "name", "must not be blank");
        require(c.priority() == null || (c.priority() >= 0 && c.priority() <= 4), "priority", "must be 0 (none) to 4 (low)");
        require(c.dueDate() == null || c.dueDate() >= 0, "due_date", "must be epoch milliseconds (0 clears)");
        assignees(c.assignees());
        customFields(c.customFields());
        return c;
    }

    /**
     * The command's {@code workspace}, when set, is one of {@code known} (this deployment's workspace names).
     * The message names it: a checked name ({@link #validate}) is safe to echo, and a typo is found at once.
     *
     * @throws InvalidCommandException on the field {@code workspace}
     */
    public static Command knownWorkspace(Command c, List<String> known) {
        require(c.workspace() == null || known.contains(c.workspace()), "workspace",
                "no workspace '" + c.workspace() + "' in this deployment; known: " + String.join(", ", known));
        return c;
    }

    /** Whether {@code id} is a well-formed command id (usable as a record key). */
    public static boolean isCommandId(String id) {
        return id != null && COMMAND_ID.matcher(id).matches();
    }

    /** Whether {@code id} is a well-formed list or task id (as {@code list_id} and {@code task_id} must be). */
    public static boolean isId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    private static void assignees(List<Long> assignees) {
        if (assignees == null) {
            return;
        }
        require(assignees.size() <= MAX_ITEMS, "assignees", "at most " + MAX_ITEMS + " user ids");
        for (Long id : assignees) {
            require(id != null && id > 0, "assignees", "must be positive ClickUp user ids");
        }
    }

    private static void customFields(Map<String, JsonNode> fields) {
        if (fields == null) {
            return;
        }
        require(fields.size() <= MAX_ITEMS, "custom_fields", "at most " + MAX_ITEMS + " fields per command");
        for (Map.Entry<String, JsonNode> field : fields.entrySet()) {
            String name = "custom_fields." + field.getKey();
            require(!field.getKey().isBlank() && field.getKey().length() <= 256, "custom_fields",
                    "field names must be 1-256 characters");
            JsonNode value = field.getValue();
            boolean scalar = value == null || value.isNull() || value.isTextual() || value.isNumber() || value.isBoolean();
            boolean array = value != null && value.isArray() && value.size() <= MAX_ITEMS;
            if (array) {
                value.forEach(item -> require(item.isTextual() || item.isNumber(), name,
                        "array items must be strings (option names) or numbers (user ids)"));
            }
            require(scalar || array, name, "must be a string, number, boolean, null or an array of strings or numbers");
            if (value != null && value.isTextual()) {
                text(value.asText(), name, MAX_TEXT);
            }
        }
    }

    private static void optionalId(String id, String field) {
        require(id == null || ID.matcher(id).matches(), field, "must be 1-64 characters of A-Z a-z 0-9 . _ : -");
    }

    private static void text(String value, String field, int max) {
        require(value == null || value.length() <= max, field, "is longer than " + max + " characters");
    }

    private static void require(boolean ok, String field, String message) {
        if (!ok) {
            throw new InvalidCommandException(field, message);
        }
    }
}
