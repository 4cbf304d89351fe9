package dev.clickupsync.webhook;

import java.time.Instant;

/**
 * One delivery as it reached us: the exact body bytes and the headers that matter.
 *
 * @param body          the raw request body, never re-serialised (the signature covers these bytes)
 * @param contentType   the {@code Content-Type} header, or null
 * @param signature     the {@code X-Signature} header, or null
 * @param declaredLength the {@code Content-Length} header, or -1 when absent
 * @param receivedAt    when ingest received it
 */
public record IncomingWebhook(byte[] body, String contentType, String signature, long declaredLength, Instant receivedAt) {
}
