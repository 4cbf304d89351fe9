package dev.clickupsync.query;

import dev.clickupsync.store.Item;
import dev.clickupsync.store.Tables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * The matching index entries of one query, in key order, fetched lazily: each DynamoDB {@code Query}
 * asks for about as many items as are still wanted ({@code Limit}), twice as many on each further
 * call (the filters' selectivity is unknown), at least {@value #MIN_LIMIT} and at most
 * {@value #MAX_LIMIT}; DynamoDB also ends a call at 1 MB read. So skipping {@code n} items costs
 * about {@code log2} calls of the shortfall plus {@code n} x item size / 1 MB.
 *
 * <p>Strongly consistent, although DynamoDB charges twice the read units for it: {@code read/PageCache}
 * keeps a page under the partition generation read before the walk ({@link PageClock}), which is only
 * safe if a walk that follows a writer's tick also sees that writer's index items. An eventually
 * consistent {@code Query} may not (for about a second), and the page it computed, missing a task just
 * added or moved, would then be served under the new generation until the next write or
 * {@code max-age}. The walk's units are small beside the page's {@code BatchGetItem} (about 7 of 107
 * for a first page).
 */
final class IndexWalk {
    static final int MIN_LIMIT = 100;
    static final int MAX_LIMIT = 20_000;

    private final DynamoDbClient dynamo;
    private final String table;
    private final TaskQuery query;
    private final TaskFilter filter;
    private final Deque<Walked> buffer = new ArrayDeque<>();
    private Map<String, AttributeValue> startKey;
    private Map<String, AttributeValue> lastKey;
    private boolean exhausted;
    private int calls;
    private long wanted;

    /** A match and the key of its index item. */
    private record Walked(IndexEntry entry, Map<String, AttributeValue> key) {
    }

    /**
     * @param wanted how many matches the caller expects to take in all (for the first call's Limit)
     * @param after  the key of the index item to start after ({@link PageCursors}); null: the partition's start
     */
    IndexWalk(DynamoDbClient dynamo, String table, TaskQuery query, long wanted, Map<String, AttributeValue> after) {
        this.dynamo = dynamo;
        this.table = table;
        this.query = query;
        this.filter = new TaskFilter(query);
        this.wanted = wanted;
        this.startKey = after;
    }

    boolean hasNext() {
        while (buffer.isEmpty() && !exhausted) {
            fetch();
        }
        return !buffer.isEmpty();
    }

    IndexEntry next() {
        if (!hasNext()) {
            throw new java.util.NoSuchElementException();
        }
        wanted = Math.max(1, wanted - 1);
        Walked walked = buffer.poll();
        lastKey = walked.key();
        return walked.entry();
    }

    /** The key of the index item {@link #next} returned last (where a walk resuming after it starts). */
    Map<String, AttributeValue> lastKey() {
        return lastKey;
    }

    private void fetch() {
        long base = Math.max(MIN_LIMIT, wanted) * (query.hasFilters() ? 4L : 1L);
        int limit = (int) Math.min(MAX_LIMIT, base << Math.min(calls, 8));
        calls++;
        String prefix = query.orderBy().prefix + "#";
        QueryResponse response = dynamo.query(b -> {
            b.tableName(table).consistentRead(true).limit(limit).scanIndexForward(query.reverse())
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                    .expressionAttributeValues(Map.of(
                            ":pk", AttributeValue.fromS(IndexKeys.partition(query.scope(), query.archived())),
                            ":prefix", AttributeValue.fromS(prefix)));
            if (startKey != null) {
                b.exclusiveStartKey(startKey);
            }
        });
        for (Map<String, AttributeValue> raw : response.items()) {
            IndexEntry entry = IndexEntry.read(Item.of(raw));
            if (filter.test(entry)) {
                buffer.add(new Walked(entry, Map.of(Tables.PK, raw.get(Tables.PK), Tables.SK, raw.get(Tables.SK))));
            }
        }
        startKey = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        exhausted = startKey == null;
    }
}
