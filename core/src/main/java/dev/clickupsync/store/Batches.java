package dev.clickupsync.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * DynamoDB's batch calls, with the retry of what they leave unprocessed. A batch call may succeed
 * and still hand back part of the request ({@code UnprocessedItems}/{@code UnprocessedKeys}, e.g.
 * under throttling); those parts are sent again, a bounded number of rounds ({@value #MAX_ROUNDS}),
 * with an exponential back-off between rounds (25 ms doubling, at most 1 s: about 2.6 s in all), as
 * AWS asks for unprocessed items and keys, and a batch still unfinished then fails with
 * {@link BatchUnfinishedException} (an {@code SdkException}, so callers treat it as the throttling it
 * is) rather than being dropped, so callers never believe a partial write or read complete.
 *
 * <ul>
 *   <li>{@link #write}: chunks of {@value #WRITE_CHUNK} requests (DynamoDB's limit);</li>
 *   <li>{@link #get}: chunks of {@value #GET_CHUNK} keys, strongly consistent. Asking the
 *       unprocessed keys again at once, as this did before, spent the rounds inside the very
 *       throttling that caused them.</li>
 * </ul>
 * A batch is not atomic: after a failure some chunks may be written. Callers write idempotent
 * items (the same put again is harmless), so repeating the whole call is their recovery.
 */
public final class Batches {
    static final int WRITE_CHUNK = 25;
    static final int GET_CHUNK = 100;
    static final int MAX_ROUNDS = 8;

    private Batches() {
    }

    /** A put of the whole item, for {@link #write}. */
    public static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
    }

    /** A delete by key, for {@link #write}. */
    public static WriteRequest delete(Map<String, AttributeValue> key) {
        return WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build();
    }

    /**
     * Sends every request to {@code table}, retrying unprocessed ones.
     *
     * @param what what is written, for the failure's message ("time entries")
     */
    public static void write(DynamoDbClient dynamo, String table, List<WriteRequest> writes, String what) {
        for (int i = 0; i < writes.size(); i += WRITE_CHUNK) {
            inRounds(writes.subList(i, Math.min(i + WRITE_CHUNK, writes.size())), List::isEmpty, pending -> {
                BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, pending)));
                return response.hasUnprocessedItems() ? response.unprocessedItems().getOrDefault(table, List.of()) : List.of();
            }, left -> left.size() + " " + what + " writes left unprocessed in " + table, what);
        }
    }

    /** The stored items of these keys (absent ones are missing from the answer), strongly consistent, in no particular order. */
    public static List<Map<String, AttributeValue>> get(DynamoDbClient dynamo, String table,
                                                        List<Map<String, AttributeValue>> keys, String what) {
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        for (int i = 0; i < keys.size(); i += GET_CHUNK) {
            Map<String, KeysAndAttributes> chunk = Map.of(table, KeysAndAttributes.builder()
                    .keys(keys.subList(i, Math.min(i + GET_CHUNK, keys.size()))).consistentRead(true).build());
            inRounds(chunk, Map::isEmpty, pending -> {
                BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(pending));
                found.addAll(response.responses().getOrDefault(table, List.of()));
                return response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }, left -> left.getOrDefault(table, KeysAndAttributes.builder().build()).keys().size() + " " + what
                    + " reads left unprocessed in " + table, what);
        }
        return found;
    }

    /**
     * The one retry loop both calls share: sends {@code first}, then what each answer hands back, with
     * {@link #backOff} before every round after the first, until nothing is left or {@value #MAX_ROUNDS}
     * rounds are spent ({@link BatchUnfinishedException}, its message from {@code unfinished}).
     */
    private static <T> void inRounds(T first, Predicate<T> done, UnaryOperator<T> send, Function<T, String> unfinished,
                                     String what) {
        T pending = first;
        for (int round = 0; !done.test(pending); round++) {
            if (round == MAX_ROUNDS) {
                throw BatchUnfinishedException.of(unfinished.apply(pending) + " after " + round + " rounds");
            }
            if (round > 0) {
                backOff(round, what);
            }
            pending = send.apply(pending);
        }
    }

    private static void backOff(int round, String what) {
        try {
            Thread.sleep(Math.min(1_000L, 25L << (round - 1)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying unprocessed " + what, e);
        }
    }
}
