package dev.clickupsync.status;

import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.testkit.MutableClock;
import dev.clickupsync.testkit.aws.CloudWatchStub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link QueueAge} through the real AWS SDK CloudWatch client against testkit's {@link CloudWatchStub}
 * of {@code GetMetricData}: a STUB, because no CloudWatch emulator runs here (dynalite and ElasticMQ
 * have none); it answers in the protocol this SDK version speaks to CloudWatch (Smithy RPC v2 CBOR)
 * and keeps what each request asked, so the tests see the one call, its queries and its metric.
 */
class QueueAgeTest {
    private static final String EVENTS = "clickup-sync-dev-events";
    private static final String EVENTS_DLQ = "clickup-sync-dev-events-dlq";
    private static final String COMMANDS = "clickup-sync-dev-commands";
    private static final List<String> QUEUES = List.of(EVENTS, EVENTS_DLQ, COMMANDS);
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    @RegisterExtension
    final StubCloudWatch cloudWatch = new StubCloudWatch();
    private final Metrics metrics = Metrics.inMemory();
    private final MutableClock clock = new MutableClock(NOW);

    private QueueAge age(Clock clock) {
        return new QueueAge(true, Duration.ofSeconds(60), () -> cloudWatch.client(), clock, metrics);
    }

    @Test
    void readsEveryQueuesLatestDatapointInOneCall() {
        cloudWatch.stub().datapoint(EVENTS, NOW.minusSeconds(60), 47.4).datapoint(EVENTS, NOW.minusSeconds(120), 12.0)
                .datapoint(EVENTS_DLQ, NOW.minusSeconds(60), 3600);

        Map<String, QueueAge.Reading> ages = age(clock).oldest(QUEUES);

        assertThat(ages).containsExactly(
                Map.entry(EVENTS, new QueueAge.Reading(47L, null)),
                Map.entry(EVENTS_DLQ, new QueueAge.Reading(3600L, null)),
                Map.entry(COMMANDS, new QueueAge.Reading(null, "no_datapoints")));
        assertThat(cloudWatch.stub().requests()).hasSize(1);
        CloudWatchStub.Request request = cloudWatch.stub().requests().get(0);
        assertThat(request.path()).endsWith("/operation/GetMetricData");
        assertThat(request.ids()).containsExactly("q0", "q1", "q2");
        assertThat(request.dimensionValues()).containsExactly(EVENTS, EVENTS_DLQ, COMMANDS);
        assertThat(request.body()).contains("ApproximateAgeOfOldestMessage").contains("AWS/SQS")
                .contains("QueueName").contains("Maximum");
        assertThat(metrics.countsBy("Reason")).as("no datapoints is not a failure of the call").isEmpty();
    }

    @Test
    void keepsTheReadingsForAMinuteAndThenAsksAgain() {
        QueueAge age = age(clock);
        cloudWatch.stub().datapoint(EVENTS, NOW, 5);
        assertThat(age.oldest(QUEUES).get(EVENTS).seconds()).isEqualTo(5L);

        cloudWatch.stub().reset().datapoint(EVENTS, NOW.plusSeconds(59), 9);
        clock.advance(Duration.ofSeconds(59));
        assertThat(age.oldest(QUEUES).get(EVENTS).seconds()).as("kept").isEqualTo(5L);
        clock.advance(Duration.ofSeconds(1));
        assertThat(age.oldest(QUEUES).get(EVENTS).seconds()).as("asked again").isEqualTo(9L);
        assertThat(cloudWatch.stub().requests()).hasSize(2);
    }

    @Test
    void concurrentPollsWhenTheReadingsExpireMakeOneCall() throws Exception {
        cloudWatch.stub().datapoint(EVENTS, NOW, 5);
        QueueAge age = age(clock);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Long>> polls = Collections.nCopies(8, () -> age.oldest(QUEUES).get(EVENTS).seconds());
            for (Future<Long> poll : pool.invokeAll(polls)) {
                assertThat(poll.get()).isEqualTo(5L);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(cloudWatch.stub().requests()).hasSize(1);
    }

    @Test
    void otherQueuesAreNotAnsweredFromTheKeptReadings() {
        QueueAge age = age(clock);
        cloudWatch.stub().datapoint(EVENTS, NOW, 5).datapoint(COMMANDS, NOW, 8);
        age.oldest(List.of(EVENTS));

        assertThat(age.oldest(List.of(EVENTS, COMMANDS)).get(COMMANDS).seconds()).isEqualTo(8L);
        assertThat(cloudWatch.stub().requests()).hasSize(2);
    }

    @Test
    void throttlingIsANullAgeForEveryQueueKeptLikeAReadingAndCountedByItsReason() {
        cloudWatch.stub().fail(400, "Throttling", "Rate exceeded");
        QueueAge age = age(clock);

        assertThat(age.oldest(QUEUES).values()).containsOnly(new QueueAge.Reading(null, "throttled"));
        assertThat(age.oldest(QUEUES).get(EVENTS).reason()).isEqualTo("throttled");
        assertThat(cloudWatch.stub().requests()).as("one call: the failure is kept too").hasSize(1);
        assertThat(metrics.count(QueueAge.METRIC_QUEUE_AGE_UNAVAILABLE, "Reason", "throttled")).isEqualTo(1);
    }

    @Test
    void aRoleWithoutTheGrantIsAccessDenied() {
        cloudWatch.stub().fail(403, "AccessDeniedException", "not authorized to perform: cloudwatch:GetMetricData");

        assertThat(age(clock).oldest(QUEUES).get(EVENTS).reason()).isEqualTo("access_denied");
        assertThat(metrics.count(QueueAge.METRIC_QUEUE_AGE_UNAVAILABLE, "Reason", "access_denied")).isEqualTo(1);
    }

    @Test
    void aServerErrorOrNoCloudWatchAtAllIsUnavailableNeverAnException() {
        cloudWatch.stub().fail(500, "InternalServiceError", "boom");
        assertThat(age(clock).oldest(QUEUES).get(EVENTS).reason()).isEqualTo("cloudwatch_unavailable");

        QueueAge nowhere = new QueueAge(true, Duration.ofSeconds(60), () -> {
            throw software.amazon.awssdk.core.exception.SdkClientException.create("Unable to load region");
        }, clock, metrics);
        assertThat(nowhere.oldest(QUEUES).get(EVENTS).reason()).isEqualTo("cloudwatch_unavailable");
        assertThat(metrics.count(QueueAge.METRIC_QUEUE_AGE_UNAVAILABLE, "Reason", "cloudwatch_unavailable")).isEqualTo(2);
    }

    @Test
    void offMeansNoCallAndSaysSo() {
        QueueAge off = new QueueAge(false, Duration.ofSeconds(60), () -> cloudWatch.client(), clock, metrics);

        assertThat(off.oldest(QUEUES).values()).containsOnly(new QueueAge.Reading(null, "cloudwatch_off"));
        assertThat(cloudWatch.stub().requests()).isEmpty();
        assertThat(metrics.countsBy("Reason")).as("off is configuration, not a failure").isEmpty();
    }
}
