package dev.clickupsync.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clickupsync.clickup.ClickUpFailure;
import dev.clickupsync.clickup.ClickUpFailures;
import dev.clickupsync.support.DynaliteTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import dev.clickupsync.clickup.ClickUpFailure.Decision;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * {@link Batches} when DynamoDB answers a batch call only in part, as it does under throttling. The
 * calls go to a real dynalite through the real SDK; dynalite never leaves anything unprocessed, so an
 * SDK interceptor ({@link Partial}) rewrites its answers the way DynamoDB's look then: some returned
 * items moved to {@code UnprocessedKeys}, or some of the written requests handed back in
 * {@code UnprocessedItems}. That rewrite is the one stand-in here, because no emulator produces it.
 */
class BatchesUnprocessedTest {
    private static final String TABLE = "batches-unprocessed-test";
    private static final Partial PARTIAL = new Partial();
    @RegisterExtension
    static final DynaliteTable DYNALITE = new DynaliteTable(TABLE, PARTIAL);

    @BeforeEach
    void answerInFull() {
        PARTIAL.partialAnswers.set(0);
        PARTIAL.sent.clear();
        PARTIAL.keptInFirstAnswer.clear();
    }

    @Test
    void keysLeftUnprocessedAreAskedAgainWithBackOffUntilEveryItemIsRead() {
        List<Map<String, AttributeValue>> keys = writeItems("g", 10);
        PARTIAL.partialAnswers.set(2);

        long start = System.nanoTime();
        List<Map<String, AttributeValue>> found = Batches.get(DYNALITE.dynamo(), TABLE, keys, "test items");
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(found).extracting(i -> i.get(Tables.PK).s())
                .containsExactlyInAnyOrderElementsOf(keys.stream().map(k -> k.get(Tables.PK).s()).toList());
        List<BatchGetItemRequest> calls = PARTIAL.sent(BatchGetItemRequest.class);
        assertThat(calls).hasSize(3);
        assertThat(calls.get(1).requestItems().get(TABLE).keys()).as("only what was handed back is asked again").hasSize(5)
                .doesNotContainAnyElementsOf(PARTIAL.keptInFirstAnswer);
        assertThat(calls.get(1).requestItems().get(TABLE).consistentRead()).isTrue();
        assertThat(elapsedMs).as("25 ms then 50 ms of back-off between the rounds").isGreaterThanOrEqualTo(75);
    }

    @Test
    void keysStillUnprocessedAfterEveryRoundFailAsAnSdkExceptionNotAPartialAnswer() {
        List<Map<String, AttributeValue>> keys = writeItems("h", 4);
        PARTIAL.partialAnswers.set(Integer.MAX_VALUE);

        assertThatThrownBy(() -> Batches.get(DYNALITE.dynamo(), TABLE, keys, "test items"))
                .isInstanceOf(BatchUnfinishedException.class).isInstanceOf(SdkException.class)
                .hasMessageContaining("test items reads left unprocessed").hasMessageContaining("after 8 rounds")
                .satisfies(e -> assertThat(ClickUpFailures.classify(e)).as("how the drain settles it")
                        .isEqualTo(new ClickUpFailure(Decision.FAIL, ClickUpFailures.AWS_UNAVAILABLE, Optional.empty())));
        assertThat(PARTIAL.sent(BatchGetItemRequest.class)).hasSize(Batches.MAX_ROUNDS);
    }

    @Test
    void writesHandedBackAreSentAgainAndOnlyThose() {
        PARTIAL.partialAnswers.set(1);

        writeItems("w", 6);

        List<BatchWriteItemRequest> calls = PARTIAL.sent(BatchWriteItemRequest.class);
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).requestItems().get(TABLE)).as("the handed-back half, no more, no less")
                .isEqualTo(calls.get(0).requestItems().get(TABLE).subList(3, 6));
        assertThat(Batches.get(DYNALITE.dynamo(), TABLE, keys("w", 6), "written")).hasSize(6);
    }

    @Test
    void writesStillUnprocessedAfterEveryRoundFailAsAnSdkException() {
        PARTIAL.partialAnswers.set(Integer.MAX_VALUE);

        assertThatThrownBy(() -> writeItems("x", 2)).isInstanceOf(BatchUnfinishedException.class)
                .hasMessageContaining("1 test items writes left unprocessed").hasMessageContaining("after 8 rounds");
        assertThat(PARTIAL.sent(BatchWriteItemRequest.class)).hasSize(Batches.MAX_ROUNDS);
    }

    private static List<Map<String, AttributeValue>> writeItems(String prefix, int n) {
        List<WriteRequest> puts = new ArrayList<>();
        for (Map<String, AttributeValue> key : keys(prefix, n)) {
            Map<String, AttributeValue> item = new java.util.HashMap<>(key);
            item.put("v", AttributeValue.fromS("value of " + key.get(Tables.PK).s()));
            puts.add(Batches.put(item));
        }
        Batches.write(DYNALITE.dynamo(), TABLE, puts, "test items");
        return keys(prefix, n);
    }

    private static List<Map<String, AttributeValue>> keys(String prefix, int n) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys.add(Map.of(Tables.PK, AttributeValue.fromS(prefix + i), Tables.SK, AttributeValue.fromS("item")));
        }
        return keys;
    }

    /**
     * Answers the next {@code partialAnswers} batch calls in part: a read's last half of the returned
     * items becomes {@code UnprocessedKeys}; a write's last half of its requests comes back as
     * {@code UnprocessedItems} (dynalite wrote them; writing them again is harmless, as it is on DynamoDB).
     */
    static final class Partial implements ExecutionInterceptor {
        final AtomicInteger partialAnswers = new AtomicInteger();
        final List<SdkRequest> sent = new CopyOnWriteArrayList<>();
        /** The keys of the items the first partial read answer returned (so a test can check they are not asked again). */
        final List<Map<String, AttributeValue>> keptInFirstAnswer = new CopyOnWriteArrayList<>();

        <T extends SdkRequest> List<T> sent(Class<T> type) {
            return sent.stream().filter(type::isInstance).map(type::cast).toList();
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            sent.add(context.request());
        }

        @Override
        public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
            SdkResponse response = context.response();
            if (response instanceof BatchGetItemResponse got && takePartial()) {
                List<Map<String, AttributeValue>> items = got.responses().getOrDefault(TABLE, List.of());
                int kept = items.size() / 2;
                List<Map<String, AttributeValue>> back = items.subList(kept, items.size()).stream().map(Partial::key).toList();
                if (keptInFirstAnswer.isEmpty()) {
                    items.subList(0, kept).stream().map(Partial::key).forEach(keptInFirstAnswer::add);
                }
                return got.toBuilder().responses(Map.of(TABLE, items.subList(0, kept)))
                        .unprocessedKeys(Map.of(TABLE, KeysAndAttributes.builder().keys(back).consistentRead(true).build()))
                        .build();
            }
            if (response instanceof BatchWriteItemResponse written && takePartial()) {
                List<WriteRequest> requests = ((BatchWriteItemRequest) context.request()).requestItems().get(TABLE);
                int kept = requests.size() / 2;
                return written.toBuilder().unprocessedItems(Map.of(TABLE, requests.subList(kept, requests.size()))).build();
            }
            return response;
        }

        private static Map<String, AttributeValue> key(Map<String, AttributeValue> item) {
            return Map.of(Tables.PK, item.get(Tables.PK), Tables.SK, item.get(Tables.SK));
        }

        private boolean takePartial() {
            return partialAnswers.getAndUpdate(n -> n == Integer.MAX_VALUE ? n : Math.max(0, n - 1)) > 0;
        }
    }
}
