package dev.clickupsync.command;

import dev.clickupsync.queue.EventEnvelope;
import dev.clickupsync.queue.EventQueue;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link CommandQueue} checks a command's size with: the bytes SQS counts (ElasticMQ cannot show
 * this: it ignores a queue's MaximumMessageSize), and the reserve that lets an accepted command be
 * re-sent and dead-lettered with the attributes execution adds.
 */
class CommandMessageSizeTest {
    private static final int QUEUE_LIMIT = 262_144;

    @Test
    void aMessageIsMeasuredInUtf8BytesOfItsBodyAndOfEachAttributesNameTypeAndValue() {
        EventEnvelope message = new EventEnvelope("{\"comment\":\"€\"}", Map.of("command_id", "é1"));

        // body: 14 ASCII + 3 bytes for €; attribute: "command_id" 10 + "String" 6 + "é1" 3
        assertThat(EventQueue.messageSize(message)).isEqualTo(17 + 10 + 6 + 3);
    }

    @Test
    void aCommandAtTheLimitStillFitsItsQueueWhenDeferredWithItsResultAndThenDeadLettered() {
        Map<String, String> submitted = Map.of(CommandQueue.COMMAND_ID, "c".repeat(128), CommandQueue.COMMAND_TYPE,
                "create_task", EventEnvelope.RECEIVED_AT, "2026-12-05T12:35:02.242123456Z");
        long attributes = EventQueue.messageSize(new EventEnvelope("", submitted));
        String body = "x".repeat((int) (QUEUE_LIMIT - CommandQueue.RESERVED_BYTES - attributes));
        assertThat(EventQueue.messageSize(new EventEnvelope(body, submitted)))
                .isEqualTo(QUEUE_LIMIT - CommandQueue.RESERVED_BYTES);

        Map<String, String> later = new HashMap<>(submitted);
        later.put(EventQueue.DEFERRALS, "2147483647");
        later.put(CommandProcessor.WRITTEN_TASK_ID, "t".repeat(64));
        later.put(EventQueue.FAILURE_REASON, "clickup_workspace_not_authorized_and_more");
        later.put(EventQueue.FAILURE_DETAIL, "failed_at=" + Instant.parse("2026-12-05T12:35:02.242123456Z")
                + "; receives=2147483647");

        assertThat(EventQueue.messageSize(new EventEnvelope(body, later))).isLessThanOrEqualTo(QUEUE_LIMIT);
    }
}
