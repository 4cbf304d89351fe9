package dev.clickupsync.status;

import dev.clickupsync.testkit.aws.CloudWatchStub;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

import java.net.URI;

/** The real SDK CloudWatch client pointed at testkit's {@link CloudWatchStub}, one try per call, as the status's. */
final class StubCloudWatch {
    private StubCloudWatch() {
    }

    static CloudWatchClient client(CloudWatchStub stub) {
        return CloudWatchClient.builder()
                .endpointOverride(URI.create(stub.endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1)))
                .build();
    }
}
