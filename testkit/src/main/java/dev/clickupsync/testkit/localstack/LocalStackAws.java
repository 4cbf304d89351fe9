package dev.clickupsync.testkit.localstack;

import dev.clickupsync.testkit.aws.AwsEmulator;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

import java.net.URI;

/**
 * LocalStack (SQS, DynamoDB, SSM) in a container through Testcontainers: the opt-in second target
 * of the integration suite ({@code ./mvnw verify -Plocalstack}). The image tag is the one
 * {@code localstack/docker-compose.yml} pins. Needs a Docker engine; see {@link LocalStackCondition}
 * for what happens without one.
 */
public final class LocalStackAws implements AwsEmulator {
    public static final String IMAGE = "localstack/localstack:4.14.0";
    private static final String ACCOUNT = "000000000000";

    private final LocalStackContainer container;

    private LocalStackAws(LocalStackContainer container) {
        this.container = container;
    }

    public static LocalStackAws start() {
        LocalStackContainer container = new LocalStackContainer(DockerImageName.parse(IMAGE))
                .withServices("sqs", "dynamodb", "ssm");
        container.start();
        return new LocalStackAws(container);
    }

    /** Whether a Docker engine answers here (this machine family has none). */
    public static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable noDocker) {
            return false;
        }
    }

    @Override
    public URI dynamoDbEndpoint() {
        return container.getEndpoint();
    }

    @Override
    public URI sqsEndpoint() {
        return container.getEndpoint();
    }

    @Override
    public String region() {
        return container.getRegion();
    }

    @Override
    public String accessKey() {
        return container.getAccessKey();
    }

    @Override
    public String secretKey() {
        return container.getSecretKey();
    }

    @Override
    public String queueUrl(String queueName) {
        return container.getEndpoint() + "/" + ACCOUNT + "/" + queueName;
    }

    @Override
    public void close() {
        container.stop();
    }
}
