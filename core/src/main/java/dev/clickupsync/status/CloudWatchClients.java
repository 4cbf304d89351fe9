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
 * The plain CloudWatch client of {@link QueueAge}, built as the SSM secrets' is (the URL-connection
 * HTTP client, short timeouts), with one try: a status poll must stay fast, and a failure is kept
 * like a reading. Execution interceptors named in {@code sync.status.queue-age.interceptors} are
 * added as Quarkus adds {@code quarkus.<service>.interceptors} to its managed clients: the tests name
 * testkit's AWS call recorder, so the IAM check sees this client's calls too.
 */
final class CloudWatchClients {
    private CloudWatchClients() {
    }

    static CloudWatchClient create(QueueAgeConfig config) {
        CloudWatchClientBuilder builder = CloudWatchClient.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(3)).build())
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(4))
                        .retryStrategy(r -> r.maxAttempts(1))
                        .executionInterceptors(interceptors(config.interceptors().orElse(List.of()))));
        config.endpoint().filter(e -> !e.isBlank()).ifPresent(e -> builder.endpointOverride(URI.create(e)));
        config.region().filter(r -> !r.isBlank()).ifPresent(r -> builder.region(Region.of(r)));
        return builder.build();
    }

    private static List<ExecutionInterceptor> interceptors(List<String> classNames) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return classNames.stream().filter(n -> !n.isBlank()).map(name -> {
            try {
                return (ExecutionInterceptor) Class.forName(name.trim(), true, loader).getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | ClassCastException e) {
                throw new IllegalStateException("sync.status.queue-age.interceptors: cannot create " + name, e);
            }
        }).toList();
    }
}
