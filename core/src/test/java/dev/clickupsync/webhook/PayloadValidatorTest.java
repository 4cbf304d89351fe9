package dev.clickupsync.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.support.Fixtures;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PayloadValidatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** One validator for the class, as in production: parsed once, shared. */
    private static final PayloadValidator VALIDATOR = new PayloadValidator();

    static Stream<String> examplePayloads() {
        List<String> names = Fixtures.webhookPayloadNames();
        assertThat(names).hasSize(29);
        return names.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examplePayloads")
    void everyDocumentedExampleValidates(String fileName) {
        ObjectNode payload = Fixtures.webhookPayload(fileName);

        assertThat(VALIDATOR.violations(payload)).isEmpty();
        assertThat(VALIDATOR.knownEvents()).contains(payload.get("event").asText());
    }

    @Test
    void knownEventsAreExactlyTheSchemaEnum() throws Exception {
        JsonNode schema;
        try (InputStream in = PayloadValidator.class.getResourceAsStream(PayloadValidator.SCHEMA_RESOURCE)) {
            schema = JSON.readTree(in);
        }
        List<String> enumerated = new ArrayList<>();
        schema.path("properties").path("event").path("enum").forEach(n -> enumerated.add(n.asText()));

        assertThat(enumerated).hasSize(28);
        assertThat(VALIDATOR.knownEvents()).hasSize(28).containsExactlyInAnyOrderElementsOf(enumerated)
                .contains("taskCreated", "taskDeleted", "taskMoved", "keyResultDeleted")
                .doesNotContain("taskUpdated_custom_field", "taskArchived");
    }

    @Test
    void everyKnownEventHasAnExample() {
        List<String> exampleEvents = Fixtures.webhookPayloadNames().stream()
                .map(n -> Fixtures.webhookPayload(n).get("event").asText()).distinct().toList();

        assertThat(exampleEvents).containsExactlyInAnyOrderElementsOf(VALIDATOR.knownEvents());
    }

    @Test
    void missingWebhookIdIsAViolation() {
        ObjectNode payload = Fixtures.webhookPayload("taskStatusUpdated.json");
        payload.remove("webhook_id");

        assertThat(VALIDATOR.violations(payload)).singleElement().asString().contains("webhook_id");
    }

    @Test
    void missingEventIsAViolation() {
        ObjectNode payload = Fixtures.webhookPayload("taskDeleted.json");
        payload.remove("event");

        assertThat(VALIDATOR.violations(payload)).singleElement().asString().contains("event");
    }

    @Test
    void eventOutsideTheEnumIsAViolation() {
        ObjectNode payload = Fixtures.webhookPayload("taskDeleted.json");
        payload.put("event", "taskArchived");

        assertThat(VALIDATOR.violations(payload)).singleElement().asString().contains("event");
    }

    @Test
    void historyItemWithoutUserIsAViolation() {
        ObjectNode payload = Fixtures.webhookPayload("taskStatusUpdated.json");
        ((ObjectNode) payload.get("history_items").get(0)).remove("user");

        assertThat(VALIDATOR.violations(payload)).singleElement().asString()
                .contains("/history_items/0").contains("user");
    }

    @Test
    void historyItemUserWithoutIdIsAViolation() {
        ObjectNode payload = Fixtures.webhookPayload("taskStatusUpdated.json");
        ((ObjectNode) payload.get("history_items").get(0).get("user")).remove("id");

        assertThat(VALIDATOR.violations(payload)).singleElement().asString().contains("user").contains("id");
    }

    @Test
    void historyItemDateMustBeDigits() {
        ObjectNode payload = Fixtures.webhookPayload("taskStatusUpdated.json");
        ObjectNode item = (ObjectNode) payload.get("history_items").get(0);

        item.put("date", "2022-01-21T03:34:33Z");
        assertThat(VALIDATOR.violations(payload)).singleElement().asString().contains("date");

        item.put("date", "");
        assertThat(VALIDATOR.violations(payload)).singleElement().asString().contains("date");

        item.put("date", 1642736073330L);
        assertThat(VALIDATOR.violations(payload)).singleElement().asString().contains("date");

        item.put("date", "1642736073330");
        assertThat(VALIDATOR.violations(payload)).isEmpty();
    }

    @Test
    void wrongTypesAreViolations() {
        ObjectNode numericTaskId = Fixtures.webhookPayload("taskDeleted.json");
        numericTaskId.put("task_id", 12345);
        assertThat(VALIDATOR.violations(numericTaskId)).singleElement().asString().contains("task_id");

        ObjectNode historyNotArray = Fixtures.webhookPayload("taskStatusUpdated.json");
        historyNotArray.put("history_items", "none");
        assertThat(VALIDATOR.violations(historyNotArray)).singleElement().asString().contains("history_items");

        ObjectNode typeAsString = Fixtures.webhookPayload("taskStatusUpdated.json");
        ((ObjectNode) typeAsString.get("history_items").get(0)).put("type", "1");
        assertThat(VALIDATOR.violations(typeAsString)).singleElement().asString().contains("type");

        ObjectNode webhookIdNull = Fixtures.webhookPayload("taskDeleted.json");
        webhookIdNull.putNull("webhook_id");
        assertThat(VALIDATOR.violations(webhookIdNull)).singleElement().asString().contains("webhook_id");
    }

    @Test
    void nonObjectDocumentsAreViolations() {
        assertThat(VALIDATOR.violations(JSON.createArrayNode())).isNotEmpty();
        assertThat(VALIDATOR.violations(JSON.getNodeFactory().textNode("taskCreated"))).isNotEmpty();
        assertThat(VALIDATOR.violations(JSON.createObjectNode())).hasSize(2);
    }

    @Test
    void violationsAreCappedAtFive() {
        ObjectNode payload = Fixtures.webhookPayload("taskStatusUpdated.json");
        payload.remove("webhook_id");
        payload.remove("event");
        ArrayNode items = (ArrayNode) payload.get("history_items");
        for (int i = 0; i < 6; i++) {
            ObjectNode bad = items.addObject();
            bad.put("id", 1);
            bad.put("date", "yesterday");
        }

        assertThat(VALIDATOR.violations(payload)).hasSize(5);
    }

    @Test
    void additionalUnknownFieldsAreAllowed() {
        ObjectNode payload = Fixtures.webhookPayload("taskStatusUpdated.json");
        payload.put("brand_new_field", true);
        ((ObjectNode) payload.get("history_items").get(0)).putObject("extra").put("x", 1);

        assertThat(VALIDATOR.violations(payload)).isEmpty();
    }

    @Test
    void formatsAreAnnotationsNotAssertions() {
        // ClickUp's schema marks email and profilePicture with "format"; in draft 2020-12 that is an
        // annotation. A bot user's empty email must not turn a genuine delivery into a 400.
        ObjectNode payload = Fixtures.webhookPayload("taskStatusUpdated.json");
        ObjectNode user = (ObjectNode) payload.get("history_items").get(0).get("user");
        user.put("email", "");
        user.put("profilePicture", "not a uri");

        assertThat(VALIDATOR.violations(payload)).isEmpty();
    }

    @Test
    void initialsLongerThanThreeCharactersAreAViolation() {
        ObjectNode payload = Fixtures.webhookPayload("taskStatusUpdated.json");
        ((ObjectNode) payload.get("history_items").get(0).get("user")).put("initials", "ABCD");

        assertThat(VALIDATOR.violations(payload)).singleElement().asString().contains("initials");
    }

    @Test
    void sourceMayBeNullOrText() {
        ObjectNode payload = Fixtures.webhookPayload("taskStatusUpdated.json");
        ObjectNode item = (ObjectNode) payload.get("history_items").get(0);

        item.put("source", "api");
        assertThat(VALIDATOR.violations(payload)).isEmpty();
        item.put("source", 1);
        assertThat(VALIDATOR.violations(payload)).singleElement().asString().contains("source");
    }

    @Test
    void isSafeToShareAcrossThreads() throws Exception {
        ObjectNode valid = Fixtures.webhookPayload("taskStatusUpdated.json");
        ObjectNode invalid = valid.deepCopy();
        invalid.remove("webhook_id");
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                try {
                    for (int i = 0; i < 200; i++) {
                        assertThat(VALIDATOR.violations(valid)).isEmpty();
                        assertThat(VALIDATOR.violations(invalid)).hasSize(1);
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(failures).isEmpty();
    }
}
