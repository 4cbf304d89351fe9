package dev.clickupsync.drain.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.TaskSnapshot;
import dev.clickupsync.testkit.clickup.ClickUpErrors;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.clickup.WebhookDelivery;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The drain Lambda end to end: real SQS event JSON in (Quarkus's mock event server plays the Lambda
 * runtime), the fake ClickUp over real HTTP, dynalite for idempotency and the mirror, the
 * {@code batchItemFailures} response out.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackResource.class)
class SqsDrainHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    MirrorStore mirror;
    @Inject
    Metrics metrics;
    @Inject
    dev.clickupsync.mirror.TransitionStore transitions;
    @Inject
    dev.clickupsync.mirror.TimeEntryStore timeEntries;
    @Inject
    dev.clickupsync.idempotency.IdempotencyStore idempotency;
    @Inject
    dev.clickupsync.drain.TaskExpander expander;

    FakeClickUp clickUp;

    @AfterEach
    void clearFaults() {
        clickUp.faults().clear();
    }

    @Test
    void drainsTheSampleSqsBatchIntoTheMirror() throws Exception {
        JsonNode event = JSON.readTree(Files.readString(Path.of("../events/sqs-batch.json")));

        Response response = invoke(event);

        assertThat(failures(response)).isEmpty();
        TaskSnapshot loginBug = mirror.find(DemoWorkspace.TASK_LOGIN_BUG).orElseThrow();
        assertMatchesClickUp(loginBug, clickUp.workspace().taskJson(DemoWorkspace.TASK_LOGIN_BUG));
        assertThat(mirror.find(DemoWorkspace.TASK_SHIP_V1).orElseThrow().deleted()).isTrue();
    }

    @Test
    void changeInClickUpEndsUpInTheMirror() {
        String taskId = newTask("Mirror me");
        List<WebhookDelivery> deliveries = clickUp.workspace().updateTask(taskId,
                c -> c.status("review").priority(2).addAssignee(DemoWorkspace.ALAN).addTag("backend"));

        Response response = invoke(SqsEvents.of(deliveries));

        assertThat(failures(response)).isEmpty();
        TaskSnapshot snapshot = mirror.find(taskId).orElseThrow();
        assertMatchesClickUp(snapshot, clickUp.workspace().taskJson(taskId));
        assertThat(snapshot.status()).isEqualTo("review");
        assertThat(snapshot.assignees()).extracting(TaskSnapshot.Person::id).contains(DemoWorkspace.ALAN);
        assertThat(snapshot.tags()).contains("backend");
    }

    @Test
    void redeliveredEventIsAcknowledgedButNotReapplied() {
        String taskId = newTask("Deliver me twice");
        List<WebhookDelivery> deliveries = clickUp.workspace().updateTask(taskId, c -> c.name("Renamed once"));
        long duplicatesBefore = metrics.count("DrainOutcome", "Outcome", "duplicate");
        invoke(SqsEvents.of(deliveries));
        int fetchesAfterFirst = clickUp.count("GET", "/api/v2/task/" + taskId);

        Response again = invoke(SqsEvents.of(deliveries));

        assertThat(failures(again)).isEmpty();
        assertThat(clickUp.count("GET", "/api/v2/task/" + taskId)).isEqualTo(fetchesAfterFirst);
        assertThat(metrics.count("DrainOutcome", "Outcome", "duplicate")).isEqualTo(duplicatesBefore + deliveries.size());
    }

    @Test
    void sameEventDeliveredThreeTimesIsAppliedOnceWithOneTransition() {
        String taskId = newTask("Thrice");
        List<WebhookDelivery> deliveries = clickUp.workspace().updateTask(taskId, c -> c.status("review"));
        int fetches = clickUp.count("GET", "/api/v2/task/" + taskId + "$");

        for (int i = 0; i < 3; i++) {
            assertThat(failures(invoke(SqsEvents.of(deliveries)))).isEmpty();
        }

        assertThat(clickUp.count("GET", "/api/v2/task/" + taskId + "$") - fetches).isLessThanOrEqualTo(1);
        assertThat(transitions.forTask(taskId)).filteredOn(t -> "review".equals(t.toStatus())).hasSize(1);
        assertThat(mirror.find(taskId).orElseThrow().status()).isEqualTo("review");
    }

    @Test
    void attemptThatCrashedAfterWritingDuplicatesNoTransitionOnRedelivery() throws Exception {
        String taskId = newTask("Crash mid-batch");
        List<WebhookDelivery> deliveries = new ArrayList<>(clickUp.workspace().updateTask(taskId, c -> c.status("in progress")));
        deliveries.addAll(clickUp.workspace().updateTask(taskId, c -> c.status("review")));
        // The crashed attempt: it claimed the keys with a short lock, wrote transitions and mirror, then died.
        for (WebhookDelivery d : deliveries) {
            var payload = dev.clickupsync.json.Json.MAPPER.readValue(d.body(), dev.clickupsync.event.WebhookPayload.class);
            idempotency.begin(dev.clickupsync.idempotency.IdempotencyKey.of(payload.webhookId(), payload.historyItemIds(), d.body()),
                    java.time.Duration.ofMillis(1));
            expander.apply(taskId, List.of(new dev.clickupsync.drain.TaskExpander.Event(payload, Instant.now())),
                    dev.clickupsync.drain.ExpansionPolicy.ALWAYS);
        }
        Thread.sleep(5); // the crashed attempt's locks lapse

        assertThat(failures(invoke(SqsEvents.of(deliveries)))).isEmpty();

        assertThat(transitions.forTask(taskId)).extracting(t -> t.toStatus()).containsExactly("in progress", "review");
        assertThat(mirror.find(taskId).orElseThrow().status()).isEqualTo("review");
    }

    @Test
    void trackedTimeLandsInTheMirrorAsNormalisedEntries() {
        String taskId = newTask("Track me");
        Instant start = Instant.parse("2026-11-01T09:00:00Z");
        List<WebhookDelivery> deliveries = clickUp.workspace().trackTime(taskId, DemoWorkspace.ADA, start, java.time.Duration.ofMinutes(90));

        assertThat(failures(invoke(SqsEvents.of(deliveries)))).isEmpty();

        assertThat(timeEntries.forTask(taskId)).singleElement().satisfies(entry -> {
            assertThat(entry.durationMs()).isEqualTo(90 * 60_000L);
            assertThat(entry.userId()).isEqualTo(DemoWorkspace.ADA);
            assertThat(entry.start()).isEqualTo(start);
        });
    }

    @Test
    void reportsOnlyTheFailedMessageWhenClickUpFailsAndRetriesItLater() {
        String failing = newTask("ClickUp fails for me");
        String fine = newTask("ClickUp works for me");
        List<WebhookDelivery> failingDelivery = clickUp.workspace().updateTask(failing, c -> c.name("Still pending"));
        List<WebhookDelivery> fineDelivery = clickUp.workspace().updateTask(fine, c -> c.name("Applied"));
        List<WebhookDelivery> batch = new ArrayList<>(failingDelivery);
        batch.addAll(fineDelivery);
        clickUp.faults().failNext(10, 503, ".*/task/" + failing + ".*");
        ObjectNode event = SqsEvents.of(batch);
        String failingMessageId = SqsEvents.messageId(event, 0);

        Response response = invoke(event);

        assertThat(failures(response)).containsExactly(failingMessageId);
        assertThat(mirror.find(fine).orElseThrow().name()).isEqualTo("Applied");
        assertThat(mirror.find(failing)).isEmpty();

        clickUp.faults().clear();
        Response retry = invoke(SqsEvents.of(failingDelivery));
        assertThat(failures(retry)).isEmpty();
        assertThat(mirror.find(failing).orElseThrow().name()).isEqualTo("Still pending");
    }

    @Test
    void countsAuthenticationFailureAndKeepsTheMessage() {
        String taskId = newTask("Token revoked");
        List<WebhookDelivery> deliveries = clickUp.workspace().updateTask(taskId, c -> c.name("Never fetched"));
        clickUp.faults().failNext(5, 401, ".*/task/" + taskId + ".*",
                "{\"err\":\"Token invalid\",\"ECODE\":\"OAUTH_025\"}");
        long before = metrics.count("ClickUpAuthFailure");

        Response response = invoke(SqsEvents.of(deliveries));

        assertThat(failures(response)).hasSize(1);
        assertThat(metrics.count("ClickUpAuthFailure")).isEqualTo(before + 1);
        assertThat(mirror.find(taskId)).isEmpty();
    }

    @Test
    void reorderedDeliveriesConvergeToTheLatestState() {
        String taskId = newTask("Reorder me");
        List<WebhookDelivery> first = clickUp.workspace().updateTask(taskId, c -> c.status("in progress"));
        List<WebhookDelivery> second = clickUp.workspace().updateTask(taskId, c -> c.status("review"));

        invoke(SqsEvents.of(second));
        invoke(SqsEvents.of(first));

        assertThat(mirror.find(taskId).orElseThrow().status()).isEqualTo("review");
    }

    @Test
    void deletionTombstonesTheTaskAndOlderEventsDoNotResurrectIt() {
        String taskId = newTask("Delete me");
        List<WebhookDelivery> update = clickUp.workspace().updateTask(taskId, c -> c.name("Before deletion"));
        invoke(SqsEvents.of(update));
        List<WebhookDelivery> deletion = clickUp.workspace().deleteTask(taskId);

        invoke(SqsEvents.of(deletion));
        assertThat(mirror.find(taskId).orElseThrow().deleted()).isTrue();

        // A late redelivery of the update: ClickUp now answers 404, which must keep the tombstone.
        Response late = invoke(SqsEvents.of(update));
        assertThat(failures(late)).isEmpty();
        assertThat(mirror.find(taskId).orElseThrow().deleted()).isTrue();
    }

    @Test
    void aTaskClickUpAnswers404ForOnceIsLiveAgainWhenItAnswersWithAnUnchangedDateUpdated() throws Exception {
        // Two changes made before the drain sees either: a permission blip makes the first fetch 404,
        // the second fetch finds the task as it was then (date_updated unchanged since the 404).
        String taskId = newTask("Blip");
        List<WebhookDelivery> renamed = clickUp.workspace().updateTask(taskId, c -> c.name("Renamed"));
        List<WebhookDelivery> prioritised = clickUp.workspace().updateTask(taskId, c -> c.priority(2));
        clickUp.faults().failNext(1, 404, "/task/" + taskId + "$",
                ClickUpErrors.body("Task not found, deleted", ClickUpErrors.TASK_NOT_FOUND));
        long healed = metrics.count("MirrorTombstoneHealed", "Source", "drain");
        Thread.sleep(5); // the fake's dates may run a few ms ahead: the webhooks are received after them

        assertThat(failures(invoke(SqsEvents.of(renamed)))).isEmpty();
        assertThat(mirror.find(taskId).orElseThrow().deleted()).as("the 404 was believed").isTrue();

        assertThat(failures(invoke(SqsEvents.of(prioritised)))).isEmpty();

        TaskSnapshot snapshot = mirror.find(taskId).orElseThrow();
        assertMatchesClickUp(snapshot, clickUp.workspace().taskJson(taskId));
        assertThat(snapshot.name()).isEqualTo("Renamed");
        assertThat(metrics.count("MirrorTombstoneHealed", "Source", "drain")).isEqualTo(healed + 1);
    }

    @Test
    void aTaskDeletedEventIsNotUndoneByALateDeliveryOfAnOlderUpdate() throws Exception {
        String taskId = newTask("Deleted for real");
        List<WebhookDelivery> older = clickUp.workspace().updateTask(taskId, c -> c.name("Older change"));
        List<WebhookDelivery> newer = clickUp.workspace().updateTask(taskId, c -> c.priority(2));
        assertThat(failures(invoke(SqsEvents.of(newer)))).isEmpty();
        // ClickUp's own statement. The fake keeps serving the task, as a read that lags the deletion
        // would: only the ordering rules keep it deleted, not a 404.
        assertThat(failures(invoke(taskDeleted(taskId)))).isEmpty();
        assertThat(mirror.find(taskId).orElseThrow().deleted()).isTrue();
        int fetches = clickUp.count("GET", "/api/v2/task/" + taskId + "$");

        // The older change arrives late: through the handler, and as an instance that always fetches.
        assertThat(failures(invoke(SqsEvents.of(older)))).isEmpty();
        for (WebhookDelivery d : older) {
            var payload = dev.clickupsync.json.Json.MAPPER.readValue(d.body(), dev.clickupsync.event.WebhookPayload.class);
            expander.apply(taskId, List.of(new dev.clickupsync.drain.TaskExpander.Event(payload, Instant.now())),
                    dev.clickupsync.drain.ExpansionPolicy.ALWAYS);
        }

        assertThat(clickUp.count("GET", "/api/v2/task/" + taskId + "$")).as("ClickUp was asked and answered the task")
                .isGreaterThan(fetches);
        assertThat(mirror.find(taskId).orElseThrow().deleted()).as("a fetch after ClickUp's deletion does not undo it")
                .isTrue();
    }

    @Test
    void unreadableBodyIsReportedAsFailed() {
        ObjectNode event = SqsEvents.of(List.of());
        ObjectNode record = ((ArrayNode) event.get("Records")).addObject();
        record.put("messageId", "poison-1");
        record.put("body", "not json at all");
        record.putObject("attributes").put("ApproximateReceiveCount", "1");
        record.putObject("messageAttributes");
        record.put("eventSource", "aws:sqs");

        assertThat(failures(invoke(event))).containsExactly("poison-1");
    }

    // --- helpers ----------------------------------------------------------------------------------

    private String newTask(String name) {
        List<WebhookDelivery> created = clickUp.workspace().createTask(DemoWorkspace.LIST_ID, name);
        return created.get(0).taskId();
    }

    /** A {@code taskDeleted} delivery as ClickUp sends it (no history items), without deleting the task in the fake. */
    private static ObjectNode taskDeleted(String taskId) {
        ObjectNode event = SqsEvents.of(List.of());
        ObjectNode record = ((ArrayNode) event.get("Records")).addObject();
        record.put("messageId", java.util.UUID.randomUUID().toString());
        record.put("body", "{\"event\":\"taskDeleted\",\"task_id\":\"" + taskId + "\",\"webhook_id\":\""
                + DemoWorkspace.WEBHOOK_ID + "\"}");
        record.putObject("attributes").put("ApproximateReceiveCount", "1");
        ObjectNode attributes = record.putObject("messageAttributes");
        attributes.putObject("event").put("stringValue", "taskDeleted").put("dataType", "String");
        attributes.putObject("received_at").put("stringValue", Instant.now().toString()).put("dataType", "String");
        record.put("eventSource", "aws:sqs");
        return event;
    }

    private static Response invoke(JsonNode sqsEvent) {
        Response response = given().contentType("application/json").accept("application/json")
                .body(sqsEvent.toString()).post();
        response.then().statusCode(200);
        return response;
    }

    private static List<String> failures(Response response) {
        List<String> ids = new ArrayList<>();
        JsonNode failures;
        try {
            failures = JSON.readTree(response.asString()).path("batchItemFailures");
        } catch (Exception e) {
            throw new AssertionError("not a batch response: " + response.asString(), e);
        }
        failures.forEach(f -> ids.add(f.path("itemIdentifier").asText()));
        return ids;
    }

    /** The mirror keeps a reduction of GET /task: every kept field must equal ClickUp's. */
    static void assertMatchesClickUp(TaskSnapshot snapshot, JsonNode task) {
        assertThat(snapshot.id()).isEqualTo(task.get("id").asText());
        assertThat(snapshot.name()).isEqualTo(task.get("name").asText());
        assertThat(snapshot.status()).isEqualTo(task.at("/status/status").asText());
        assertThat(snapshot.statusType()).isEqualTo(task.at("/status/type").asText());
        assertThat(snapshot.dateUpdated().toEpochMilli()).isEqualTo(Long.parseLong(task.get("date_updated").asText()));
        assertThat(snapshot.listId()).isEqualTo(task.at("/list/id").asText());
        assertThat(snapshot.spaceId()).isEqualTo(task.at("/space/id").asText());
        List<Long> assignees = new ArrayList<>();
        task.get("assignees").forEach(a -> assignees.add(a.get("id").asLong()));
        assertThat(snapshot.assignees()).extracting(TaskSnapshot.Person::id).containsExactlyElementsOf(assignees);
        List<String> tags = new ArrayList<>();
        task.get("tags").forEach(t -> tags.add(t.get("name").asText()));
        assertThat(snapshot.tags()).containsExactlyElementsOf(tags);
        JsonNode priority = task.get("priority");
        assertThat(snapshot.priority()).isEqualTo(priority == null || priority.isNull() ? null : priority.get("priority").asText());
        assertThat(snapshot.customFields()).hasSize(task.get("custom_fields").size());
        assertThat(snapshot.deleted()).isFalse();
    }
}
