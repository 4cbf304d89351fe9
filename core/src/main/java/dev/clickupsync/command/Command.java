package dev.clickupsync.command;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.Map;

/**
 * One write into ClickUp, as a client sends it to {@code POST /admin/commands} (or the digest
 * builds it) and as it travels through the commands queue. JSON, snake_case.
 *
 * <p>{@code command_id} is chosen by the client and is the idempotency key: a command id that was
 * already executed is never executed again (a redelivered {@code create_task} creates one task),
 * and its recorded outcome can be read back by that id.
 *
 * <p>Custom fields are addressed by <em>name</em> ({@code custom_fields: {"Estimate": 3}}), never
 * by id: ids are list-specific and change when admins restructure; the field cache maps names to
 * ids and drop-down/label option names to option ids.
 *
 * @param commandId    client-chosen id, 1..128 characters of {@code [A-Za-z0-9._:-]}
 * @param type         what to do
 * @param listId       the list to create in ({@code create_task}); for the other types, optional
 *                     (the task's list is looked up when custom fields need it)
 * @param taskId       the task to change or comment on (all types but {@code create_task})
 * @param name         new task name
 * @param description  new markdown description
 * @param status       new status name
 * @param priority     1 urgent .. 4 low; 0 clears
 * @param assignees    user ids: the assignees of a created task, or the full new set for an update
 * @param dueDate      due date, epoch milliseconds; 0 clears
 * @param customFields field name to value (text, number, option name, label names, epoch ms, user ids)
 * @param comment      comment text ({@code comment})
 * @param workspace    the workspace whose token executes it ({@code sync.workspaces.<name>}, or {@code default});
 *                     unset: chosen at submit ({@link CommandWorkspaces}), and queued named
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Command(@JsonProperty("command_id") String commandId,
                      @JsonProperty("type") Type type,
                      @JsonProperty("list_id") String listId,
                      @JsonProperty("task_id") String taskId,
                      @JsonProperty("name") String name,
                      @JsonProperty("description") String description,
                      @JsonProperty("status") String status,
                      @JsonProperty("priority") Integer priority,
                      @JsonProperty("assignees") List<Long> assignees,
                      @JsonProperty("due_date") Long dueDate,
                      @JsonProperty("custom_fields") Map<String, JsonNode> customFields,
                      @JsonProperty("comment") String comment,
                      @JsonProperty("workspace") String workspace) {

    /** The kinds of write. JSON names are lower snake case. */
    @RegisterForReflection
    public enum Type {
        @JsonProperty("create_task") CREATE_TASK,
        @JsonProperty("update_task") UPDATE_TASK,
        @JsonProperty("comment") COMMENT
    }

    /** A comment on a task, in the workspace chosen at submit. */
    public static Command comment(String commandId, String taskId, String text) {
        return comment(commandId, taskId, text, null);
    }

    /** A comment on a task of the workspace {@code workspace}: what the standup digest posts. */
    public static Command comment(String commandId, String taskId, String text, String workspace) {
        return new Command(commandId, Type.COMMENT, null, taskId, null, null, null, null, null, null, null, text, workspace);
    }

    /** A new task named {@code name} in the list, with custom fields by name (null or empty: none). */
    public static Command createTask(String commandId, String listId, String name, Map<String, JsonNode> customFields) {
        return new Command(commandId, Type.CREATE_TASK, listId, null, name, null, null, null, null, null, customFields, null, null);
    }

    /** Sets custom fields of a task by name (a null value clears the field). */
    public static Command setFields(String commandId, String taskId, Map<String, JsonNode> customFields) {
        return new Command(commandId, Type.UPDATE_TASK, null, taskId, null, null, null, null, null, null, customFields, null, null);
    }

    /** This command, executed in the workspace {@code name}. */
    public Command inWorkspace(String name) {
        return new Command(commandId, type, listId, taskId, this.name, description, status, priority, assignees, dueDate,
                customFields, comment, name);
    }
}
