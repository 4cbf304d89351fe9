package dev.clickupsync.queue;

import dev.clickupsync.crypto.Sha256;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.time.Instant;

/**
 * A webhook body on its way through SQS, with the attributes the drain (and operators reading the
 * queue or the DLQ) need without parsing the body.
 *
 * <p>The body travels verbatim. SQS only carries a subset of Unicode in message bodies; a valid
 * JSON document can still contain characters outside it (e.g. U+FFFE), so such a body is sent
 * base64-encoded with {@code body_encoding=base64} rather than being altered or refused.
 */
public record EventEnvelope(String body, Map<String, String> attributes) {
    public static final String EVENT = "event";
    public static final String WEBHOOK_ID = "webhook_id";
    public static final String ENTITY_TYPE = "entity_type";
    public static final String ENTITY_ID = "entity_id";
    public static final String RECEIVED_AT = "received_at";
    public static final String BODY_SHA256 = "body_sha256";
    public static final String BODY_ENCODING = "body_encoding";
    public static final String BASE64 = "base64";
    /** The workspace (by name, {@code workspace/Workspaces}) whose secret verified the body; absent with one workspace. */
    public static final String WORKSPACE = "workspace";

    public EventEnvelope {
        attributes = Map.copyOf(attributes);
    }

    /** Wraps the exact bytes ingest received. */
    public static EventEnvelope of(byte[] rawBody, String event, String webhookId, String entityType, String entityId,
                                   Instant receivedAt) {
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put(EVENT, sqsSafeText(event));
        putIfPresent(attrs, WEBHOOK_ID, webhookId);
        putIfPresent(attrs, ENTITY_TYPE, entityType);
        putIfPresent(attrs, ENTITY_ID, entityId);
        attrs.put(RECEIVED_AT, receivedAt.toString());
        attrs.put(BODY_SHA256, Sha256.hex(rawBody)); // of the raw bytes
        String text = strictUtf8(rawBody);
        if (text == null || !sqsSafe(text)) {
            attrs.put(BODY_ENCODING, BASE64);
            text = Base64.getEncoder().encodeToString(rawBody);
        }
        return new EventEnvelope(text, attrs);
    }

    /** This envelope with the {@link #WORKSPACE} attribute (unchanged for null). */
    public EventEnvelope withWorkspace(String workspace) {
        if (workspace == null) {
            return this;
        }
        Map<String, String> attrs = new LinkedHashMap<>(attributes);
        attrs.put(WORKSPACE, workspace);
        return new EventEnvelope(body, attrs);
    }

    /**
     * The bytes as text, or null when they are not well-formed UTF-8: one strict decode (instead of
     * a lenient decode, re-encode and compare) is what makes the text round-trip to the same bytes.
     */
    private static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            return null;
        }
    }

    /** The original body bytes, whichever way they travelled. */
    public static byte[] decodeBody(String body, Map<String, String> attributes) {
        return BASE64.equals(attributes.get(BODY_ENCODING))
                ? Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether SQS accepts the text: #x9 | #xA | #xD | #x20-#xD7FF | #xE000-#xFFFD | #x10000-#x10FFFF. */
    public static boolean sqsSafe(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            boolean ok = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                    || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
            if (!ok) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    private static void putIfPresent(Map<String, String> attrs, String key, String value) {
        if (value != null && !value.isEmpty()) {
            attrs.put(key, sqsSafeText(value));
        }
    }

    /**
     * Attributes are a convenience (the body is the truth), so a value SQS cannot carry has its
     * offending characters replaced rather than failing the send, which would make ingest answer
     * 503 to a valid event until ClickUp dropped it.
     */
    static String sqsSafeText(String value) {
        if (sqsSafe(value)) {
            return value;
        }
        StringBuilder safe = new StringBuilder(value.length());
        value.codePoints().forEach(cp -> safe.appendCodePoint(sqsSafe(new String(Character.toChars(cp))) ? cp : 0xFFFD));
        return safe.toString();
    }
}
