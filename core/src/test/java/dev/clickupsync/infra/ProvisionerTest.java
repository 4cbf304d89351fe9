package dev.clickupsync.infra;

import dev.clickupsync.store.Tables;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clickupsync.queue.EventEnvelope;
import dev.clickupsync.queue.EventQueue;
import dev.clickupsync.support.AwsClients;
import dev.clickupsync.support.RecordedCalls;
import dev.clickupsync.testkit.aws.EmbeddedAws;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.core.SdkResponse;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Provisioning against the emulators: what the local run and the tests rely on. */
class ProvisionerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static EmbeddedAws aws;
    private static DynamoDbClient dynamo;
    private static SqsClient sqs;
    private static Provisioner provisioner;

    @BeforeAll
    static void startAws() {
        aws = EmbeddedAws.start();
        dynamo = AwsClients.dynamo(aws.dynamoDbEndpoint());
        sqs = AwsClients.sqs(aws.sqsEndpoint());
        provisioner = new Provisioner(dynamo, sqs);
    }

    @AfterAll
    static void stopAws() {
        dynamo.close();
        sqs.close();
        aws.close();
    }

    @Test
    void createsTheQueueWithARedrivePolicyToItsDeadLetterQueue() throws Exception {
        String url = provisioner.ensureQueue(aws.sqs().queueUrl("provision-redrive"), 3);

        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(url)
                .attributeNames(QueueAttributeName.ALL)).attributes();
        String dlqUrl = sqs.getQueueUrl(b -> b.queueName("provision-redrive-dlq")).queueUrl();
        String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        JsonNode redrive = JSON.readTree(attributes.get(QueueAttributeName.REDRIVE_POLICY));

        assertThat(url).endsWith("/provision-redrive");
        assertThat(redrive.get("deadLetterTargetArn").asText()).isEqualTo(dlqArn);
        assertThat(redrive.get("maxReceiveCount").asInt()).isEqualTo(3);
        assertThat(attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT)).as("6 x the drain timeout, as template.yaml").isEqualTo("360");
        // (ElasticMQ does not report MessageRetentionPeriod back, so the 14 days are not checked here.)
    }

    @Test
    void ensuringTheQueueTwiceIsHarmless() {
        String first = provisioner.ensureQueue(aws.sqs().queueUrl("provision-twice"), 5);
        sqs.sendMessage(b -> b.queueUrl(first).messageBody("kept"));

        String second = provisioner.ensureQueue(aws.sqs().queueUrl("provision-twice"), 5);

        assertThat(second).isEqualTo(first);
        assertThat(sqs.receiveMessage(b -> b.queueUrl(second).waitTimeSeconds(1)).messages())
                .extracting(Message::body).containsExactly("kept");
    }

    @Test
    void messageReceivedMaxReceiveCountTimesMovesToTheDeadLetterQueue() {
        String url = provisioner.ensureQueue(aws.sqs().queueUrl("provision-poison"), 2);
        String dlqUrl = sqs.getQueueUrl(b -> b.queueName("provision-poison-dlq")).queueUrl();
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("poison"));

        for (int receive = 0; receive < 2; receive++) {
            assertThat(sqs.receiveMessage(b -> b.queueUrl(url).visibilityTimeout(0).waitTimeSeconds(1)).messages())
                    .hasSize(1);
        }
        List<Message> third = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(0)).messages();

        assertThat(third).isEmpty();
        assertThat(sqs.receiveMessage(b -> b.queueUrl(dlqUrl).waitTimeSeconds(1)).messages())
                .extracting(Message::body).containsExactly("poison");
    }

    @Test
    void createsTablesWithTheSharedKeyLayoutAndAsksForTtlOnExpiresAt() {
        RecordedCalls calls = new RecordedCalls();
        try (DynamoDbClient recorded = AwsClients.dynamo(aws.dynamoDbEndpoint(), calls)) {
            new Provisioner(recorded, sqs).ensureTable("provision-table");
        }

        TableDescription table = dynamo.describeTable(b -> b.tableName("provision-table")).table();
        assertThat(table.keySchema()).extracting(k -> k.attributeName() + ":" + k.keyType())
                .containsExactly(Tables.PK + ":" + KeyType.HASH, Tables.SK + ":" + KeyType.RANGE);
        assertThat(table.attributeDefinitions()).allSatisfy(d ->
                assertThat(d.attributeType()).isEqualTo(ScalarAttributeType.S));
        assertThat(table.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(calls.of(UpdateTimeToLiveRequest.class)).singleElement().satisfies(asked -> {
            assertThat(asked.tableName()).isEqualTo("provision-table");
            assertThat(asked.timeToLiveSpecification().attributeName()).isEqualTo(Tables.TTL);
            assertThat(asked.timeToLiveSpecification().enabled()).isTrue();
        });
        if (ttlSupported()) { // LocalStack (-Plocalstack) keeps what was asked; dynalite has no TTL
            TimeToLiveDescription ttl = dynamo.describeTimeToLive(b -> b.tableName("provision-table")).timeToLiveDescription();
            assertThat(ttl.attributeName()).isEqualTo(Tables.TTL);
            assertThat(ttl.timeToLiveStatus()).isIn(TimeToLiveStatus.ENABLED, TimeToLiveStatus.ENABLING);
        }
    }

    @Test
    void aDynamoDbWithoutTtlStillGetsAUsableTable() {
        assumeFalse(ttlSupported(), "this emulator has TTL; the other test covers it");

        provisioner.ensureTable("provision-no-ttl");
        dynamo.putItem(b -> b.tableName("provision-no-ttl").item(Map.of(
                Tables.PK, AttributeValue.fromS("k"), Tables.SK, AttributeValue.fromS("s"))));

        assertThat(dynamo.scan(b -> b.tableName("provision-no-ttl")).count()).isEqualTo(1);
    }

    @Test
    void aTtlFailureOtherThanAnUnknownOperationIsNotSwallowed() {
        DynamoDbException throttled = (DynamoDbException) DynamoDbException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException").build()).build();
        try (DynamoDbClient failing = AwsClients.dynamo(aws.dynamoDbEndpoint(), new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof UpdateTimeToLiveRequest) {
                    throw throttled;
                }
            }
        })) {
            assertThatThrownBy(() -> new Provisioner(failing, sqs).ensureTable("provision-ttl-throttled"))
                    .isSameAs(throttled);
        }
    }

    /** Whether this emulator takes UpdateTimeToLive (LocalStack does; dynalite answers UnknownOperation). */
    private static boolean ttlSupported() {
        String probe = "provision-ttl-probe-" + java.util.UUID.randomUUID();
        dynamo.createTable(Tables.createRequest(probe));
        try {
            dynamo.updateTimeToLive(b -> b.tableName(probe).timeToLiveSpecification(t -> t.attributeName(Tables.TTL).enabled(true)));
            return true;
        } catch (DynamoDbException e) {
            if ("UnknownOperationException".equals(e.awsErrorDetails().errorCode())) {
                return false;
            }
            throw e;
        } finally {
            dynamo.deleteTable(b -> b.tableName(probe));
        }
    }

    @Test
    void aTableStillCreatingIsPolledAgainWithinAFractionOfASecondNotTheWaitersTwentySeconds() {
        AtomicInteger describes = new AtomicInteger();
        ExecutionInterceptor creatingTwice = new ExecutionInterceptor() {
            @Override
            public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
                if (context.response() instanceof DescribeTableResponse r && describes.incrementAndGet() <= 2) {
                    return r.toBuilder().table(r.table().toBuilder().tableStatus(TableStatus.CREATING).build()).build();
                }
                return context.response();
            }
        };
        try (DynamoDbClient slow = AwsClients.dynamo(aws.dynamoDbEndpoint(), creatingTwice)) {
            long start = System.nanoTime();

            new Provisioner(slow, sqs).ensureTable("provision-creating");

            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            assertThat(describes).as("polled until ACTIVE").hasValue(3);
            // A bound on a wait, not a speed figure: the SDK's default waiter sleeps 20 s before each poll again.
            assertThat(waited).isLessThan(Duration.ofSeconds(10));
        }
        assertThat(dynamo.describeTable(b -> b.tableName("provision-creating")).table().tableStatus()).isEqualTo(TableStatus.ACTIVE);
    }

    @Test
    void ensuringATableTwiceKeepsItsItems() {
        provisioner.ensureTable("provision-table-twice");
        dynamo.putItem(b -> b.tableName("provision-table-twice").item(Map.of(
                Tables.PK, software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("k"),
                Tables.SK, software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("s"))));

        provisioner.ensureTable("provision-table-twice");

        assertThat(dynamo.scan(b -> b.tableName("provision-table-twice")).count()).isEqualTo(1);
    }

    @Test
    void provisionedQueueCarriesTheLargestBodyIngestAccepts() {
        // clickup.webhook.max-body-bytes defaults to 262144; the envelope adds its attributes.
        String url = provisioner.ensureQueue(aws.sqs().queueUrl("provision-large"), 5);
        byte[] body = new byte[262_144];
        Arrays.fill(body, (byte) ' ');
        byte[] json = "{\"event\":\"taskDeleted\",\"task_id\":\"t\",\"webhook_id\":\"w\"}".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(json, 0, body, 0, json.length);

        String id = new EventQueue(sqs, url, Duration.ofSeconds(5)).send(EventEnvelope.of(body, "taskDeleted",
                "7fa3ec74-69a8-4530-a251-8a13730bd204", "task", "t", Instant.now()));

        assertThat(id).isNotBlank();
    }
}
