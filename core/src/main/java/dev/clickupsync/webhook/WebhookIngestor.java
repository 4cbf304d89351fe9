package dev.clickupsync.webhook;

import dev.clickupsync.http.Problem;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.metrics.StructuredLog;
import dev.clickupsync.queue.EventEnvelope;
import dev.clickupsync.queue.EventQueue;
import dev.clickupsync.workspace.Workspace;
import dev.clickupsync.workspace.Workspaces;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The ingest path for one ClickUp delivery: bound, authenticate, parse, validate, filter, enqueue.
 *
 * <p>The order is deliberate: cheap checks that need no secret first (size, content type), then the
 * signature over the raw bytes before any parsing, so unauthenticated input is never parsed. Every
 * refusal is one metric ({@code WebhookRejected}, dimension {@code Reason}) and one log line.
 *
 * <p>Answers are chosen for ClickUp's delivery rules: it retries a non-2xx up to 5 times and then
 * drops the event, and suspends the webhook after 100 failures or a single {@code 410}. So only a
 * delivery that can never succeed is refused (bad signature, malformed or invalid payload); an event
 * we merely do not want is acknowledged; a queue outage is {@code 503} so ClickUp retries; and
 * {@code 410} is never sent. No ClickUp call happens on this path.
 */
public final class WebhookIngestor {
    private static final Logger LOG = Logger.getLogger(WebhookIngestor.class);
    static final String METRIC_REJECTED = "WebhookRejected";
    static final String METRIC_IGNORED = "WebhookIgnored";
    static final String METRIC_QUEUED = "WebhookQueued";
    static final String METRIC_QUEUE_FAILED = "WebhookQueueUnavailable";
    private static final String[] ENTITY_FIELDS = {"task_id", "list_id", "folder_id", "space_id", "goal_id"};

    private final SignatureVerifier verifier;
    private final PayloadValidator validator;
    private final EventFilter filter;
    private final EventQueue queue;
    private final Metrics metrics;
    private final int maxBodyBytes;
    /** Null or one workspace: no {@code workspace} attribute, as before the registry. */
    private final Workspaces workspaces;
    private final ObjectMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    public WebhookIngestor(SignatureVerifier verifier, PayloadValidator validator, EventFilter filter,
                           EventQueue queue, Metrics metrics, int maxBodyBytes) {
        this(verifier, validator, filter, queue, metrics, maxBodyBytes, null);
    }

    /** With the workspaces whose secrets {@code verifier} holds by workspace name. */
    public WebhookIngestor(SignatureVerifier verifier, PayloadValidator validator, EventFilter filter,
                           EventQueue queue, Metrics metrics, int maxBodyBytes, Workspaces workspaces) {
        this.workspaces = workspaces;
        this.verifier = verifier;
        this.validator = validator;
        this.filter = filter;
        this.queue = queue;
        this.metrics = metrics;
        this.maxBodyBytes = maxBodyBytes;
    }

    public IngestOutcome ingest(IncomingWebhook request) {
        if (request.declaredLength() > maxBodyBytes || request.body().length > maxBodyBytes) {
            return reject(413, "body-too-large", "Payload too large",
                    "The body exceeds " + maxBodyBytes + " bytes.", request);
        }
        if (!isJson(request.contentType())) {
            return reject(415, "unsupported-media-type", "Unsupported media type",
                    "Send the webhook body as application/json.", request);
        }
        if (request.signature() == null || request.signature().isBlank()) {
            return reject(401, "missing-signature", "Signature required",
                    "The X-Signature header is missing.", request);
        }
        Set<String> signers = verifier.signers(request.body(), request.signature());
        if (signers.isEmpty()) {
            return reject(401, "invalid-signature", "Invalid signature",
                    "X-Signature is not the HMAC-SHA256 of the body under the webhook's secret.", request);
        }
        JsonNode payload;
        try {
            payload = json.readTree(request.body());
        } catch (JsonParseException e) {
            return reject(400, "malformed-json", "Malformed JSON",
                    "The body is not a single well-formed JSON document: " + e.getOriginalMessage(), request);
        } catch (IOException e) {
            return reject(400, "malformed-json", "Malformed JSON", "The body is not a single JSON document.", request);
        }
        if (payload == null || !payload.isObject()) {
            return reject(400, "schema-violation", "Invalid payload", "The body must be a JSON object.", request);
        }
        Optional<String> workspace = workspaceOf(signers, payload.path("webhook_id").asText(null));
        if (workspace == null) {
            // Signed, but not by the workspace whose webhook the body names: the same 401 a forgery gets.
            return reject(401, "invalid-signature", "Invalid signature",
                    "X-Signature is not the HMAC-SHA256 of the body under the webhook's secret.", request,
                    "wrong_workspace_secret");
        }
        JsonNode eventNode = payload.path("event");
        if (eventNode.isTextual() && !validator.knownEvents().contains(eventNode.asText())) {
            metrics.increment(METRIC_IGNORED, "Reason", "unknown_event");
            LOG.infof("webhook ignored reason=unknown_event event=%s", printable(eventNode.asText()));
            return new IngestOutcome.Ignored("unknown_event");
        }
        List<String> violations;
        try {
            violations = validator.violations(payload);
        } catch (RuntimeException e) {
            // The schema library can fail on input it cannot evaluate (IngestFuzzTest found a number
            // beyond double range in an enum position). ClickUp never sends such a payload: refuse it
            // as invalid rather than let the exception escape as a 500.
            return reject(400, "unvalidatable-payload", "Invalid payload",
                    "The payload could not be evaluated against ClickUp's webhook schema (" + e.getClass().getSimpleName() + ").", request);
        }
        if (!violations.isEmpty()) {
            return reject(400, "schema-violation", "Invalid payload",
                    "The payload does not match ClickUp's webhook schema: " + String.join("; ", violations), request);
        }
        String event = eventNode.asText();
        String dropped = filter.rejectReason(event, payload);
        if (dropped != null) {
            metrics.increment(METRIC_IGNORED, "Reason", dropped);
            LOG.debugf("webhook ignored reason=%s event=%s", dropped, event);
            return new IngestOutcome.Ignored(dropped);
        }
        return enqueue(request, payload, event, workspace.orElse(null));
    }

