package dev.clickupsync.command;

import dev.clickupsync.command.CommandOutcome.State;
import dev.clickupsync.idempotency.IdempotencyConfig;
import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.metrics.StructuredLog;
import dev.clickupsync.store.Batches;
import dev.clickupsync.store.Item;
import dev.clickupsync.store.ItemUpdate;
import dev.clickupsync.store.Lease;
import dev.clickupsync.store.Tables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
 * <p>The lock is a {@link Lease} ({@code owner}, {@code lock_until}): {@link #begin} claims it, with
 * QUEUED named as free; {@link #writeStarted} is a transition; {@link #succeeded} and {@link #failed}
 * complete it; {@link #released} releases it. {@code lock_until} exists only while IN_PROGRESS (every
 * other transition removes it), so the lease's "expired" is this machine's "the owner crashed", and
 * SUCCEEDED or FAILED, having none and not being QUEUED, are never claimed. {@link #queued},
 * {@link #withdraw} and a {@link #failed} without an attempt are plain conditional writes: no lock.
 *
 * <p>{@code write_started_at} guards non-idempotent writes (create task, comment): it is set just
 * before such a call ({@link #writeStarted}) and removed only by a transition that settles the command
 * for what the call proved: {@link #succeeded} or {@link #failed} (the outcome is recorded), or
 * {@link #released} (only for a call that provably sent nothing: no budget slot, breaker open, a 4xx).
 * A record found IN_PROGRESS with an expired lock and this mark set means an execution stopped after
 * the write may have reached ClickUp: {@link #begin} reports {@link Claim#WRITE_UNCERTAIN} and the
 * caller fails the command rather than risk a second task, unless it learned the write's result some
 * other way (the processor's re-sent copy carries it), in which case it records that.
 *
 * <p><b>Recent commands</b> ({@link #recent}, the console's list): beside each new record, {@link #queued}
 * puts a small item in one sparse partition, {@value #RECENT} ({@code ~} is no command id's character,
 * so it never meets a record, and it stays under the roles' {@code command#*} condition), sorted by
 * {@code <submitted_at in epoch ms, zero-padded>#<command_id>}, expiring with the record. Listing the last N is one {@code Query}
 * (newest first, {@code Limit N}) and one {@code BatchGetItem} of their records: no scan, whatever the
 * table holds. One partition takes every submission, which is far inside a partition's write rate
 * (commands are bounded by ClickUp's own 100 requests a minute). The item is a listing aid: when its put
 * fails the command still stands (logged as {@code recent_not_recorded}), it is only missing from the list.
 */
@ApplicationScoped
public class CommandOutcomes {
    private static final String SORT = "outcome";
    private static final String STATE = "state";
    private static final Logger LOG = Logger.getLogger(CommandOutcomes.class);
    /** The partition of the recent-commands items. */
    static final String RECENT = "command#~recent";

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
    private final Lease lease;

    @Inject
    public CommandOutcomes(DynamoDbClient dynamo, SyncConfig sync, IdempotencyConfig config) {
        this(dynamo, sync.tables().idempotency(), config.retention(), Clock.systemUTC());
    }

    public CommandOutcomes(DynamoDbClient dynamo, String table, Duration retention, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.retention = retention;
        this.clock = clock;
        this.lease = new Lease(dynamo, table, "owner", "lock_until", clock);
    }

    /** Records an accepted command as QUEUED unless a record for its id exists. Returns false if one did. */
    public boolean queued(Command command) {
        Instant now = clock.instant();
        Map<String, AttributeValue> item = Item.with(key(command.commandId()))
                .text(STATE, State.QUEUED.name())
                .text("type", CommandJson.typeName(command.type()))
                .text("task_id", command.taskId())
                .text("list_id", command.listId())
                .instant("submitted_at", now)
                .instant("updated_at", now)
                .expiresAt(now.plus(retention))
                .build();
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
        listed(command.commandId(), now);
        return true;
    }

    /** The recent-commands item of a new record; best effort (see the class comment). */
    private void listed(String commandId, Instant submittedAt) {
        Map<String, AttributeValue> item = Item.with(Item.key(RECENT, String.format(java.util.Locale.ROOT, "%015d#%s", submittedAt.toEpochMilli(), commandId)))
                .text("command_id", commandId)
                .expiresAt(submittedAt.plus(retention))
                .build();
        try {
            dynamo.putItem(b -> b.tableName(table).item(item));
        } catch (SdkException e) {
            StructuredLog.log(LOG, Logger.Level.WARN, "command not listed", "reason", "recent_not_recorded",
                    "command_id", commandId, "error", e.getClass().getSimpleName());
        }
    }

    /**
     * The last {@code limit} commands submitted (newest first) with their current outcome: one
     * {@code Query} of the recent partition and one strongly consistent {@code BatchGetItem}. A command
     * whose record has expired is left out.
     */
    public List<CommandOutcome> recent(int limit) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        dynamo.query(b -> b.tableName(table).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", Item.s(RECENT)))
                        .scanIndexForward(false).limit(limit).consistentRead(true))
                .items().forEach(found -> {
                    String id = Item.of(found).text("command_id");
                    if (id != null) {
                        keys.add(key(id));
                    }
                });
        if (keys.isEmpty()) {
            return List.of();
        }
        List<CommandOutcome> outcomes = new ArrayList<>();
        for (Map<String, AttributeValue> found : Batches.get(dynamo, table, keys, "recent commands")) {
            CommandOutcome outcome = parse(Item.of(found));
            if (outcome != null) {
                outcomes.add(outcome);
            }
        }
        outcomes.sort(Comparator.comparing(CommandOutcome::submittedAt,
                Comparator.nullsFirst(Comparator.<Instant>naturalOrder())).reversed());
        return outcomes;
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
                    .expressionAttributeNames(Map.of("#state", STATE))
                    .expressionAttributeValues(Map.of(":queued", Item.s(State.QUEUED.name()))));
            return true;
        } catch (ConditionalCheckFailedException claimedOrGone) {
            return false;
        }
    }

    /** Tries to take the command for {@code lock}; see {@link Claim}. */
    public Attempt begin(Command command, Duration lock) {
        ItemUpdate start = lease.update();
        start.set(STATE, Item.s(State.IN_PROGRESS.name())).setNow("started_at").setNow("updated_at")
                .set("type", Item.s(CommandJson.typeName(command.type())))
                .setIfAbsent(Tables.TTL, Item.n(start.now().plus(retention).getEpochSecond()))
                .setNowIfAbsent("submitted_at").add("attempts", 1)
                .bindValue(":queued", Item.s(State.QUEUED.name()));
        // QUEUED (new, or released) has no lock_until: the lease treats it as ended, so it is reopened by name.
        Lease.Claim claim = lease.claim(key(command.commandId()), lock, "#state = :queued", start);
        if (claim.won()) {
            boolean uncertain = claim.found().has("write_started_at");
            return new Attempt(command.commandId(), uncertain ? Claim.WRITE_UNCERTAIN : Claim.ACQUIRED, claim.owner(),
                    parse(claim.found()), claim.until());
        }
        CommandOutcome before = parse(claim.found());
        boolean done = before != null && (before.state() == State.SUCCEEDED || before.state() == State.FAILED);
        return done ? new Attempt(command.commandId(), Claim.DONE, null, before, null)
                : new Attempt(command.commandId(), Claim.IN_FLIGHT, null, before, claim.until());
    }

    /**
     * Marks that a non-idempotent write is about to be sent. False if the lock was lost (the execution
     * overran it and another took the command over): the caller must not send. Once the mark is set, an
     * execution that takes over sees it and reports {@link Claim#WRITE_UNCERTAIN}, so two executions can
     * never both send.
     */
    public boolean writeStarted(Attempt attempt) {
        return lease.transition(key(attempt.commandId()), attempt.owner(),
                lease.update().setNow("write_started_at").setNow("updated_at"));
    }

    /** SUCCEEDED, with the task it created or changed. False if the lock was lost meanwhile. */
    public boolean succeeded(Attempt attempt, String taskId) {
        ItemUpdate done = lease.update().set(STATE, Item.s(State.SUCCEEDED.name()))
                .setNow("completed_at").setNow("updated_at");
        if (taskId != null) {
            done.set("task_id", Item.s(taskId));
        }
        return lease.complete(key(attempt.commandId()), attempt.owner(),
                done.remove("write_started_at", "reason", "detail"));
    }

    /**
     * FAILED with its reason, for good. With an attempt, only while it still holds the lock; without
     * one (a command refused before it was claimed), only if the record is absent or QUEUED, so a
     * malformed message never overwrites the outcome of a command that ran under the same id.
     */
    public boolean failed(Command command, Attempt attempt, String reason, String detail) {
        ItemUpdate failure = lease.update();
        failure.set(STATE, Item.s(State.FAILED.name())).set("reason", Item.s(reason))
                .set("detail", Item.s(detail == null ? "-" : detail)).setNow("completed_at").setNow("updated_at")
                .setIfAbsent("type", Item.s(CommandJson.typeName(command.type())))
                .setIfAbsent(Tables.TTL, Item.n(failure.now().plus(retention).getEpochSecond()))
                .remove("write_started_at");
        if (attempt != null) {
            return lease.complete(key(command.commandId()), attempt.owner(), failure);
        }
        return failure.remove("lock_until")
                .onlyIf("attribute_not_exists(pk) OR #state = :queued", Map.of(":queued", Item.s(State.QUEUED.name())))
                .apply(dynamo, table, key(command.commandId()));
    }

    /**
     * Back to QUEUED (deferred, or failed for a passing reason), noting why; the next delivery executes
     * it. Removes the write mark, so only for an execution whose write provably sent nothing: once ClickUp
     * may have accepted a create or comment, the command is settled by {@link #succeeded} or
     * {@link #failed}, never released.
     */
    public void released(Attempt attempt, String reason, String detail, boolean deferred) {
        lease.release(key(attempt.commandId()), attempt.owner(), lease.update()
                .set(STATE, Item.s(State.QUEUED.name())).set("reason", Item.s(reason))
                .set("detail", Item.s(detail == null ? "-" : detail)).setNow("updated_at")
                .remove("write_started_at").add("deferrals", deferred ? 1 : 0));
    }

    /** The recorded outcome (a consistent read). */
    public Optional<CommandOutcome> find(String commandId) {
        return Optional.ofNullable(parse(Item.of(
                dynamo.getItem(b -> b.tableName(table).key(key(commandId)).consistentRead(true)).item())));
    }

    private static CommandOutcome parse(Item item) {
        String state = item.text(STATE);
        if (state == null) {
            return null;
        }
        String pk = item.text(Tables.PK);
        return new CommandOutcome(pk.substring(pk.indexOf('#') + 1), item.text("type"), State.valueOf(state),
                item.text("task_id"), item.text("list_id"), item.text("reason"), item.text("detail"),
                (int) item.longOr("attempts", 0), (int) item.longOr("deferrals", 0), item.instant("submitted_at"),
                item.instant("started_at"), item.instant("completed_at"), item.instant("updated_at"));
    }

    static Map<String, AttributeValue> key(String commandId) {
        return Item.key("command#" + commandId, SORT);
    }
}
