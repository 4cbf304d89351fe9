package dev.clickupsync.store;

import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.util.Map;

/**
 * The key layout every table shares, as {@code template.yaml} and {@code localstack/} declare it:
 * partition key {@code pk}, sort key {@code sk} (both strings) and TTL on {@code expires_at}
 * (epoch seconds). One layout keeps provisioning, the template and the emulators in step.
 */
public final class Tables {
    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String TTL = "expires_at";

    private Tables() {
    }

    public static CreateTableRequest createRequest(String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName(PK).attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName(SK).attributeType(ScalarAttributeType.S).build())
                .keySchema(
                        KeySchemaElement.builder().attributeName(PK).keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName(SK).keyType(KeyType.RANGE).build())
                .build();
    }

    /**
     * A query for the items of partition {@code pk} whose sort key starts with {@code skPrefix}, with
     * strongly consistent reads; callers add a projection and run it through
     * {@code dynamo.queryPaginator(...).items()}, which follows {@code LastEvaluatedKey} for them.
     */
    public static QueryRequest.Builder prefixQuery(String tableName, String pk, String skPrefix) {
        return QueryRequest.builder().tableName(tableName).consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk), ":prefix", AttributeValue.fromS(skPrefix)));
    }

    /**
     * The item a failed conditional write met, for callers that asked for
     * {@code ReturnValuesOnConditionCheckFailure=ALL_OLD}: real DynamoDB puts it in the exception;
     * an emulator that ignores the option (dynalite) sends none, and neither does DynamoDB when there
     * was no item. Then one strongly consistent read stands in. That read is later than the failed
     * write, so the item may have moved on since; callers treat the answer as "a state the item was
     * in after our write lost", which is all the exception promises too. Empty when there is no item.
     */
    public static Map<String, AttributeValue> itemAtFailure(DynamoDbClient dynamo, String tableName,
                                                            Map<String, AttributeValue> key,
                                                            ConditionalCheckFailedException failure) {
        if (failure.hasItem() && !failure.item().isEmpty()) {
            return failure.item();
        }
        Map<String, AttributeValue> read = dynamo.getItem(b -> b.tableName(tableName).key(key).consistentRead(true)).item();
        return read == null ? Map.of() : read;
    }
}
