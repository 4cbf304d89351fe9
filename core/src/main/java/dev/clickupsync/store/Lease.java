package dev.clickupsync.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * An owner-and-expiry lease on one {@code pk/sk} item: the right of one caller at a time to work on
 * what the item stands for (an event to apply, a command to execute, a list to discover). Two
 * attributes carry it, named by the user: the owner (a random token per claim) and the end of the
 * lease ({@code until}, epoch ms). The item's other attributes are the user's, written in the same
 * conditional UpdateItem as each lease step ({@link ItemUpdate}).
 *
 * <pre>
 *   (no item) ──claim──▶ held(owner, until) ──complete──▶ ended: owner kept (who finished), no until
 *       ▲                 │  │  │  ▲ renew, transition
 *       └releaseByDelete──┘  │  └──┘ claim by another once until &lt; now (the owner is presumed dead)
 *                    release ▼
 *                     ended: neither owner nor until, the user's attributes stay
 * </pre>
 * An ended item is claimed again only where the user's {@code alsoFreeWhen} says so: the item
 * outlives the lease and carries the user's state, and only the user knows which of its states are
 * terminal (a command SUCCEEDED) and which reopen (a command QUEUED again, a field copy nobody is
 * discovering).
 * <ul>
 *   <li>{@link #claim}: wins if there is no item, or its lease has ended in time ({@code until < now};
 *       a lease holds up to and including {@code until}), or the user's {@code alsoFreeWhen} holds;
 *       and always only if the user's own conditions hold. The winner gets the item as it
 *       was ({@code ALL_OLD}); the loser what stopped it: the holder and its {@code until}, or an
 *       item without a lease (a terminal state, or the user's condition).</li>
 *   <li>{@link #renew}, {@link #transition}, {@link #complete}, {@link #release},
 *       {@link #releaseByDelete}: only while the item still names the caller's token. An owner whose
 *       lease expired unnoticed but was not taken over still owns it (nobody else could have acted);
 *       once taken over its token no longer matches and every step answers false, writing nothing.
 *       {@link #complete} keeps the owner, so the one who finished may still write to the ended item
 *       (a repeated completion is harmless); {@link #renew} refuses an ended lease.</li>
 * </ul>
 * Invariants: at most one token holds an unexpired lease (each claim is one conditional write); a
 * lease always ends, so a crashed owner delays the others by at most its length; a step by a stale
 * owner never changes the item.
 *
 * <p>A lost claim reports the item its condition met. Real DynamoDB sends it in the
 * {@link ConditionalCheckFailedException} (asked with {@code ReturnValuesOnConditionCheckFailure=ALL_OLD});
 * dynalite does not, and neither does DynamoDB when there was no item: then one consistent read
 * ({@link Tables#itemAtFailure}) stands in, later than the failed write, so the item may have moved
 * on; users treat it as "a state the item was in after our claim lost".
 */
public final class Lease {
    private final DynamoDbClient dynamo;
    private final String table;
    private final String ownerAttribute;
    private final String untilAttribute;
    private final Clock clock;

    public Lease(DynamoDbClient dynamo, String table, String ownerAttribute, String untilAttribute, Clock clock) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.table = Objects.requireNonNull(table, "table");
        this.ownerAttribute = Objects.requireNonNull(ownerAttribute, "ownerAttribute");
        this.untilAttribute = Objects.requireNonNull(untilAttribute, "untilAttribute");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * What {@link #claim} found. Won: {@code owner} is the caller's new token, {@code until} its end,
     * {@code found} the item before the claim (empty when there was none). Lost: {@code owner} and
     * {@code until} are the holder's as found (null where the item had none), {@code found} the item.
     */
    public record Claim(boolean won, String owner, Instant until, Item found) {
    }

    /** An empty update at the lease's clock's now, to fill and pass to a step. */
    public ItemUpdate update() {
        return ItemUpdate.at(clock.instant());
    }

    /** Claims for {@code length} from {@code writes.now()}, writing {@code writes} with it; see the class comment. */
    public Claim claim(Map<String, AttributeValue> key, Duration length, ItemUpdate writes) {
        return claim(key, length, null, writes);
    }

    /**
     * As {@link #claim(Map, Duration, ItemUpdate)}, also winning where {@code alsoFreeWhen} holds (a
     * state the user reopens, e.g. a command queued again); its placeholders are bound in {@code writes}.
     */
    public Claim claim(Map<String, AttributeValue> key, Duration length, String alsoFreeWhen, ItemUpdate writes) {
        String token = UUID.randomUUID().toString();
        Instant end = writes.now().plus(length);
        ItemUpdate write = writes.copy().set(untilAttribute, Item.millis(end)).set(ownerAttribute, Item.s(token));
        String free = "attribute_not_exists(" + Tables.PK + ") OR #" + untilAttribute + " < :now"
                + (alsoFreeWhen == null ? "" : " OR (" + alsoFreeWhen + ")");
        String condition = "(" + free + ")" + (writes.condition() == null ? "" : " AND " + writes.condition());
        UpdateItemRequest request = write.request(table, key, condition)
                .returnValues(ReturnValue.ALL_OLD)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build();
        try {
            return new Claim(true, token, end, Item.of(dynamo.updateItem(request).attributes()));
        } catch (ConditionalCheckFailedException lost) {
            return lost(key, lost);
        }
    }

    /** A lost claim, from the item the exception carries or, failing that, one consistent read. */
    Claim lost(Map<String, AttributeValue> key, ConditionalCheckFailedException failure) {
        Item found = Item.of(Tables.itemAtFailure(dynamo, table, key, failure));
        return new Claim(false, found.text(ownerAttribute), found.instant(untilAttribute), found);
    }

    /** Moves the end to {@code now + length}: only the owner, and only while the lease has not ended. */
    public boolean renew(Map<String, AttributeValue> key, String owner, Duration length) {
        ItemUpdate renewal = update();
        renewal.set(untilAttribute, Item.millis(renewal.now().plus(length)))
                .onlyIf("attribute_exists(#" + untilAttribute + ")", Map.of());
        return owned(key, owner, renewal);
    }

    /** Writes {@code update} and keeps the lease: only the owner. */
    public boolean transition(Map<String, AttributeValue> key, String owner, ItemUpdate update) {
        return owned(key, owner, update.copy());
    }

    /** Writes {@code update} and ends the lease, keeping the owner as the one who finished: only the owner. */
    public boolean complete(Map<String, AttributeValue> key, String owner, ItemUpdate update) {
        return owned(key, owner, update.copy().remove(untilAttribute));
    }

    /** Writes {@code update} and gives the lease back (owner and end removed): only the owner. */
    public boolean release(Map<String, AttributeValue> key, String owner, ItemUpdate update) {
        return owned(key, owner, update.copy().remove(untilAttribute, ownerAttribute));
    }

    /** Deletes the item, if the owner still holds it and {@code onlyIf}'s conditions hold. */
    public boolean releaseByDelete(Map<String, AttributeValue> key, String owner, ItemUpdate onlyIf) {
        if (owner == null) {
            return false;
        }
        ItemUpdate bound = onlyIf.copy().bindValue(":" + ownerAttribute, Item.s(owner));
        String condition = ownedCondition(onlyIf);
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(key).conditionExpression(condition)
                    .expressionAttributeNames(ItemUpdate.names(condition)).expressionAttributeValues(bound.values(condition)));
            return true;
        } catch (ConditionalCheckFailedException notOurs) {
            return false;
        }
    }

    private boolean owned(Map<String, AttributeValue> key, String owner, ItemUpdate write) {
        if (owner == null) {
            return false; // a caller that lost its claim has no token: it owns nothing
        }
        String condition = ownedCondition(write);
        write.bindValue(":" + ownerAttribute, Item.s(owner));
        try {
            dynamo.updateItem(write.request(table, key, condition).build());
            return true;
        } catch (ConditionalCheckFailedException lost) {
            return false;
        }
    }

    private String ownedCondition(ItemUpdate update) {
        String owned = "#" + ownerAttribute + " = :" + ownerAttribute;
        return update.condition() == null ? owned : owned + " AND " + update.condition();
    }
}
