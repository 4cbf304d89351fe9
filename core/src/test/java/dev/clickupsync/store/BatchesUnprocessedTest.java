package dev.clickupsync.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clickupsync.clickup.ClickUpFailure;
import dev.clickupsync.clickup.ClickUpFailure.Decision;
import dev.clickupsync.clickup.ClickUpFailures;
import dev.clickupsync.support.DynaliteTable;
import dev.clickupsync.testkit.aws.PartialBatchAnswers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Batches} when DynamoDB answers a batch call only in part, as it does under throttling. The
 * calls go to a real dynalite through the real SDK; dynalite never leaves anything unprocessed, so an
 * SDK interceptor (the testkit's {@link PartialBatchAnswers}) rewrites its answers the way DynamoDB's
 * look then: some returned items moved to {@code UnprocessedKeys}, or some of the written requests
 * handed back in {@code UnprocessedItems}. That rewrite is the one stand-in here, because no emulator produces it.
 */
class BatchesUnprocessedTest {
    private static final String TABLE = "batches-unprocessed-test";
    @RegisterExtension
    static final DynaliteTable DYNALITE = new DynaliteTable(TABLE, new PartialBatchAnswers());

    @BeforeEach
    void answerInFull() {
        PartialBatchAnswers.reset();
    }

    @Test
    void keysLeftUnprocessedAreAskedAgainWithBackOffUntilEveryItemIsRead() {
        List<Map<String, AttributeValue>> keys = writeItems("g", 10);
        PartialBatchAnswers.answerInPart(2);

        long start = System.nanoTime();
        List<Map<String, AttributeValue>> found = Batches.get(DYNALITE.dynamo(), TABLE, keys, "test items");
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(found).extracting(i -> i.get(Tables.PK).s())
                .containsExactlyInAnyOrderElementsOf(keys.stream().map(k -> k.get(Tables.PK).s()).toList());
        List<BatchGetItemRequest> calls = PartialBatchAnswers.sent(BatchGetItemRequest.class);
        assertThat(calls).hasSize(3);
        assertThat(calls.get(1).requestItems().get(TABLE).keys()).as("only what was handed back is asked again").hasSize(5)
                .doesNotContainAnyElementsOf(PartialBatchAnswers.keptInFirstAnswer());
        assertThat(calls.get(1).requestItems().get(TABLE).consistentRead()).isTrue();
        assertThat(elapsedMs).as("25 ms then 50 ms of back-off between the rounds").isGreaterThanOrEqualTo(75);
    }

    @Test
    void keysStillUnprocessedAfterEveryRoundFailAsAnSdkExceptionNotAPartialAnswer() {
        List<Map<String, AttributeValue>> keys = writeItems("h", 4);
        PartialBatchAnswers.answerInPart(Integer.MAX_VALUE);

        assertThatThrownBy(() -> Batches.get(DYNALITE.dynamo(), TABLE, keys, "test items"))
                .isInstanceOf(BatchUnfinishedException.class).isInstanceOf(SdkException.class)
                .hasMessageContaining("test items reads left unprocessed").hasMessageContaining("after 8 rounds")
                .satisfies(e -> assertThat(ClickUpFailures.classify(e)).as("how the drain settles it")
                        .isEqualTo(new ClickUpFailure(Decision.FAIL, ClickUpFailures.AWS_UNAVAILABLE, Optional.empty())));
        assertThat(PartialBatchAnswers.sent(BatchGetItemRequest.class)).hasSize(Batches.MAX_ROUNDS);
    }

    @Test
    void aPartialAnswerWithNothingFoundHandsNothingBackAndTheReadEnds() {
        PartialBatchAnswers.answerInPart(1);

        assertThat(Batches.get(DYNALITE.dynamo(), TABLE, keys("absent", 3), "test items")).isEmpty();

        assertThat(PartialBatchAnswers.sent(BatchGetItemRequest.class)).as("no empty key list asked again").hasSize(1);
    }

    @Test
    void writesHandedBackAreSentAgainAndOnlyThose() {
        PartialBatchAnswers.answerInPart(1);

        writeItems("w", 6);

        List<BatchWriteItemRequest> calls = PartialBatchAnswers.sent(BatchWriteItemRequest.class);
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).requestItems().get(TABLE)).as("the handed-back half, no more, no less")
                .isEqualTo(calls.get(0).requestItems().get(TABLE).subList(3, 6));
        assertThat(Batches.get(DYNALITE.dynamo(), TABLE, keys("w", 6), "written")).hasSize(6);
    }

    @Test
    void writesStillUnprocessedAfterEveryRoundFailAsAnSdkException() {
        PartialBatchAnswers.answerInPart(Integer.MAX_VALUE);

        assertThatThrownBy(() -> writeItems("x", 2)).isInstanceOf(BatchUnfinishedException.class)
                .hasMessageContaining("1 test items writes left unprocessed").hasMessageContaining("after 8 rounds");
        assertThat(PartialBatchAnswers.sent(BatchWriteItemRequest.class)).hasSize(Batches.MAX_ROUNDS);
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
}
