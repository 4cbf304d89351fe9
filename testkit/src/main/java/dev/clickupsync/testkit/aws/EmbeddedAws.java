package dev.clickupsync.testkit.aws;

import java.net.URI;

/**
 * dynalite and ElasticMQ together: the "AWS" of the tests, the local run and the bench.
 * Both start in parallel (dynalite in well under a second, ElasticMQ in 1-3 s).
 */
public final class EmbeddedAws implements AwsEmulator {
    /** Any static credentials do: the emulators check that requests are signed, not by whom. */
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
        EmbeddedSqs sqs;
        try {
            sqs = EmbeddedSqs.start();
        } catch (RuntimeException e) {
            dynamo.thenAccept(EmbeddedDynamoDb::close);
            throw e;
        }
        try {
            return new EmbeddedAws(dynamo.join(), sqs);
        } catch (java.util.concurrent.CompletionException e) {
            sqs.close();
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
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
