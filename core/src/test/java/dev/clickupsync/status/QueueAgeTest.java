package dev.clickupsync.status;

import com.sun.net.httpserver.HttpServer;
import dev.clickupsync.testkit.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.thirdparty.jackson.core.JsonGenerator;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORFactory;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link QueueAge} through the real AWS SDK CloudWatch client against a STUB of CloudWatch's
 * {@code GetMetricData}: no CloudWatch emulator runs here (dynalite and ElasticMQ have none), so a
 * small HTTP server answers as CloudWatch does in the protocol this SDK version speaks to it
 * (Smithy RPC v2 CBOR: {@code POST /service/GraniteServiceVersion20100801/operation/GetMetricData},
 * CBOR bodies, errors named by {@code __type}). What the stub checks of the request (the operation,
 * the metric, the queue dimension) and what it answers are CloudWatch's documented shapes.
 */
class QueueAgeTest {
    private static final String QUEUE = "clickup-sync-dev-events";
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    private HttpServer server;
    private final List<byte[]> requests = new ArrayList<>();
    private final AtomicReference<Answer> answer = new AtomicReference<>();
    private CloudWatchClient client;

    private record Answer(int status, byte[] body) {
    }

    @BeforeEach
    void startStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestURI().getPath().getBytes(StandardCharsets.UTF_8));
            requests.add(exchange.getRequestBody().readAllBytes());
            Answer a = answer.get();
            exchange.getResponseHeaders().add("Content-Type", "application/cbor");
            exchange.getResponseHeaders().add("smithy-protocol", "rpc-v2-cbor");
            exchange.sendResponseHeaders(a.status(), a.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(a.body());
            }
        });
        server.start();
        client = CloudWatchClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1)))
                .build();
    }

    @AfterEach
    void stopStub() {
        client.close();
        server.stop(0);
    }

    private QueueAge age(Clock clock) {
        return new QueueAge(true, Duration.ofSeconds(60), () -> client, clock);
    }

    @Test
    void readsTheLatestDatapointOfTheQueuesOldestMessageAge() throws IOException {
        answer.set(new Answer(200, results(new long[] {NOW.minusSeconds(120).getEpochSecond(), NOW.minusSeconds(60).getEpochSecond()},
                new double[] {12.0, 47.4})));

        QueueAge.Reading reading = age(fixed(NOW)).oldest(QUEUE);

        assertThat(reading.seconds()).isEqualTo(47L);
        assertThat(reading.reason()).isNull();
        assertThat(new String(requests.get(0), StandardCharsets.UTF_8)).endsWith("/operation/GetMetricData");
        String body = new String(requests.get(1), StandardCharsets.ISO_8859_1);
        assertThat(body).contains("ApproximateAgeOfOldestMessage").contains("AWS/SQS").contains("QueueName")
                .contains(QUEUE).contains("Maximum");
    }

    @Test
    void keepsAReadingForAMinuteAndThenAsksAgain() throws IOException {
        MutableClock clock = new MutableClock(NOW);
        QueueAge age = age(clock);
        answer.set(new Answer(200, results(new long[] {NOW.getEpochSecond()}, new double[] {5})));
        assertThat(age.oldest(QUEUE).seconds()).isEqualTo(5L);

        answer.set(new Answer(200, results(new long[] {NOW.plusSeconds(59).getEpochSecond()}, new double[] {9})));
        clock.advance(Duration.ofSeconds(59));
        assertThat(age.oldest(QUEUE).seconds()).as("kept").isEqualTo(5L);
        clock.advance(Duration.ofSeconds(1));
        assertThat(age.oldest(QUEUE).seconds()).as("asked again").isEqualTo(9L);
        assertThat(requests).hasSize(4); // two calls: path and body each
    }

    @Test
    void noDatapointsIsANullAgeWithItsReason() throws IOException {
        answer.set(new Answer(200, results(new long[0], new double[0])));

        assertThat(age(fixed(NOW)).oldest(QUEUE)).isEqualTo(new QueueAge.Reading(null, "no_datapoints"));
    }

    @Test
    void throttlingIsANullAgeKeptLikeAReadingSoCloudWatchIsNotAskedAgainAtOnce() throws IOException {
        answer.set(new Answer(400, error("Throttling", "Rate exceeded")));
        QueueAge age = age(fixed(NOW));

        assertThat(age.oldest(QUEUE)).isEqualTo(new QueueAge.Reading(null, "throttled"));
        assertThat(age.oldest(QUEUE).reason()).isEqualTo("throttled");
        assertThat(requests).as("one call: the failure is kept too").hasSize(2);
    }

    @Test
    void aRoleWithoutTheGrantIsAccessDenied() throws IOException {
        answer.set(new Answer(403, error("AccessDeniedException", "not authorized to perform: cloudwatch:GetMetricData")));

        assertThat(age(fixed(NOW)).oldest(QUEUE).reason()).isEqualTo("access_denied");
    }

    @Test
    void aServerErrorOrNoCloudWatchAtAllIsUnavailableNeverAnException() throws IOException {
        answer.set(new Answer(500, error("InternalServiceError", "boom")));
        assertThat(age(fixed(NOW)).oldest(QUEUE).reason()).isEqualTo("cloudwatch_unavailable");

        QueueAge nowhere = new QueueAge(true, Duration.ofSeconds(60), () -> {
            throw software.amazon.awssdk.core.exception.SdkClientException.create("Unable to load region");
        }, fixed(NOW));
        assertThat(nowhere.oldest(QUEUE).reason()).isEqualTo("cloudwatch_unavailable");
    }

    @Test
    void offMeansNoCallAndSaysSo() {
        QueueAge off = new QueueAge(false, Duration.ofSeconds(60), () -> client, fixed(NOW));

        assertThat(off.oldest(QUEUE)).isEqualTo(new QueueAge.Reading(null, "cloudwatch_off"));
        assertThat(requests).isEmpty();
    }

    // ------------------------------------------------------------------ CloudWatch's CBOR answers

    private static byte[] results(long[] epochSeconds, double[] values) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator g = (CBORGenerator) new CBORFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeFieldName("MetricDataResults");
            g.writeStartArray();
            g.writeStartObject();
            g.writeStringField("Id", "age");
            g.writeStringField("Label", "ApproximateAgeOfOldestMessage");
            g.writeFieldName("Timestamps");
            g.writeStartArray();
            for (long t : epochSeconds) {
                g.writeTag(1); // CBOR epoch-based date/time
                g.writeNumber(t);
            }
            g.writeEndArray();
            g.writeFieldName("Values");
            g.writeStartArray();
            for (double v : values) {
                g.writeNumber(v);
            }
            g.writeEndArray();
            g.writeStringField("StatusCode", "Complete");
            g.writeEndObject();
            g.writeEndArray();
            g.writeFieldName("Messages");
            g.writeStartArray();
            g.writeEndArray();
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    private static byte[] error(String type, String message) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = new CBORFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("__type", "com.amazonaws.cloudwatch#" + type);
            g.writeStringField("message", message);
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    private static Clock fixed(Instant now) {
        return Clock.fixed(now, ZoneOffset.UTC);
    }
}
