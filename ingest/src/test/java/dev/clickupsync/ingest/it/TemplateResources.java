package dev.clickupsync.ingest.it;

import dev.clickupsync.infra.Provisioner;
import dev.clickupsync.testkit.aws.AwsEmulator;
import dev.clickupsync.testkit.lambda.TemplateEnvironment;
import dev.clickupsync.testkit.quarkus.EmbeddedStack;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The template's queues and tables, created by the test before a function boots (as the stack's resources exist
 * before any function runs on AWS), so the function starts with the template's environment alone; and the test's
 * own SDK clients on the emulators.
 */
final class TemplateResources {
    private TemplateResources() {
    }

    /** A template environment whose queues and tables exist ({@link TemplateEnvironment#provision}). */
    static TemplateEnvironment provisioned(EmbeddedStack stack, String prefix) {
        try (DynamoDbClient dynamo = dynamo(stack.emulator()); SqsClient sqs = sqs(stack.emulator())) {
            Provisioner provisioner = new Provisioner(dynamo, sqs);
            return TemplateEnvironment.of(stack, prefix).provision(provisioner::ensureQueue, provisioner::ensureTable);
        }
    }

    static DynamoDbClient dynamo(AwsEmulator aws) {
        return DynamoDbClient.builder().endpointOverride(aws.dynamoDbEndpoint()).region(Region.of(aws.region()))
                .credentialsProvider(credentials(aws)).httpClient(UrlConnectionHttpClient.create()).build();
    }

    static SqsClient sqs(AwsEmulator aws) {
        return SqsClient.builder().endpointOverride(aws.sqsEndpoint()).region(Region.of(aws.region()))
                .credentialsProvider(credentials(aws)).httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static StaticCredentialsProvider credentials(AwsEmulator aws) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(aws.accessKey(), aws.secretKey()));
    }
}
