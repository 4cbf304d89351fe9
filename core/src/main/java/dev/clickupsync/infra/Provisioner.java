package dev.clickupsync.infra;

import dev.clickupsync.store.Tables;

import org.jboss.logging.Logger;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.List;
import java.time.Duration;
import java.util.Map;

/**
 * Creates the events queue and (when configured) the commands queue, each with its dead-letter
 * queue, and the tables if they are missing, with the attributes
 * {@code template.yaml} gives them on AWS. Used by the local run and the tests; idempotent.
 */
public final class Provisioner {
    private static final Logger LOG = Logger.getLogger(Provisioner.class);
    private static final String UNKNOWN_OPERATION = "UnknownOperationException";

    private final DynamoDbClient dynamo;
    private final SqsClient sqs;

    public Provisioner(DynamoDbClient dynamo, SqsClient sqs) {
        this.dynamo = dynamo;
        this.sqs = sqs;
    }

    public void ensure(SyncConfig config) {
        ensureQueue(config.queue().url(), config.queue().maxReceiveCount());
        config.commands().queue().url()
                .ifPresent(url -> ensureQueue(url, config.commands().queue().maxReceiveCount()));
        SyncConfig.Tables t = config.tables();
        for (String table : List.of(t.idempotency(), t.mirror(), t.control(), t.fieldCache())) {
            ensureTable(table);
        }
    }

    /** Creates {@code name-dlq} and {@code name} with a redrive policy to it; returns the queue URL. */
    public String ensureQueue(String queueUrl, int maxReceiveCount) {
        String name = queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
        String dlqUrl = sqs.createQueue(b -> b.queueName(name + "-dlq")
                .attributes(Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "1209600"))).queueUrl();
        String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String url = sqs.createQueue(b -> b.queueName(name).attributes(Map.of(
                QueueAttributeName.MESSAGE_RETENTION_PERIOD, "1209600",
                QueueAttributeName.VISIBILITY_TIMEOUT, "360",
                QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + maxReceiveCount + "\"}")))
                .queueUrl();
        LOG.debugf("queue ready name=%s", name);
        return url;
    }

    /**
     * How a new table is waited for: every 100 ms for up to a minute. The SDK's default waiter polls every 20 s, and
     * dynalite (even with {@code createTableMs=0}) can answer the first {@code DescribeTable} while the table is still
     * {@code CREATING}: on a loaded machine that stalled a function's init by 20 s for one table.
     */
    static final WaiterOverrideConfiguration TABLE_WAIT = WaiterOverrideConfiguration.builder()
            .backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(Duration.ofMillis(100)))
            .maxAttempts(600).waitTimeout(Duration.ofMinutes(1)).build();

    public void ensureTable(String tableName) {
        try {
            dynamo.createTable(Tables.createRequest(tableName));
            try (DynamoDbWaiter waiter = DynamoDbWaiter.builder().client(dynamo).overrideConfiguration(TABLE_WAIT).build()) {
                waiter.waitUntilTableExists(b -> b.tableName(tableName));
            }
            enableTtl(tableName);
            LOG.debugf("table created name=%s", tableName);
        } catch (ResourceInUseException alreadyThere) {
            LOG.debugf("table exists name=%s", tableName);
        }
    }

    /**
     * TTL on {@code expires_at}, as the template declares it on AWS. TTL only keeps tables small:
     * DynamoDB deletes expired items up to days late, so no reader may rely on an item being gone,
     * and none does (each compares the expiry or lock it stored with the clock). That is why an
     * emulator without TTL (dynalite answers {@code UnknownOperationException}) is fine: the table
     * is provisioned, items just stay.
     */
    private void enableTtl(String tableName) {
        try {
            dynamo.updateTimeToLive(b -> b.tableName(tableName).timeToLiveSpecification(
                    TimeToLiveSpecification.builder().attributeName(Tables.TTL).enabled(true).build()));
        } catch (DynamoDbException e) {
            if (e.awsErrorDetails() == null || !UNKNOWN_OPERATION.equals(e.awsErrorDetails().errorCode())) {
                throw e;
            }
            LOG.infof("table %s has no TTL: this DynamoDB (an emulator) does not support it; expired items stay", tableName);
        }
    }
}
