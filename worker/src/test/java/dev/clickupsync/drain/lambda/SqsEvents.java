package dev.clickupsync.drain.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.testkit.clickup.WebhookDelivery;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** SQS events in Lambda's JSON shape, one record per webhook delivery, as ingest would have queued them. */
final class SqsEvents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SqsEvents() {
    }

    static ObjectNode of(List<WebhookDelivery> deliveries) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (WebhookDelivery delivery : deliveries) {
            ObjectNode record = records.addObject();
            record.put("messageId", UUID.randomUUID().toString());
            record.put("receiptHandle", "handle-" + UUID.randomUUID());
            record.put("body", delivery.bodyString());
            record.putObject("attributes").put("ApproximateReceiveCount", "1")
                    .put("SentTimestamp", Long.toString(System.currentTimeMillis()));
            ObjectNode attrs = record.putObject("messageAttributes");
            attribute(attrs, "event", delivery.event());
            attribute(attrs, "webhook_id", delivery.webhookId());
            attribute(attrs, "entity_type", "task");
            attribute(attrs, "entity_id", delivery.taskId());
            attribute(attrs, "received_at", Instant.now().toString());
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", "arn:aws:sqs:us-east-1:000000000000:clickup-sync-local-events");
            record.put("awsRegion", "us-east-1");
        }
        return event;
    }

    static String messageId(ObjectNode event, int index) {
        return event.get("Records").get(index).get("messageId").asText();
    }

    private static void attribute(ObjectNode attrs, String name, String value) {
        attrs.putObject(name).put("stringValue", value).put("dataType", "String");
    }
}
