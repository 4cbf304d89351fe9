package dev.clickupsync.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The current or last backfill of each reconcile scope, in the control table beside its watermark:
 * {@code pk = reconcile#<teamId>}, {@code sk = backfill#<scope key>}. Attributes: {@code run_id},
 * {@code team_id}, {@code scope}, {@code state}, {@code from_ms}, {@code requested_at},
 * {@code started_at}, {@code updated_at}, {@code finished_at} (epoch ms), {@code pages},
 * {@code tasks_seen}, {@code tasks_written}, {@code cursor_ms}, {@code stop}. No expected total:
 * ClickUp's task listings give none.
 *
 * <p>One item per scope: a new run ({@link #start}) replaces the previous one, so a reader needs one
 * {@code Query} per workspace and never a scan. Progress is {@link #progressed} with {@code ADD}, so
 * a run that spans several invocations (stopped by a deadline, resumed by the next) keeps counting;
 * every update is conditional on {@code run_id}, so a walk superseded by a newer run never writes
 * into the newer run's counts. What the states mean is reconcile's; this class only keeps the record.
 */
public class BackfillRuns {
    static final String SORT_PREFIX = "backfill#";

    private final DynamoDbClient dynamo;
    private final String table;

    /** One stored run, as plain values. Counters are totals over every invocation of the run. */
    public record Run(String runId, String teamId, String scopeKey, String state, Instant from, Instant requestedAt,
                      Instant startedAt, Instant updatedAt, Instant finishedAt, long pages, long tasksSeen,
                      long tasksWritten, Long cursorMillis, String stop) {
    }

    public BackfillRuns(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The scope's run, if any was ever recorded. */
    public Optional<Run> load(String teamId, String scopeKey) {
        Item item = Item.of(dynamo.getItem(b -> b.tableName(table).key(key(teamId, scopeKey)).consistentRead(true)).item());
        return item.exists() ? Optional.of(fromItem(item)) : Optional.empty();
    }

    /** Every scope's run of the workspace: one {@code Query}. */
    public List<Run> forTeam(String teamId) {
        List<Run> found = new ArrayList<>();
        dynamo.queryPaginator(Tables.prefixQuery(table, Watermarks.teamPartition(teamId), SORT_PREFIX).build())
                .items().forEach(item -> found.add(fromItem(Item.of(item))));
        return found;
    }

    /** Records a new run of the scope, replacing whatever run was there (unconditionally: the newest wins). */
    public void start(Run run) {
        dynamo.putItem(b -> b.tableName(table).item(Item.with(key(run.teamId(), run.scopeKey()))
                .text("run_id", run.runId()).text("team_id", run.teamId()).text("scope", run.scopeKey())
                .text("state", run.state()).instant("from_ms", run.from()).instant("requested_at", run.requestedAt())
                .instant("started_at", run.startedAt()).instant("updated_at", run.updatedAt())
                .number("pages", 0L).number("tasks_seen", 0L).number("tasks_written", 0L)
                .number("cursor_ms", run.cursorMillis())
                .build()));
    }

    /**
     * One page of run {@code runId}: adds the counts, moves the cursor, sets {@code state} (and
     * {@code started_at} the first time, {@code finished_at} when {@code finished}).
     *
     * @return false when the scope's run is no longer {@code runId} (a newer one replaced it): nothing written
     */
    public boolean progressed(String teamId, String scopeKey, String runId, int pages, int seen, int written,
                              long cursorMillis, String state, boolean finished, Instant now) {
        Map<String, AttributeValue> values = Item.builder().number(":pages", (long) pages)
                .number(":seen", (long) seen).number(":written", (long) written).number(":cursor", cursorMillis)
                .text(":state", state).instant(":now", now).text(":run", runId).build();
        String set = "SET #state = :state, cursor_ms = :cursor, updated_at = :now,"
                + " started_at = if_not_exists(started_at, :now) REMOVE #stop";
        if (finished) {
            set = "SET #state = :state, cursor_ms = :cursor, updated_at = :now, finished_at = :now,"
                    + " started_at = if_not_exists(started_at, :now) REMOVE #stop";
        }
        return update(teamId, scopeKey, set + " ADD pages :pages, tasks_seen :seen, tasks_written :written", values);
    }

    /** Run {@code runId} stopped before its end ({@code state} and why); false when it is no longer the scope's run. */
    public boolean stopped(String teamId, String scopeKey, String runId, String state, String stop, Instant now) {
        Map<String, AttributeValue> values = Item.builder().text(":state", state).text(":stop", stop)
                .instant(":now", now).text(":run", runId).build();
        return update(teamId, scopeKey, "SET #state = :state, #stop = :stop, updated_at = :now", values);
    }

    private boolean update(String teamId, String scopeKey, String expression, Map<String, AttributeValue> values) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(teamId, scopeKey)).updateExpression(expression)
                    .conditionExpression("run_id = :run")
                    .expressionAttributeNames(Map.of("#state", "state", "#stop", "stop"))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException replaced) {
            return false;
        }
    }

    private static Run fromItem(Item item) {
        return new Run(item.text("run_id"), item.text("team_id"), item.text("scope"), item.text("state"),
                item.instant("from_ms"), item.instant("requested_at"), item.instant("started_at"),
                item.instant("updated_at"), item.instant("finished_at"), item.longOr("pages", 0),
                item.longOr("tasks_seen", 0), item.longOr("tasks_written", 0), item.longOrNull("cursor_ms"),
                item.text("stop"));
    }

    private static Map<String, AttributeValue> key(String teamId, String scopeKey) {
        return Item.key(Watermarks.teamPartition(teamId), SORT_PREFIX + scopeKey);
    }
}
