package dev.clickupsync.testkit.aws;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the tests' "AWS" runs: the embedded emulators ({@link EmbeddedAws}, the default, no Docker)
 * or LocalStack in a container ({@code dev.clickupsync.testkit.localstack.LocalStackAws}, opt-in).
 */
public interface AwsEmulator extends AutoCloseable {

    URI dynamoDbEndpoint();

    URI sqsEndpoint();

    String region();

    /** The URL the emulator gives a queue of this name. */
    String queueUrl(String queueName);

    String accessKey();

    String secretKey();

    /**
     * The Quarkus configuration that points the amazon-services clients at this emulator (static
     * credentials, its region, no Dev Services).
     */
    default Map<String, String> quarkusConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        for (String service : new String[] {"dynamodb", "sqs"}) {
            URI endpoint = "sqs".equals(service) ? sqsEndpoint() : dynamoDbEndpoint();
            config.put("quarkus." + service + ".endpoint-override", endpoint.toString());
            config.put("quarkus." + service + ".aws.region", region());
            config.put("quarkus." + service + ".aws.credentials.type", "static");
            config.put("quarkus." + service + ".aws.credentials.static-provider.access-key-id", accessKey());
            config.put("quarkus." + service + ".aws.credentials.static-provider.secret-access-key", secretKey());
            config.put("quarkus." + service + ".devservices.enabled", "false");
        }
        return config;
    }

    @Override
    void close();
}
