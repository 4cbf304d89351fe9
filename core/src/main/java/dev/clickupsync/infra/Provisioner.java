package dev.clickupsync.infra;

import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.List;
import java.util.Map;

/**
 * Creates the events queue and (when configured) the commands queue, each with its dead-letter
 * queue, and the tables if they are missing, with the attributes
 * {@code template.yaml} gives them on AWS. Used by the local run and the tests; idempotent.
 */
public final class Provisioner {
    private static final Logger LOG = Logger.getLogger(Provisioner.class);

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

    public void ensureTable(String tableName) {
        try {
            dynamo.createTable(Tables.createRequest(tableName));
            dynamo.waiter().waitUntilTableExists(b -> b.tableName(tableName));
            dynamo.updateTimeToLive(b -> b.tableName(tableName).timeToLiveSpecification(
                    TimeToLiveSpecification.builder().attributeName(Tables.TTL).enabled(true).build()));
            LOG.debugf("table created name=%s", tableName);
        } catch (ResourceInUseException alreadyThere) {
            LOG.debugf("table exists name=%s", tableName);
        }
    }
}
