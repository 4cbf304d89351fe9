package dev.clickupsync.testkit.clickup;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One webhook call as ClickUp would make it: the exact body bytes (compact UTF-8 JSON), and
 * {@code X-Signature}, the lowercase hex HMAC-SHA256 of those bytes keyed with the webhook secret.
 * Immutable. The HMAC is computed here on purpose and shares no code with the system under test,
 * because this fake is the oracle the system is checked against.
 */
public final class WebhookDelivery {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final String webhookId;
    private final String event;
    private final String taskId;
    private final byte[] body;
    private final String signature;

    private WebhookDelivery(String webhookId, String event, String taskId, byte[] body, String signature) {
        this.webhookId = webhookId;
        this.event = event;
        this.taskId = taskId;
        this.body = body;
        this.signature = signature;
    }

    /** Builds the payload {event, history_items, task_id, webhook_id}; no history_items when null. */
    static WebhookDelivery of(FakeWebhook webhook, String event, String taskId, List<ObjectNode> historyItems) {
        return of(webhook, event, taskId, historyItems, null);
    }

    /**
     * Builds the payload {event, history_items, task_id, data, webhook_id}, in the order of ClickUp's
     * taskTimeTrackedUpdated example; no history_items when null, no data when null.
     */
    static WebhookDelivery of(FakeWebhook webhook, String event, String taskId, List<ObjectNode> historyItems, ObjectNode data) {
        ObjectNode payload = ClickUpJson.object();
        payload.put("event", event);
        if (historyItems != null) {
            ArrayNode items = payload.putArray("history_items");
            historyItems.forEach(item -> items.add(item.deepCopy()));
        }
        payload.put("task_id", taskId);
        if (data != null) {
            payload.set("data", data.deepCopy());
        }
        payload.put("webhook_id", webhook.id());
        byte[] body = ClickUpJson.bytes(payload);
        return new WebhookDelivery(webhook.id(), event, taskId, body, hmacSha256Hex(webhook.secret(), body));
    }

    /**
     * Builds the payload of a list, folder or space event, {event, <kind>_id, webhook_id}, as ClickUp's
     * listCreated/folderDeleted/spaceUpdated examples: no history items, no task.
     */
    static WebhookDelivery ofObject(FakeWebhook webhook, String event, String idField, String id) {
        return ofObject(webhook, event, idField, id, null, null);
    }

    /**
     * As {@link #ofObject(FakeWebhook, String, String, String)} with a second id after the first when
     * {@code secondField} is not null: {event, goal_id, key_result_id, webhook_id}, as ClickUp's
     * keyResultUpdated example.
     */
    static WebhookDelivery ofObject(FakeWebhook webhook, String event, String idField, String id, String secondField,
                                    String secondId) {
        ObjectNode payload = ClickUpJson.object();
        payload.put("event", event);
        payload.put(idField, id);
        if (secondField != null) {
            payload.put(secondField, secondId);
        }
        payload.put("webhook_id", webhook.id());
        byte[] body = ClickUpJson.bytes(payload);
        return new WebhookDelivery(webhook.id(), event, null, body, hmacSha256Hex(webhook.secret(), body));
    }

    public String event() {
        return event;
    }

    public String taskId() {
        return taskId;
    }

    public String webhookId() {
        return webhookId;
    }

    /** The exact bytes to send (a copy). */
    public byte[] body() {
        return body.clone();
    }

    public String bodyString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body parsed, for assertions. */
    public ObjectNode json() {
        try {
            return (ObjectNode) ClickUpJson.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lowercase hex HMAC-SHA256 of {@link #body()}, keyed with the webhook secret. */
    public String signature() {
        return signature;
    }

    /** The headers ClickUp sends with the body. */
    public Map<String, String> headers() {
        return Map.of("Content-Type", "application/json", "X-Signature", signature);
    }

    /**
     * POSTs this delivery to {@code endpoint} over real HTTP and returns the response status.
     * ClickUp counts a reply slower than 7 s as a failure; this waits up to 10 s, then throws
     * (an {@link UncheckedIOException} for timeouts and connection failures).
     */
    public int postTo(URI endpoint) {
        return postTo(endpoint, Duration.ofSeconds(10));
    }

    /** As {@link #postTo(URI)}, giving up after {@code timeout} (ClickUp's own limit is 7 s). */
    public int postTo(URI endpoint, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers().forEach(request::header);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException("delivering " + event + " to " + endpoint + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while delivering " + event, e);
        }
    }

    @Override
    public String toString() {
        return "WebhookDelivery[" + event + " task " + taskId + " webhook " + webhookId + "]";
    }

    private static String hmacSha256Hex(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
