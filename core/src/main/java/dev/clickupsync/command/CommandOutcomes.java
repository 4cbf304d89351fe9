package dev.clickupsync.command;

import dev.clickupsync.command.CommandOutcome.State;
import dev.clickupsync.idempotency.IdempotencyConfig;
import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.store.Tables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One record per {@code command_id} in the idempotency table ({@code pk = command#<id>},
 * {@code sk = outcome}): the command's idempotency key and its readable outcome in one item.
 *
 * <pre>
 *   (none) ─queued─▶ QUEUED ─begin─▶ IN_PROGRESS(owner, lock_until) ─succeeded─▶ SUCCEEDED
 *                      ▲                 │   └──────────────────────failed──────▶ FAILED
 *                      └────released─────┘   (begin again once lock_until passed: the owner crashed)
 * </pre>
 * Each transition is one conditional write, and only the owner of the lock moves an IN_PROGRESS record.
 * A SUCCEEDED or FAILED command is never executed again while its record lives (TTL
 * {@code sync.idempotency.retention}, at least the queue's retention).
 *
 * <p>{@code write_started_at} guards non-idempotent writes (create task, comment): it is set just
 * before such a call ({@link #writeStarted}) and removed only by a transition that settles the command
 * for what the call proved: {@link #succeeded} or {@link #failed} (the outcome is recorded), or
 * {@link #released} (only for a call that provably sent nothing: no budget slot, breaker open, a 4xx).
 * A record found IN_PROGRESS with an expired lock and this mark set means an execution stopped after
 * the write may have reached ClickUp: {@link #begin} reports {@link Claim#WRITE_UNCERTAIN} and the
 * caller fails the command rather than risk a second task, unless it learned the write's result some
 * other way (the processor's re-sent copy carries it), in which case it records that.
 */
@ApplicationScoped
public class CommandOutcomes {
    private static final AttributeValue SORT = AttributeValue.fromS("outcome");
    private static final AttributeValue ONE = AttributeValue.fromN("1");

    /** What {@link #begin} found. */
    public enum Claim {
        /** The caller holds the lock and must settle the command. */
        ACQUIRED,
        /** Already SUCCEEDED or FAILED: acknowledge, do nothing. */
        DONE,
        /** Another execution holds an unexpired lock: try later. */
        IN_FLIGHT,
        /** The caller holds the lock, but a crashed execution may have sent a non-idempotent write. */
        WRITE_UNCERTAIN
    }

    /**
     * A claim, the owner token that proves it, the record as it was before (null if none), and when
     * the lock ends: this attempt's own for {@link Claim#ACQUIRED} and {@link Claim#WRITE_UNCERTAIN},
     * the holder's for {@link Claim#IN_FLIGHT} (null when the record did not say), null for
     * {@link Claim#DONE}.
     */
    public record Attempt(String commandId, Claim claim, String owner, CommandOutcome before, Instant lockUntil) {
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration retention;
    private final Clock clock;

    @Inject
    public CommandOutcomes(DynamoDbClient dynamo, SyncConfig sync, IdempotencyConfig config) {
        this(dynamo, sync.tables().idempotency(), config.retention(), Clock.systemUTC());
    }

    public CommandOutcomes(DynamoDbClient dynamo, String table, Duration retention, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.retention = retention;
        this.clock = clock;
    }

    /** Records an accepted command as QUEUED unless a record for its id exists. Returns false if one did. */
    public boolean queued(Command command) {
        Instant now = clock.instant();
        Map<String, AttributeValue> item = new HashMap<>(key(command.commandId()));
        item.put("state", s(State.QUEUED.name()));
        item.put("type", s(CommandJson.typeName(command.type())));
        putIfPresent(item, "task_id", command.taskId());
        putIfPresent(item, "list_id", command.listId());
        item.put("submitted_at", n(now.toEpochMilli()));
        item.put("updated_at", n(now.toEpochMilli()));
        item.put(Tables.TTL, n(now.plus(retention).getEpochSecond()));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    /**
     * Removes the record of a command that was recorded but never queued (SQS refused the message), so
     * no QUEUED record outlives it. Only a record no execution has claimed ({@code attempts} unset) is
     * removed: if the message did reach the queue after all, its execution re-creates the record.
     * Returns false if there was none, or it had been claimed.
     */
    public boolean withdraw(String commandId) {
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(key(commandId))
                    .conditionExpression("#state = :queued AND attribute_not_exists(attempts)")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":queued", s(State.QUEUED.name()))));
            return true;
        } catch (ConditionalCheckFailedException claimedOrGone) {
            return false;
        }
    }

    /** Tries to take the command for {@code lock}; see {@link Claim}. */
    public Attempt begin(Command command, Duration lock) {
        Instant now = clock.instant();
        String owner = UUID.randomUUID().toString();
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":inProgress", s(State.IN_PROGRESS.name()), ":queued", s(State.QUEUED.name()),
                ":owner", s(owner), ":lock", n(now.plus(lock).toEpochMilli()), ":now", n(now.toEpochMilli()),
                ":one", ONE, ":type", s(CommandJson.typeName(command.type())),
                ":expires", n(now.plus(retention).getEpochSecond())));
        try {
            Map<String, AttributeValue> old = dynamo.updateItem(b -> b.tableName(table).key(key(command.commandId()))
                    .updateExpression("SET #state = :inProgress, #owner = :owner, lock_until = :lock, started_at = :now,"
                            + " updated_at = :now, #type = :type, expires_at = if_not_exists(expires_at, :expires),"
                            + " submitted_at = if_not_exists(submitted_at, :now) ADD attempts :one")
                    .conditionExpression("attribute_not_exists(pk) OR #state = :queued"
                            + " OR (#state = :inProgress AND lock_until < :now)")
                    .expressionAttributeNames(Map.of("#state", "state", "#owner", "owner", "#type", "type"))
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_OLD)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).attributes();
            boolean uncertain = old != null && old.containsKey("write_started_at");
            return new Attempt(command.commandId(), uncertain ? Claim.WRITE_UNCERTAIN : Claim.ACQUIRED, owner, parse(old),
                    now.plus(lock));
        } catch (ConditionalCheckFailedException taken) {
            Map<String, AttributeValue> item = Tables.itemAtFailure(dynamo, table, key(command.commandId()), taken);
            CommandOutcome before = parse(item);
            boolean done = before != null && (before.state() == State.SUCCEEDED || before.state() == State.FAILED);
            return done ? new Attempt(command.commandId(), Claim.DONE, null, before, null)
                    : new Attempt(command.commandId(), Claim.IN_FLIGHT, null, before, instant(item, "lock_until"));
        }
    }

    /**
     * Marks that a non-idempotent write is about to be sent. False if the lock was lost (the execution
     * overran it and another took the command over): the caller must not send. Once the mark is set, an
     * execution that takes over sees it and reports {@link Claim#WRITE_UNCERTAIN}, so two executions can
     * never both send.
     */
    public boolean writeStarted(Attempt attempt) {
        return owned(attempt, "SET write_started_at = :now, updated_at = :now", Map.of());
    }

    /** SUCCEEDED, with the task it created or changed. False if the lock was lost meanwhile. */
    public boolean succeeded(Attempt attempt, String taskId) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":done", s(State.SUCCEEDED.name())));
        String set = "SET #state = :done, completed_at = :now, updated_at = :now";
        if (taskId != null) {
            values.put(":task", s(taskId));
            set += ", task_id = :task";
        }
        return owned(attempt, set + " REMOVE lock_until, write_started_at, reason, detail", values);
    }

    /**
     * FAILED with its reason, for good. With an attempt, only while it still holds the lock; without
     * one (a command refused before it was claimed), only if the record is absent or QUEUED, so a
     * malformed message never overwrites the outcome of a command that ran under the same id.
     */
    public boolean failed(Command command, Attempt attempt, String reason, String detail) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":failed", s(State.FAILED.name()),
                ":reason", s(reason), ":detail", s(detail == null ? "-" : detail),
                ":type", s(CommandJson.typeName(command.type())),
                ":expires", n(clock.instant().plus(retention).getEpochSecond())));
        String update = "SET #state = :failed, reason = :reason, detail = :detail, completed_at = :now, updated_at = :now,"
                + " #type = if_not_exists(#type, :type), expires_at = if_not_exists(expires_at, :expires)"
                + " REMOVE lock_until, write_started_at";
        if (attempt != null) {
            return owned(attempt, update, values);
        }
        values.put(":now", n(clock.instant().toEpochMilli()));
        values.put(":queued", s(State.QUEUED.name()));
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(command.commandId())).updateExpression(update)
                    .conditionExpression("attribute_not_exists(pk) OR #state = :queued")
                    .expressionAttributeNames(Map.of("#state", "state", "#type", "type"))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException running) {
            return false;
        }
    }

    /**
     * Back to QUEUED (deferred, or failed for a passing reason), noting why; the next delivery executes
     * it. Removes the write mark, so only for an execution whose write provably sent nothing: once ClickUp
     * may have accepted a create or comment, the command is settled by {@link #succeeded} or
     * {@link #failed}, never released.
     */
    public void released(Attempt attempt, String reason, String detail, boolean deferred) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":queued", s(State.QUEUED.name()),
                ":reason", s(reason), ":detail", s(detail == null ? "-" : detail), ":deferred", n(deferred ? 1 : 0)));
        owned(attempt, "SET #state = :queued, reason = :reason, detail = :detail, updated_at = :now"
                + " REMOVE lock_until, #owner, write_started_at ADD deferrals :deferred", values);
    }

    /** The recorded outcome (a consistent read). */
    public Optional<CommandOutcome> find(String commandId) {
        return Optional.ofNullable(parse(dynamo.getItem(b -> b.tableName(table).key(key(commandId)).consistentRead(true)).item()));
    }

    private boolean owned(Attempt attempt, String update, Map<String, AttributeValue> extra) {
        Map<String, AttributeValue> values = new HashMap<>(extra);
        values.put(":owner", s(attempt.owner()));
        values.put(":now", n(clock.instant().toEpochMilli()));
        Map<String, String> names = new HashMap<>(Map.of("#owner", "owner"));
        if (update.contains("#state")) {
            names.put("#state", "state");
        }
        if (update.contains("#type")) {
            names.put("#type", "type");
        }
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(attempt.commandId())).updateExpression(update)
                    .conditionExpression("#owner = :owner").expressionAttributeNames(names).expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException lost) {
            return false;
        }
    }

    private static CommandOutcome parse(Map<String, AttributeValue> item) {
        if (item == null || item.isEmpty() || !item.containsKey("state")) {
            return null;
        }
        String pk = item.get(Tables.PK).s();
        return new CommandOutcome(pk.substring(pk.indexOf('#') + 1), str(item, "type"), State.valueOf(str(item, "state")),
                str(item, "task_id"), str(item, "list_id"), str(item, "reason"), str(item, "detail"),
                (int) num(item, "attempts"), (int) num(item, "deferrals"), instant(item, "submitted_at"),
                instant(item, "started_at"), instant(item, "completed_at"), instant(item, "updated_at"));
    }

    static Map<String, AttributeValue> key(String commandId) {
        return Map.of(Tables.PK, s("command#" + commandId), Tables.SK, SORT);
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    private static long num(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item == null ? null : item.get(name);
        return v == null || v.n() == null ? null : Instant.ofEpochMilli(Long.parseLong(v.n()));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
