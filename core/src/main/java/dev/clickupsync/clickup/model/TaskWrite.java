package dev.clickupsync.clickup.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Collection;
import java.util.List;

/** The bodies of ClickUp's task writes: create task, update task, set custom field value. */
public final class TaskWrite {
    private TaskWrite() {
    }

    /**
     * {@code POST /list/{id}/task}; nulls are left out. {@code markdownContent} is sent as
     * {@code markdown_content} (ClickUp prefers it over {@code description}); {@code customFields}
     * set values in the same request, so a task is never created without them.
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Create(String name, String markdownContent, String status, Integer priority, Long dueDate,
                         List<Long> assignees, List<FieldSetting> customFields) {
    }

    /** One custom field of a create request: the field's id and its typed value (null clears). */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record FieldSetting(String id, JsonNode value) {
    }

    /** {@code POST /task/{id}/field/{field_id}}: {@code {"value": ...}}. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record SetValue(JsonNode value) {
    }

    /**
     * {@code PUT /task/{id}}: only what is set here is sent, and a JSON {@code null} (clear) differs from
     * absent (keep), which a record with NON_NULL inclusion could not express; hence a JSON object.
     */
    public static final class Update {
        private final ObjectNode body = JsonNodeFactory.instance.objectNode();

        public Update name(String name) {
            body.put("name", name);
            return this;
        }

        public Update markdownContent(String markdown) {
            body.put("markdown_content", markdown);
            return this;
        }

        public Update status(String status) {
            body.put("status", status);
            return this;
        }

        /** 1 urgent .. 4 low; null clears. */
        public Update priority(Integer priority) {
            body.put("priority", priority);
            return this;
        }

        /** Epoch milliseconds; null clears. */
        public Update dueDate(Long epochMillis) {
            body.put("due_date", epochMillis);
            return this;
        }

        /** Assignees to add and to remove (ClickUp takes the difference, not the new set). */
        public Update assignees(Collection<Long> add, Collection<Long> remove) {
            ObjectNode assignees = body.putObject("assignees");
            add.forEach(assignees.putArray("add")::add);
            remove.forEach(assignees.putArray("rem")::add);
            return this;
        }

        public boolean isEmpty() {
            return body.isEmpty();
        }

        public ObjectNode json() {
            return body.deepCopy();
        }
    }
}
