package dev.clickupsync.support;

import dev.clickupsync.testkit.aws.EmbeddedAws;
import dev.clickupsync.testkit.aws.EmbeddedSqs;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;

/** Real AWS SDK v2 clients pointed at the embedded emulators (dynalite, ElasticMQ). */
public final class AwsClients {
    private AwsClients() {
    }

    public static DynamoDbClient dynamo(URI endpoint, ExecutionInterceptor... interceptors) {
        return DynamoDbClient.builder()
                .overrideConfiguration(c -> java.util.Arrays.stream(interceptors).forEach(c::addExecutionInterceptor))
                .endpointOverride(endpoint)
                .region(Region.of(EmbeddedSqs.REGION))
                .credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    public static SqsClient sqs(URI endpoint) {
        return SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(EmbeddedSqs.REGION))
                .credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(EmbeddedAws.ACCESS_KEY, EmbeddedAws.SECRET_KEY));
    }
}
