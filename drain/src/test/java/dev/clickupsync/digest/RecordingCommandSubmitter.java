package dev.clickupsync.digest;

import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.command.Command;
import dev.clickupsync.command.CommandSubmitter;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The command path's stand-in for the digest tests. The real, queue-backed {@link CommandSubmitter}
 * (commands queue + executor, idempotent per command id) lands in another branch; this one keeps its
 * contract in the simplest way: it records every submission, and executes a command id at most once,
 * by posting the comment to the fake ClickUp through the real {@link ClickUpClient}. As an
 * {@code @Alternative} with a priority it still wins once the real one exists.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class RecordingCommandSubmitter implements CommandSubmitter {
    private final List<Command> submitted = new ArrayList<>();
    private final Set<String> executed = new LinkedHashSet<>();

    @Inject
    ClickUpClient clickUp;

    @Override
    public synchronized String submit(Command command) {
        submitted.add(command);
        if (executed.add(command.commandId())) {
            clickUp.comment(command.taskId(), command.comment());
        }
        return "test-message-" + submitted.size();
    }

    /** Every command submitted so far, in order (repeats included). */
    public synchronized List<Command> submitted() {
        return List.copyOf(submitted);
    }

    public synchronized void clear() {
        submitted.clear();
    }
}
