package dev.clickupsync.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;

/**
 * The commands queue as the event source mapping sees it: messages received from ElasticMQ (sent
 * there by the real {@link CommandQueue}) turned into Lambda's SQS event JSON and posted to the
 * commands handler through Quarkus's mock event server.
 */
final class CommandDelivery {
    static final ObjectMapper JSON = new ObjectMapper();

    private final SqsClient sqs;
    private final String queueUrl;

    CommandDelivery(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** Receives up to {@code max} messages (deleting them, as the mapping does on success). */
    List<Message> receive(int max) {
        List<Message> all = new ArrayList<>();
        for (int round = 0; round < 5 && all.size() < max; round++) {
            List<Message> got = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(Math.min(10, max - all.size()))
                    .waitTimeSeconds(1).messageAttributeNames("All")
                    .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
            for (Message m : got) {
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
            all.addAll(got);
        }
        return all;
    }

    /** One message from another queue (a DLQ), deleted; fails the test if none arrives. */
    Message receiveFrom(String url) {
        for (int round = 0; round < 5; round++) {
            List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(1).waitTimeSeconds(1)
                    .messageAttributeNames("All")).messages();
            if (!got.isEmpty()) {
                sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(got.get(0).receiptHandle()));
                return got.get(0);
            }
        }
        throw new AssertionError("no message in " + url);
    }

    /** The messages as one SQS event; {@code receiveCount} stands in for SQS's ApproximateReceiveCount. */
    static ObjectNode event(List<Message> messages, int receiveCount) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (Message m : messages) {
            ObjectNode record = records.addObject();
            record.put("messageId", m.messageId());
            record.put("receiptHandle", m.receiptHandle());
            record.put("body", m.body());
            record.putObject("attributes").put("ApproximateReceiveCount", Integer.toString(receiveCount));
            ObjectNode attrs = record.putObject("messageAttributes");
            m.messageAttributes().forEach((k, v) -> attrs.putObject(k).put("stringValue", v.stringValue()).put("dataType", "String"));
            record.put("eventSource", "aws:sqs");
        }
        return event;
    }

    /** Posts the event to the handler and answers the message ids it reports as failed. */
    static List<String> invoke(JsonNode event) {
        Response response = given().contentType("application/json").accept("application/json").body(event.toString()).post();
        response.then().statusCode(200);
        List<String> failed = new ArrayList<>();
        try {
            JSON.readTree(response.asString()).path("batchItemFailures").forEach(f -> failed.add(f.get("itemIdentifier").asText()));
        } catch (Exception e) {
            throw new AssertionError("unreadable handler answer: " + response.asString(), e);
        }
        return failed;
    }

    long depth(QueueAttributeName name) {
        return depth(queueUrl, name);
    }

    long depth(String url, QueueAttributeName name) {
        return Long.parseLong(sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(name)).attributes().get(name));
    }
}