    /**
     * The workspace a verified delivery is queued for: the one whose webhook the body names (configured
     * {@code webhook-id}, else the webhook registry's record), when its secret signed it (null: it did not,
     * refuse); else the first workspace (in the registry's order) whose secret signed it. Empty with one
     * workspace: no attribute, as before. A webhook id neither knows makes the registry be read again
     * (at most every second), so a webhook the lifecycle just created is held to its workspace at once.
     */
    private Optional<String> workspaceOf(Set<String> signers, String webhookId) {
        if (workspaces == null || workspaces.single()) {
            return Optional.empty();
        }
        Optional<String> owner = ownerOf(webhookId);
        if (owner.isEmpty() && webhookId != null && verifier.reloadSource()) {
            owner = ownerOf(webhookId);
        }
        if (owner.isPresent()) {
            return signers.contains(owner.get()) ? owner : null;
        }
        return workspaces.names().stream().filter(signers::contains).findFirst();
    }

    private Optional<String> ownerOf(String webhookId) {
        return workspaces.byWebhookId(webhookId).map(Workspace::name).or(() -> verifier.webhookOwner(webhookId));
    }

    private IngestOutcome enqueue(IncomingWebhook request, JsonNode payload, String event, String workspace) {
        String entityType = null;
        String entityId = null;
        for (String field : ENTITY_FIELDS) {
            JsonNode id = payload.path(field);
            if (id.isTextual()) {
                entityType = field.substring(0, field.indexOf('_'));
                entityId = id.asText();
                break;
            }
        }
        EventEnvelope envelope = EventEnvelope.of(request.body(), event, payload.path("webhook_id").asText(null),
                entityType, entityId, request.receivedAt()).withWorkspace(workspace);
        try {
            String messageId = queue.send(envelope);
            metrics.increment(METRIC_QUEUED);
            return new IngestOutcome.Queued(messageId);
        } catch (SdkException e) {
            metrics.increment(METRIC_QUEUE_FAILED);
            LOG.errorf("webhook not queued reason=queue_unavailable event=%s error=%s", event, e.getClass().getSimpleName());
            return new IngestOutcome.Rejected(503, new Problem("queue-unavailable", "Queue unavailable", 503,
                    "The event could not be queued; it was not accepted. Retry later."));
        }
    }

    private IngestOutcome reject(int status, String slug, String title, String detail, IncomingWebhook request) {
        return reject(status, slug, title, detail, request, slug.replace('-', '_'));
    }

    private IngestOutcome reject(int status, String slug, String title, String detail, IncomingWebhook request,
                                 String reason) {
        metrics.increment(METRIC_REJECTED, "Reason", reason);
        StructuredLog.log(LOG, Logger.Level.WARN, "webhook rejected", "reason", reason, "status", status,
                "bytes", request.body().length);
        return new IngestOutcome.Rejected(status, new Problem(slug, title, status, detail));
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
    }

    /** Event names come from the payload: keep log lines single-line and short. */
    private static String printable(String value) {
        String cleaned = value.replaceAll("[^A-Za-z0-9_.-]", "?");
        return cleaned.length() > 64 ? cleaned.substring(0, 64) + "..." : cleaned;
    }
}
