package dev.clickupsync.infra;

import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
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
}
