package dev.clickupsync.status;

import dev.clickupsync.testkit.aws.CloudWatchStub;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

import java.net.URI;

/**
 * Per test: testkit's {@link CloudWatchStub} (a STUB of {@code GetMetricData}: no CloudWatch emulator runs
 * here) and the real SDK CloudWatch client pointed at it, one try per call, as the status's. Register
 * with {@code @RegisterExtension}.
 */
final class StubCloudWatch implements BeforeEachCallback, AfterEachCallback {
    private CloudWatchStub stub;
    private CloudWatchClient client;

    @Override
    public void beforeEach(ExtensionContext context) {
        stub = CloudWatchStub.start();
        client = CloudWatchClient.builder()
                .endpointOverride(URI.create(stub.endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1)))
                .build();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        client.close();
        stub.close();
    }

    CloudWatchStub stub() {
        return stub;
    }

    CloudWatchClient client() {
        return client;
    }
}
