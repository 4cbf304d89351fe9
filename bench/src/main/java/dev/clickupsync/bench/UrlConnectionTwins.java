package dev.clickupsync.bench;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbServiceClientConfiguration;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsServiceClientConfiguration;

/**
 * The application's AWS clients again (same endpoint, region and credentials) on the SDK's URL-connection
 * HTTP client instead of the Apache one production configures: the baseline of the "URL-connection client"
 * cells, so that the HTTP client's share of a call is measured in the same run as the call. Callers close them.
 */
final class UrlConnectionTwins {
    private UrlConnectionTwins() {
    }

    static DynamoDbClient of(DynamoDbClient dynamo) {
        DynamoDbServiceClientConfiguration config = dynamo.serviceClientConfiguration();
        return DynamoDbClient.builder().endpointOverride(config.endpointOverride().orElseThrow()).region(config.region())
                .credentialsProvider(config.credentialsProvider()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    static SqsClient of(SqsClient sqs) {
        SqsServiceClientConfiguration config = sqs.serviceClientConfiguration();
        return SqsClient.builder().endpointOverride(config.endpointOverride().orElseThrow()).region(config.region())
                .credentialsProvider(config.credentialsProvider()).httpClient(UrlConnectionHttpClient.create()).build();
    }
}
