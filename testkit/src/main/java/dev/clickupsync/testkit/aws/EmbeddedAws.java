package dev.clickupsync.testkit.aws;

import java.net.URI;

/**
 * DynamoDB Local and ElasticMQ together: the "AWS" of the tests, the local run and the bench.
 * Both start in parallel (each takes 1-3 s).
 */
public final class EmbeddedAws implements AwsEmulator {
    /** DynamoDB Local 2.x accepts only letters and digits in access keys. */
    public static final String ACCESS_KEY = "fakeAccessKey";
    public static final String SECRET_KEY = "fakeSecretKey";

    private final EmbeddedDynamoDb dynamoDb;
    private final EmbeddedSqs sqs;

    private EmbeddedAws(EmbeddedDynamoDb dynamoDb, EmbeddedSqs sqs) {
        this.dynamoDb = dynamoDb;
        this.sqs = sqs;
    }

    public static EmbeddedAws start() {
        var dynamo = java.util.concurrent.CompletableFuture.supplyAsync(EmbeddedDynamoDb::start);
        EmbeddedSqs sqs = EmbeddedSqs.start();
        return new EmbeddedAws(dynamo.join(), sqs);
    }

    public EmbeddedDynamoDb dynamoDb() {
        return dynamoDb;
    }

    public EmbeddedSqs sqs() {
        return sqs;
    }

    @Override
    public String queueUrl(String queueName) {
        return sqs.queueUrl(queueName);
    }

    @Override
    public URI dynamoDbEndpoint() {
        return dynamoDb.endpoint();
    }

    @Override
    public URI sqsEndpoint() {
        return sqs.endpoint();
    }

    @Override
    public String region() {
        return EmbeddedSqs.REGION;
    }

    @Override
    public String accessKey() {
        return ACCESS_KEY;
    }

    @Override
    public String secretKey() {
        return SECRET_KEY;
    }

    @Override
    public void close() {
        sqs.close();
        dynamoDb.close();
    }
}
