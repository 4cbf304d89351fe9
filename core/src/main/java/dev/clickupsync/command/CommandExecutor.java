package dev.clickupsync.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.clickup.ClickUpException;
import dev.clickupsync.clickup.model.ClickUpTask;
import dev.clickupsync.clickup.model.CustomField;
import dev.clickupsync.clickup.model.FieldValue;
import dev.clickupsync.clickup.model.TaskWrite;
import dev.clickupsync.fields.FieldCache;
import dev.clickupsync.fields.FieldDefinitions;
import dev.clickupsync.metrics.Metrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Executes one claimed command against ClickUp: every call goes through {@link ClickUpClient}, so
 * through the shared rate budget, and exceptions that mean "later" (budget spent, ClickUp switched
 * off or failing) reach the caller unchanged for it to defer or retry.
 *
 * <p>Custom fields are resolved by name through the {@link FieldCache}. At most <em>one</em> fresh
 * discovery ({@link FieldCache#refresh}) per execution: when a name or option is missing from the
 * cached definitions, or when ClickUp refuses a field id or option id as unknown
 * ({@link #STALE_FIELD_ECODES}: the field was re-created or the option removed); then the command is
 * resolved again and the refused call made once more. A second miss fails the command with the reason.
 *
 * <p>Costs in ClickUp calls: comment 1; create 1 (fields are part of the create request); update 1
 * GET when it sets assignees or custom fields (current assignees and people, and the task's list),
 * 1 PUT when it changes task properties, 1 POST per custom field; plus 1 field discovery on a cache
 * miss or a refresh.
 */
@ApplicationScoped
public class CommandExecutor {
    /** ClickUp's codes for "that field or option id does not exist (here)": the definitions are stale. */
    static final Set<String> STALE_FIELD_ECODES = Set.of("FIELD_011", "FIELD_115");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ClickUpClient clickUp;
    private final FieldCache fields;
    private final CommandOutcomes outcomes;
    private final Metrics metrics;

    @Inject
    public CommandExecutor(ClickUpClient clickUp, FieldCache fields, CommandOutcomes outcomes, Metrics metrics) {
        this.clickUp = clickUp;
        this.fields = fields;
        this.outcomes = outcomes;
        this.metrics = metrics;
    }

    /** Runs the command; returns the id of the task it created or changed. */
    public String execute(Command command, CommandOutcomes.Attempt attempt) {
        return switch (command.type()) {
            case COMMENT -> comment(command, attempt);
            case CREATE_TASK -> create(command, attempt);
            case UPDATE_TASK -> update(command);
        };
    }

    private String comment(Command c, CommandOutcomes.Attempt attempt) {
        markWrite(attempt);
        clickUp.comment(c.taskId(), c.comment());
        return c.taskId();
    }

    private String create(Command c, CommandOutcomes.Attempt attempt) {
        Resolution fieldsNow = new Resolution(c.listId(), c);
        markWrite(attempt);
        while (true) {
            List<TaskWrite.FieldSetting> settings = new ArrayList<>();
            for (FieldResolver.Resolved r : fieldsNow.resolved) {
                JsonNode value = r.isUsers() && r.value() != null ? people(r.value(), List.of()) : r.value();
                settings.add(new TaskWrite.FieldSetting(r.field().id(), value));
            }
            TaskWrite.Create request = new TaskWrite.Create(c.name(), c.description(), c.status(),
                    c.priority() == null || c.priority() == 0 ? null : c.priority(),
                    c.dueDate() == null || c.dueDate() == 0 ? null : c.dueDate(),
                    c.assignees(), settings.isEmpty() ? null : settings);
            try {
                ClickUpTask created = clickUp.createTask(c.listId(), request);
                // Accepted: from here nothing may throw as if it had not been (an empty answer is no id, not a failure).
                return created == null ? null : created.id();
            } catch (ClickUpException.Validation refused) {
                fieldsNow.refreshAfter(refused, null); // a 4xx: nothing was created, so creating again is safe
            }
        }
    }

    /** The in-flight mark before a non-idempotent write; without it (lock lost) nothing is sent. */
    private void markWrite(CommandOutcomes.Attempt attempt) {
        if (!outcomes.writeStarted(attempt)) {
            throw new IllegalStateException("the command's lock was lost before its write; another execution has it");
        }
    }

    private String update(Command c) {
        ClickUpTask current = null;
        if (c.assignees() != null || (c.customFields() != null && !c.customFields().isEmpty())) {
            current = clickUp.task(c.taskId());
        }
        TaskWrite.Update update = new TaskWrite.Update();
        if (c.name() != null) {
            update.name(c.name());
        }
        if (c.description() != null) {
            update.markdownContent(c.description());
        }
        if (c.status() != null) {
            update.status(c.status());
        }
        if (c.priority() != null) {
            update.priority(c.priority() == 0 ? null : c.priority());
        }
        if (c.dueDate() != null) {
            update.dueDate(c.dueDate() == 0 ? null : c.dueDate());
        }
        if (c.assignees() != null) {
            Set<Long> now = new LinkedHashSet<>();
            current.assignees().forEach(u -> now.add(u.id()));
            Set<Long> add = new LinkedHashSet<>(c.assignees());
            add.removeAll(now);
            Set<Long> remove = new LinkedHashSet<>(now);
            c.assignees().forEach(remove::remove);
            if (!add.isEmpty() || !remove.isEmpty()) {
                update.assignees(add, remove);
            }
        }
        if (!update.isEmpty()) {
            clickUp.updateTask(c.taskId(), update);
        }
        if (current != null && c.customFields() != null && !c.customFields().isEmpty()) {
            String listId = c.listId() != null ? c.listId() : current.list() == null ? null : current.list().id();
            if (listId == null) {
                throw new CommandFailedException("unknown_list", "ClickUp did not say which list task " + c.taskId() + " is in");
            }
            setFields(c, current, new Resolution(listId, c));
        }
        return c.taskId();
    }

    /** One POST per field, in the command's order; a stale id refused by ClickUp gets one refresh. */
    private void setFields(Command c, ClickUpTask current, Resolution resolution) {
        for (int i = 0; i < resolution.resolved.size(); i++) {
            FieldResolver.Resolved r = resolution.resolved.get(i);
            try {
                if (r.value() == null) {
                    clickUp.removeFieldValue(c.taskId(), r.field().id());
                } else {
                    JsonNode value = r.isUsers() ? people(r.value(), currentUsers(current, r.field().id())) : r.value();
                    clickUp.setFieldValue(c.taskId(), r.field().id(), value);
                }
            } catch (ClickUpException.Validation refused) {
                resolution.refreshAfter(refused, r.field().name());
                i--; // the same field again, resolved anew (setting a value twice is harmless)
            }
        }
    }

    /** {@code {"add": [...], "rem": [...]}} that turns {@code now} into {@code wanted}. */
    private static ObjectNode people(JsonNode wanted, List<Long> now) {
        Set<Long> want = new LinkedHashSet<>();
        wanted.forEach(id -> want.add(id.asLong()));
        ObjectNode body = NODES.objectNode();
        ArrayNode add = body.putArray("add");
        ArrayNode rem = body.putArray("rem");
        want.stream().filter(id -> !now.contains(id)).forEach(add::add);
        now.stream().filter(id -> !want.contains(id)).forEach(rem::add);
        return body;
    }

    private static List<Long> currentUsers(ClickUpTask task, String fieldId) {
        for (CustomField field : task.customFields()) {
            if (fieldId.equals(field.id()) && field.typedValue() instanceof FieldValue.Users users) {
                return users.ids();
            }
        }
        return List.of();
    }

    /** The command's fields resolved against one list, with its single allowed refresh. */
    private final class Resolution {
        private final String listId;
        private final Command command;
        private boolean refreshed;
        private List<FieldResolver.Resolved> resolved;

        Resolution(String listId, Command command) {
            this.listId = listId;
            this.command = command;
            if (command.customFields() == null || command.customFields().isEmpty()) {
                resolved = List.of();
                return;
            }
            try {
                resolved = FieldResolver.resolve(fields.forList(listId), command.customFields());
            } catch (CommandFailedException miss) {
                metrics.increment("CommandFieldRefresh", "Trigger", miss.reason());
                refreshed = true;
                resolved = FieldResolver.resolve(fields.refresh(listId), command.customFields());
            }
        }

        /**
         * ClickUp refused a value ({@code fieldName}: the field being set, null for a create): refresh
         * once if it called a field or option id unknown, else give up. Fields an update set before
         * this one stay set (each is its own request); re-submitting is safe, updates are idempotent.
         */
        void refreshAfter(ClickUpException.Validation refused, String fieldName) {
            boolean stale = refused.ecode() != null && STALE_FIELD_ECODES.contains(refused.ecode());
            if (!stale || refreshed || resolved.isEmpty()) {
                throw new CommandFailedException("clickup_validation", "ClickUp refused "
                        + (fieldName == null ? "the command" : "custom field \"" + fieldName + "\"") + ": " + refused.status()
                        + (refused.ecode() == null ? "" : " " + refused.ecode())
                        + (stale ? " after a fresh read of list " + listId + "'s custom fields" : ""), refused);
            }
            metrics.increment("CommandFieldRefresh", "Trigger", "clickup_" + refused.ecode());
            refreshed = true;
            FieldDefinitions fresh = fields.refresh(listId);
            resolved = FieldResolver.resolve(fresh, command.customFields());
        }
    }
}
