package dev.clickupsync.idempotency;

import dev.clickupsync.crypto.Sha256;

import java.util.List;
import java.util.TreeSet;

/**
 * The identity of one ClickUp event across redeliveries.
 *
 * <p>ClickUp gives each change a {@code history_items[].id}; a retried delivery carries the same
 * ids, so {@code webhook_id} plus the sorted ids names the event. Events without history items
 * (taskDeleted, list/folder/space events) carry no id: their exact body's SHA-256 is the key, which
 * ClickUp's byte-identical retries share. Keys are hashed to a fixed length.
 *
 * <p>Where a body does not tell one change from the next (a list renamed twice sends two identical
 * {@code listUpdated} bodies), {@link #perDelivery} keys it per delivery instead: an SQS redelivery
 * keeps its key, a new ClickUp delivery gets a new one, so a retry from ClickUp is applied again,
 * which only a caller whose apply is idempotent (a fetch of the present) may choose.
 */
public final class IdempotencyKey {
    private IdempotencyKey() {
    }

    public static String of(String webhookId, List<String> historyItemIds, byte[] body) {
        if (historyItemIds == null || historyItemIds.isEmpty()) {
            return "body:" + Sha256.hex(body);
        }
        // Length-prefixed, so no id's content can imitate a separator ("1,2" vs "1","2").
        StringBuilder joined = new StringBuilder(webhookId == null ? "" : webhookId).append('|');
        for (String id : new TreeSet<>(historyItemIds)) {
            joined.append(id.length()).append(':').append(id);
        }
        return "hist:" + Sha256.hex(joined.toString());
    }

    /**
     * {@code key} made specific to one delivery, named by when ingest received it (the queued
     * message's {@code received_at}, which SQS redeliveries keep); {@code key} itself when unknown.
     */
    public static String perDelivery(String key, String receivedAt) {
        return receivedAt == null || receivedAt.isBlank() ? key : "dlv:" + Sha256.hex(key + "@" + receivedAt);
    }
}
