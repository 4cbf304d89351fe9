package dev.clickupsync.testkit.aws;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DynamoDB Local and ElasticMQ together: the "AWS" of the tests, the local run and the bench.
 * Both start in parallel (each takes 1-3 s).
 */
public final class EmbeddedAws implements AutoCloseable {
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

    public URI dynamoDbEndpoint() {
        return dynamoDb.endpoint();
    }

    public URI sqsEndpoint() {
        return sqs.endpoint();
    }

    public String region() {
        return EmbeddedSqs.REGION;
    }

    /**
     * The Quarkus configuration that points the amazon-services clients at these emulators
     * (static credentials, the emulators' region, URL-connection sync clients).
     */
    public Map<String, String> quarkusConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        for (String service : new String[] {"dynamodb", "sqs"}) {
            URI endpoint = "sqs".equals(service) ? sqsEndpoint() : dynamoDbEndpoint();
            config.put("quarkus." + service + ".endpoint-override", endpoint.toString());
            config.put("quarkus." + service + ".aws.region", region());
            config.put("quarkus." + service + ".aws.credentials.type", "static");
            config.put("quarkus." + service + ".aws.credentials.static-provider.access-key-id", ACCESS_KEY);
            config.put("quarkus." + service + ".aws.credentials.static-provider.secret-access-key", SECRET_KEY);
            config.put("quarkus." + service + ".devservices.enabled", "false");
        }
        return config;
    }

    @Override
    public void close() {
        sqs.close();
        dynamoDb.close();
    }
}
