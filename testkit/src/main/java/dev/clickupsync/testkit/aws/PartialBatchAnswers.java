package dev.clickupsync.testkit.aws;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes DynamoDB's batch calls answer in part, as DynamoDB does under throttling, on top of a real
 * dynalite: dynalite never leaves anything unprocessed, so no emulator produces these answers, and this
 * SDK interceptor is the one stand-in. While armed ({@link #answerInPart}), each of the next batch
 * calls is rewritten: a {@code BatchGetItem}'s last half of the returned items of every table becomes
 * {@code UnprocessedKeys} (consistent, as asked); a {@code BatchWriteItem}'s last half of its requests
 * comes back as {@code UnprocessedItems} (dynalite wrote them; writing them again is harmless, as it is
 * on DynamoDB). A call with a single item read hands that item back.
 *
 * <p>State is static: Quarkus creates the instance from {@code quarkus.dynamodb.interceptors} (a public
 * no-argument constructor, in the application's class loader, where a {@code @QuarkusTest} runs too), so
 * a test reaches it through this class, not the instance. Tests {@link #reset} it before each case.
 */
public final class PartialBatchAnswers implements ExecutionInterceptor {
    private static final AtomicInteger PARTIAL_ANSWERS = new AtomicInteger();
    private static final List<SdkRequest> SENT = new CopyOnWriteArrayList<>();
    private static final List<Map<String, AttributeValue>> KEPT_IN_FIRST_ANSWER = new CopyOnWriteArrayList<>();

    /** The key attributes of every table this is used with. */
    private static final String PK = "pk";
    private static final String SK = "sk";

    /** Answers in full again and forgets what was sent. */
    public static void reset() {
        PARTIAL_ANSWERS.set(0);
        SENT.clear();
        KEPT_IN_FIRST_ANSWER.clear();
    }

    /** The next {@code calls} batch calls answer in part; {@link Integer#MAX_VALUE}: every one from now on. */
    public static void answerInPart(int calls) {
        PARTIAL_ANSWERS.set(calls);
    }

    /** Every DynamoDB request of this type sent since the last {@link #reset}, in order. */
    public static <T extends SdkRequest> List<T> sent(Class<T> type) {
        return SENT.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The keys of the items the first partial read answer returned (so a test can check they are not asked again). */
    public static List<Map<String, AttributeValue>> keptInFirstAnswer() {
        return List.copyOf(KEPT_IN_FIRST_ANSWER);
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        SENT.add(context.request());
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        SdkResponse response = context.response();
        if (response instanceof BatchGetItemResponse got && takePartial()) {
            Map<String, List<Map<String, AttributeValue>>> kept = new HashMap<>();
            Map<String, KeysAndAttributes> back = new HashMap<>();
            got.responses().forEach((table, items) -> {
                int half = items.size() / 2;
                kept.put(table, items.subList(0, half));
                if (half < items.size()) { // DynamoDB never hands back a table with no keys (dynalite refuses one asked)
                    back.put(table, KeysAndAttributes.builder().consistentRead(true)
                            .keys(items.subList(half, items.size()).stream().map(PartialBatchAnswers::key).toList()).build());
                }
                if (KEPT_IN_FIRST_ANSWER.isEmpty()) {
                    items.subList(0, half).stream().map(PartialBatchAnswers::key).forEach(KEPT_IN_FIRST_ANSWER::add);
                }
            });
            return got.toBuilder().responses(kept).unprocessedKeys(back).build();
        }
        if (response instanceof BatchWriteItemResponse written && takePartial()) {
            Map<String, List<WriteRequest>> back = new HashMap<>();
            ((BatchWriteItemRequest) context.request()).requestItems().forEach((table, requests) ->
                    back.put(table, requests.subList(requests.size() / 2, requests.size())));
            return written.toBuilder().unprocessedItems(back).build();
        }
        return response;
    }

    private static Map<String, AttributeValue> key(Map<String, AttributeValue> item) {
        return Map.of(PK, item.get(PK), SK, item.get(SK));
    }

    private static boolean takePartial() {
        return PARTIAL_ANSWERS.getAndUpdate(n -> n == Integer.MAX_VALUE ? n : Math.max(0, n - 1)) > 0;
    }
}
