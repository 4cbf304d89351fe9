package dev.clickupsync.digest;

import dev.clickupsync.mirror.Transition;

import java.time.Instant;
import java.util.List;

/**
 * What the digest may tell the model about one task: structured fields only (no description, no
 * custom-field values, no URLs), and why it is in the digest.
 */
public record TaskFact(String id, String listId, String name, String status, String priority, List<String> assignees,
                       Instant dueDate, Instant dateUpdated, boolean changed, boolean inProgress, boolean blocked,
                       boolean overdue, List<Transition> transitions) {

    public TaskFact {
        assignees = List.copyOf(assignees);
        transitions = List.copyOf(transitions);
    }

    /** Order of importance for a standup, used when the prompt must leave tasks out. */
    int rank() {
        return changed ? 0 : blocked ? 1 : overdue ? 2 : 3;
    }
}
