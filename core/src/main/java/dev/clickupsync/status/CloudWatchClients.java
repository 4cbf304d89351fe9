package dev.clickupsync.status;

import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClientBuilder;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The plain CloudWatch client of the status ({@link StatusCloudWatch}), built as the SSM secrets' is (the
 * URL-connection HTTP client, short timeouts), with one try: a status poll must stay fast, and a failure
 * is kept like a reading. The execution interceptors are the {@link CloudWatchInterceptor} beans, given
 * by the caller (no class is loaded by name).
 */
final class CloudWatchClients {
    private CloudWatchClients() {
    }

    static CloudWatchClient create(QueueAgeConfig config, List<ExecutionInterceptor> interceptors) {
        CloudWatchClientBuilder builder = CloudWatchClient.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(3)).build())
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(4))
                        .retryStrategy(r -> r.maxAttempts(1))
                        .executionInterceptors(List.copyOf(interceptors)));
        config.endpoint().filter(e -> !e.isBlank()).ifPresent(e -> builder.endpointOverride(URI.create(e)));
        config.region().filter(r -> !r.isBlank()).ifPresent(r -> builder.region(Region.of(r)));
        return builder.build();
    }
}
