package dev.clickupsync.drain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.json.Json;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.mirror.TaskSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.List;
import java.util.Optional;

/**
 * The optional outbound stream: after the mirror changed, one normalised "task changed" message
 * ({@code type}, {@code task_id}, {@code date_updated}, {@code deleted}, the webhook event names,
 * the snapshot) to {@code sync.drain.outbound-queue-url}, for consumers that want changes pushed
 * rather than polled. Best effort: a send failure is counted and logged, never fails the event
 * (the mirror is the source of truth and a consumer can re-read it).
 */
@ApplicationScoped
public class Outbound {
    private static final Logger LOG = Logger.getLogger(Outbound.class);

    private final SqsClient sqs;
    private final Optional<String> queueUrl;
    private final Metrics metrics;

    @Inject
    public Outbound(SqsClient sqs, DrainConfig config, Metrics metrics) {
        this.sqs = sqs;
        this.queueUrl = config.outboundQueueUrl().filter(url -> !url.isBlank());
        this.metrics = metrics;
    }

    public void taskChanged(String taskId, TaskSnapshot snapshot, List<String> events) {
        if (queueUrl.isEmpty() || snapshot == null) {
            return;
        }
        ObjectNode message = Json.MAPPER.createObjectNode();
        message.put("type", "task.changed");
        message.put("task_id", taskId);
        message.put("date_updated", snapshot.dateUpdated() == null ? null : snapshot.dateUpdated().toString());
        message.put("deleted", snapshot.deleted());
        events.forEach(message.putArray("events")::add);
        message.set("snapshot", Json.MAPPER.valueToTree(snapshot));
        try {
            sqs.sendMessage(b -> b.queueUrl(queueUrl.get()).messageBody(message.toString()));
            metrics.increment("OutboundSent");
        } catch (SdkException e) {
            metrics.increment("OutboundFailed");
            LOG.warnf("outbound send failed task=%s error=%s", taskId, e.getClass().getSimpleName());
        }
    }
}
