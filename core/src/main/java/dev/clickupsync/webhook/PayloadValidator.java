package dev.clickupsync.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Validates a webhook payload against ClickUp's published JSON Schema (draft 2020-12), bundled as
 * {@code clickup/webhook-payload.schema.json}. The schema is parsed once per process; validating a
 * parsed tree is then allocation-light and thread-safe.
 *
 * <p>The schema's {@code event} enum is also the list of events this version knows: an event name
 * outside it is one ClickUp added later, which ingest acknowledges and drops instead of rejecting.
 */
public final class PayloadValidator {
    static final String SCHEMA_RESOURCE = "/clickup/webhook-payload.schema.json";
    private static final int MAX_REPORTED_ERRORS = 5;

    private final JsonSchema schema;
    private final Set<String> knownEvents;

    public PayloadValidator() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().build();
        try (InputStream in = PayloadValidator.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("schema resource missing: " + SCHEMA_RESOURCE);
            }
            this.schema = factory.getSchema(in, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> events = new LinkedHashSet<>();
        schema.getSchemaNode().path("properties").path("event").path("enum").forEach(n -> events.add(n.asText()));
        this.knownEvents = Set.copyOf(events);
    }

    /** Event names the bundled schema lists. */
    public Set<String> knownEvents() {
        return knownEvents;
    }

    /** Violations in document order, at most five, as "path: message"; empty when valid. */
    public List<String> violations(JsonNode payload) {
        Set<ValidationMessage> messages = schema.validate(payload);
        return messages.stream().limit(MAX_REPORTED_ERRORS).map(ValidationMessage::getMessage).toList();
    }
}
