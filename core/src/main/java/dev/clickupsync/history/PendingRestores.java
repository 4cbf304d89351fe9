package dev.clickupsync.history;

import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.store.PendingTasks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.util.Collection;
import java.util.List;

/**
 * The tasks whose status history reconcile still has to check, per workspace: a {@link PendingTasks}
 * set under {@code pk = restore#<teamId>} in the control table. Written by the change walk before it
 * saves the page's cursor ({@link RestoreCandidates}), removed by {@link TransitionRestore} once a
 * task's history was compared: so a task noted is checked even when the pass stops or fails, and the
 * walk's watermark may move on independently. Noting a task twice is one item.
 */
@ApplicationScoped
public class PendingRestores {
    static final String PARTITION_PREFIX = "restore#";

    private final PendingTasks tasks;

    @Inject
    public PendingRestores(DynamoDbClient dynamo, SyncConfig config) {
        this(dynamo, config.tables().control(), Clock.systemUTC());
    }

    public PendingRestores(DynamoDbClient dynamo, String table, Clock clock) {
        this.tasks = new PendingTasks(dynamo, table, PARTITION_PREFIX, clock);
    }

    /** Notes the tasks (batch puts; repeating it is harmless). */
    public void add(String teamId, Collection<String> taskIds) {
        tasks.add(teamId, taskIds);
    }

    /** Every noted task of the workspace, in key order. */
    public List<String> taskIds(String teamId) {
        return tasks.taskIds(teamId);
    }

    /** The tasks are done: checked, or skipped for good. */
    public void remove(String teamId, Collection<String> taskIds) {
        tasks.remove(teamId, taskIds);
    }
}
