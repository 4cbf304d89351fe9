package dev.clickupsync.support;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes dynalite answer a failed condition the way real DynamoDB does: when the request asked for
 * {@code ReturnValuesOnConditionCheckFailure=ALL_OLD}, the {@link ConditionalCheckFailedException}
 * carries the item the condition met. dynalite ignores the option (it is a real server, the only
 * difference is this field), so the interceptor reads the item with a separate client, which the
 * client under test never sees, and puts it into the exception. Tests install it to cover the
 * production path that uses the item, and count the client's own reads to prove no fallback read ran.
 */
public final class RealDynamoDbConditionFailures implements ExecutionInterceptor {
    private final DynamoDbClient reader;
    private final AtomicInteger itemsAdded = new AtomicInteger();

    public RealDynamoDbConditionFailures(java.net.URI endpoint) {
        this.reader = AwsClients.dynamo(endpoint);
    }

    /** How many failures got their item (so a test knows the path it meant to cover ran). */
    public int itemsAdded() {
        return itemsAdded.get();
    }

    @Override
    public Throwable modifyException(Context.FailedExecution context, ExecutionAttributes attributes) {
        Throwable failure = context.exception();
        if (!(failure instanceof ConditionalCheckFailedException failed) || (failed.hasItem() && !failed.item().isEmpty())) {
            return failure;
        }
        Target target = target(context.request());
        if (target == null) {
            return failure;
        }
        Map<String, AttributeValue> old = reader.getItem(b -> b.tableName(target.table()).key(target.key())
                .consistentRead(true)).item();
        if (old == null || old.isEmpty()) {
            return failure; // real DynamoDB sends no item when there was none
        }
        itemsAdded.incrementAndGet();
        return failed.toBuilder().item(old).build();
    }

    private record Target(String table, Map<String, AttributeValue> key) {
    }

    private static Target target(SdkRequest request) {
        if (request instanceof UpdateItemRequest u && allOld(u.returnValuesOnConditionCheckFailure())) {
            return new Target(u.tableName(), u.key());
        }
        if (request instanceof DeleteItemRequest d && allOld(d.returnValuesOnConditionCheckFailure())) {
            return new Target(d.tableName(), d.key());
        }
        if (request instanceof PutItemRequest p && allOld(p.returnValuesOnConditionCheckFailure())) {
            return new Target(p.tableName(), Map.of("pk", p.item().get("pk"), "sk", p.item().get("sk")));
        }
        return null;
    }

    private static boolean allOld(ReturnValuesOnConditionCheckFailure asked) {
        return asked == ReturnValuesOnConditionCheckFailure.ALL_OLD;
    }
}
