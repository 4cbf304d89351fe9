package dev.clickupsync.local;

import dev.clickupsync.hierarchy.HierarchyPass;
import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.queue.EventEnvelope;
import dev.clickupsync.reconcile.ScheduledReconcile;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.clickup.WebhookDelivery;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's console ({@code /console/}) in headless Chromium against the real local pipeline:
 * dynalite, ElasticMQ, the fake ClickUp over HTTP, ingest, the local poller and reconcile. A signed
 * webhook's change shows in the mirror browser; an event parked in the DLQ shows with its reason and its
 * Redrive button replays it into the mirror; the commands and backfill views show real outcomes; no token
 * ever reaches the page. Every main view is saved as a PNG in {@code target/console-screenshots/}.
 *
 * <p>Its own profile (so its own stack and fake ClickUp): the hierarchy seeding and the backfill spend
 * ClickUp's 100-a-minute budget, which the other admin tests' application must not share. One Chromium
 * for the class; waits poll the page, never sleep.
 */
@QuarkusTest
@TestProfile(ConsoleBrowserTest.Console.class)
@QuarkusTestResource(EmbeddedStackResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {
    static final String ADMIN_TOKEN = "console-admin-token-" + "5b7e21";
    /** The local run's read token (application.properties). */
    static final String READ_TOKEN = "local-dev-read-token";
    private static final String TEAM = DemoWorkspace.TEAM_ID;

    /** Admin API on with a token; the demo workspace reconciled; no timer run racing the tests; one receive. */
    public static class Console implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sync.admin.enabled", "true", "sync.admin.token", ADMIN_TOKEN,
                    "sync.reconcile.team-ids", TEAM, "sync.local.reconcile-interval", "0",
                    // An event that fails is parked on its first receive, so a poisoned one reaches the DLQ
                    // through the real drain in a second instead of five visibility timeouts.
                    "sync.queue.max-receive-count", "1");
        }
    }

    private static HeadlessChromium browser;
    private static boolean seeded;

    @TestHTTPResource("/console/")
    URI console;
    @TestHTTPResource("/webhooks/clickup")
    URI ingest;

    @Inject
    HierarchyPass hierarchy;
    @Inject
    ScheduledReconcile reconcile;
    @Inject
    SqsClient sqs;
    @Inject
    SyncConfig config;

    FakeClickUp clickUp;

    /**
     * Once: what reconcile's first runs do (the demo hierarchy, no event announced it; a backfill of the
     * workspace), so the browser has a workspace to walk and a finished backfill to show.
     */
    @BeforeEach
    void seedOnceAndConnect() throws Exception {
        if (browser == null) {
            browser = HeadlessChromium.start();
        }
        if (!seeded) {
            hierarchy.run(TEAM, () -> { }, () -> { });
            admin().post("/admin/backfill?team_id=" + TEAM + "&from=2020-01-01T00:00:00Z").then().statusCode(202);
            reconcile.run(Instant.now().plus(Duration.ofMinutes(2)));
            seeded = true;
        }
        browser.open(console.toString());
        browser.find(By.id("admin-token")).sendKeys(ADMIN_TOKEN);
        browser.find(By.id("read-token")).sendKeys(READ_TOKEN);
        browser.find(By.id("connect-button")).click();
        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("connection"), "Connected"));
    }

    @AfterAll
    static void closeBrowser() throws Exception {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    @Test
    @Order(6)
    void statusViewShowsTheLiveDocumentAndRefreshesItself() {
        browser.until(d -> rows("queues-table").size() == 4);
        assertThat(cell("queues-table", "events", 1)).isEqualTo("clickup-sync-local-events");
        assertThat(cell("queues-table", "events", 5)).as("no CloudWatch in the local run, and the console says so")
                .isEqualTo("n/a (cloudwatch_off)");
        assertThat(browser.find(By.id("breaker-state")).getText()).isEqualTo("closed");
        assertThat(browser.find(By.id("breaker-since")).getText()).as("whose breaker: no CloudWatch, so this process's")
                .contains("this process").doesNotContain("unavailable");
        assertThat(browser.find(By.id("failures-since")).getText()).startsWith("Counted by this process since ");
        assertThat(rows("budget-table")).anySatisfy(r -> assertThat(r.getText()).startsWith("token"));
        assertThat(cell("budget-table", "token", 2)).as("slots used in the last minute, counted on the budget item")
                .matches("\\d+");
        assertThat(rows("reconcile-table")).anySatisfy(r -> assertThat(r.getText()).contains("spaces=|lists=|live"));
        // The earlier tests' failed command is among the recent failures, and parked in the commands DLQ.
        assertThat(rowOf("failures-table", "CommandFailed").getText()).contains("unknown_field");
        assertThat(cell("queues-table", "commands_dlq", 2)).isEqualTo("1");
        String first = browser.find(By.id("status-updated")).getText();

        // The page asks again by itself: the "Updated" time moves without anyone touching it.
        browser.until(d -> !d.findElement(By.id("status-updated")).getText().equals(first));
        browser.screenshot("status");
    }

    @Test
    @Order(1)
    void backfillViewShowsTheFinishedRunWithItsCounts() {
        browser.find(By.linkText("Backfill")).click();
        browser.until(d -> !rows("backfill-table").isEmpty());
        WebElement live = rows("backfill-table").stream().filter(r -> r.getText().contains("spaces=|lists=|live"))
                .findFirst().orElseThrow();
        assertThat(live.getAttribute("data-state")).isEqualTo("done");
        List<WebElement> cells = live.findElements(By.cssSelector("th, td"));
        assertThat(Integer.parseInt(cells.get(5).getText())).as("tasks seen").isGreaterThanOrEqualTo(3);
        browser.screenshot("backfill");
    }

    @Test
    @Order(2)
    void aSignedWebhooksChangeShowsInTheMirrorBrowser() throws Exception {
        String task = DemoWorkspace.TASK_LOGIN_BUG;
        String name = "Login fixed on " + Instant.now().getEpochSecond();
        List<WebhookDelivery> deliveries = new java.util.ArrayList<>(clickUp.workspace().updateTask(task,
                c -> c.name(name).status("in progress")));
        deliveries.addAll(clickUp.workspace().trackTime(task, DemoWorkspace.ADA, Instant.now().minusSeconds(5400),
                Duration.ofMinutes(45)));
        deliveries.addAll(clickUp.workspace().postComment(task, DemoWorkspace.ALAN, "Verified on staging"));
        for (WebhookDelivery delivery : deliveries) {
            assertThat(delivery.postTo(ingest)).as("ingest accepts the signed webhook").isEqualTo(200);
        }
        await("the mirror has the renamed task, its time entry and its comment", () ->
                name.equals(read("/task/" + task).jsonPath().getString("name"))
                        && read("/task/" + task + "/comment").jsonPath().getList("comments").size() >= 1
                        && !read("/task/" + task + "/time").jsonPath().getList("data").isEmpty());

        // workspace -> space -> folder -> list -> task, by clicking as an operator would
        browser.find(By.linkText("Mirror")).click();
        click(By.linkText("Workspace " + TEAM));
        click(By.partialLinkText("Engineering"));
        click(By.partialLinkText("Product"));
        click(By.partialLinkText(DemoWorkspace.LIST_NAME));
        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("tasks-table"), name));
        browser.screenshot("mirror-list");
        click(By.linkText(task));

        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("task-name"), name));
        assertThat(browser.find(By.cssSelector("dd[data-field=status]")).getText()).isEqualTo("in progress");
        assertThat(rows("transitions-table")).anySatisfy(r -> assertThat(r.getText()).startsWith("in progress"));
        assertThat(rows("time-table")).anySatisfy(r -> assertThat(r.getText()).contains("Ada Lovelace").contains("45"));
        assertThat(rows("comments-table")).anySatisfy(r -> assertThat(r.getText()).contains("Verified on staging"));
        assertThat(browser.find(By.id("crumbs")).getText()).contains("Workspace " + TEAM).contains("Engineering");
        browser.screenshot("mirror-task");
    }

    @Test
    @Order(3)
    void aParkedEventShowsInTheDlqViewWithItsReasonAndRedriveReplaysIt() throws Exception {
        String task = DemoWorkspace.TASK_RELEASE_NOTES;
        List<WebhookDelivery> deliveries = clickUp.workspace().updateTask(task, c -> c.name("Notes after a redrive"));
        deliveries.forEach(d -> park(d, "clickup_server_error"));

        browser.find(By.linkText("Dead letters")).click();
        browser.until(d -> rows("dlq-table").stream().anyMatch(r -> task.equals(r.getAttribute("data-entity-id"))));
        WebElement parked = rows("dlq-table").stream().filter(r -> task.equals(r.getAttribute("data-entity-id")))
                .findFirst().orElseThrow();
        assertThat(parked.getText()).contains("taskUpdated").contains("clickup_server_error").contains("receives=5");
        browser.screenshot("dlq");

        parked.findElement(By.tagName("button")).click();

        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("dlq-result"),
                "Redriven " + deliveries.size()));
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("dlq-empty")));
        await("the poller drained the replayed event into the mirror",
                () -> "Notes after a redrive".equals(read("/task/" + task).jsonPath().getString("name")));
        admin().get("/admin/dlq/messages?queue=events").then().statusCode(200)
                .body("messages.size()", org.hamcrest.Matchers.equalTo(0));
    }

    /**
     * A truly poisoned event: a body that is not JSON, which the local poller's drain parks at once
     * ({@code unreadable_body}). The view shows it; Redrive replays it, and the drain parks it again with
     * the same reason, as it should: a redrive cures only what failed for a passing reason.
     */
    @Test
    @Order(4)
    void anUnreadableEventParkedByTheDrainIsParkedAgainAfterItsRedrive() throws Exception {
        String entity = "86cbroken1";
        Map<String, MessageAttributeValue> attrs = new HashMap<>();
        Map.of(EventEnvelope.EVENT, "taskUpdated", EventEnvelope.ENTITY_TYPE, "task", EventEnvelope.ENTITY_ID, entity)
                .forEach((k, v) -> attrs.put(k, MessageAttributeValue.builder().dataType("String").stringValue(v).build()));
        sqs.sendMessage(b -> b.queueUrl(config.queue().url()).messageBody("{not json").messageAttributes(attrs));
        String first = awaitParked(entity, null);

        browser.find(By.linkText("Dead letters")).click();
        browser.until(d -> rows("dlq-table").stream().anyMatch(r -> entity.equals(r.getAttribute("data-entity-id"))));
        WebElement parked = rows("dlq-table").stream().filter(r -> entity.equals(r.getAttribute("data-entity-id")))
                .findFirst().orElseThrow();
        assertThat(parked.getText()).contains(first).contains("unreadable_body");
        parked.findElement(By.tagName("button")).click();
        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("dlq-result"), "Redriven 1 of"));

        String again = awaitParked(entity, first);
        browser.find(By.id("dlq-refresh")).click();
        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("dlq-table"), again));
        assertThat(browser.find(By.id("dlq-table")).getText()).doesNotContain(first).contains("unreadable_body");
    }

    @Test
    @Order(5)
    void commandsViewListsTheLastCommandsWithTheirOutcomes() throws Exception {
        submit("""
                {"command_id":"console-comment-1","type":"comment","task_id":"%s","comment":"From the console test"}"""
                .formatted(DemoWorkspace.TASK_SHIP_V1));
        submit("""
                {"command_id":"console-bad-field-1","type":"update_task","task_id":"%s","custom_fields":{"No Such Field":1}}"""
                .formatted(DemoWorkspace.TASK_SHIP_V1));
        await("both commands settled", () -> settled("console-comment-1") && settled("console-bad-field-1"));

        browser.find(By.linkText("Commands")).click();
        browser.until(d -> rows("commands-table").size() >= 2);
        assertThat(rows("commands-table").get(0).getText()).as("newest first").startsWith("console-bad-field-1");
        assertThat(rowOf("commands-table", "console-bad-field-1").getAttribute("data-state")).isEqualTo("FAILED");
        assertThat(rowOf("commands-table", "console-bad-field-1").getText()).contains("unknown_field");
        assertThat(rowOf("commands-table", "console-comment-1").getAttribute("data-state")).isEqualTo("SUCCEEDED");

        // The commands DLQ holds the failed one, listed with its reason and no Redrive button (commands are
        // re-submitted under a new id, never replayed).
        browser.find(By.linkText("Dead letters")).click();
        new org.openqa.selenium.support.ui.Select(browser.find(By.id("dlq-queue"))).selectByValue("commands");
        browser.find(By.id("dlq-refresh")).click();
        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("dlq-table"), "console-bad-field-1"));
        assertThat(browser.find(By.id("dlq-table")).getText()).contains("unknown_field");
        assertThat(browser.find(By.id("dlq-table")).findElements(By.tagName("button"))).isEmpty();

        browser.find(By.linkText("Commands")).click();
        browser.until(d -> rows("commands-table").size() >= 2);
        browser.screenshot("commands");
    }

    @Test
    @Order(7)
    void noTokenIsRenderedStoredOrSentWhereItDoesNotBelong() {
        String page = browser.driver.getPageSource();
        assertThat(page).doesNotContain(ADMIN_TOKEN).doesNotContain(READ_TOKEN);
        assertThat(browser.find(By.id("admin-token")).getAttribute("value")).isEmpty();
        assertThat(browser.find(By.id("read-token")).getAttribute("value")).isEmpty();
        Object stored = ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript(
                "return JSON.stringify(localStorage) + JSON.stringify(sessionStorage) + document.cookie + location.href");
        assertThat(String.valueOf(stored)).doesNotContain(ADMIN_TOKEN).doesNotContain(READ_TOKEN);

        // A hash that tries to walk the read token out of its prefix is refused before any request.
        browser.driver.get(console + "#mirror/task/..");
        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("mirror-error"), "Not a ClickUp id"));
    }

    @Test
    @Order(8)
    void aWrongAdminTokenConnectsNothing() {
        browser.driver.get(console.toString());
        browser.driver.navigate().refresh();
        browser.find(By.id("admin-token")).sendKeys("not-the-" + ADMIN_TOKEN);
        browser.find(By.id("connect-button")).click();
        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("connection"), "Not connected: Status failed: 401"));
        assertThat(rows("queues-table")).isEmpty();
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static void click(By by) {
        browser.until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    private static List<WebElement> rows(String tableId) {
        return browser.find(By.id(tableId)).findElements(By.cssSelector("tbody tr"));
    }

    private static WebElement rowOf(String tableId, String firstCell) {
        return rows(tableId).stream().filter(r -> r.findElement(By.tagName("th")).getText().equals(firstCell))
                .findFirst().orElseThrow(() -> new AssertionError("no row " + firstCell + " in " + tableId));
    }

    private static String cell(String tableId, String firstCell, int column) {
        return rowOf(tableId, firstCell).findElements(By.cssSelector("th, td")).get(column).getText();
    }

    private static RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + ADMIN_TOKEN);
    }

    private static Response read(String path) {
        return given().header("Authorization", READ_TOKEN).get("/api/v2" + path);
    }

    private static void submit(String command) {
        admin().contentType("application/json").body(command).post("/admin/commands").then().statusCode(202);
    }

    private static boolean settled(String commandId) {
        String state = admin().get("/admin/commands/" + commandId).jsonPath().getString("state");
        return "SUCCEEDED".equals(state) || "FAILED".equals(state);
    }

    /** Parks a webhook body in the events DLQ as the drain does after its last failed receive. */
    private void park(WebhookDelivery delivery, String reason) {
        Map<String, MessageAttributeValue> attrs = new HashMap<>();
        Map.of(EventEnvelope.EVENT, delivery.event(), EventEnvelope.WEBHOOK_ID, delivery.webhookId(),
                        EventEnvelope.ENTITY_TYPE, "task", EventEnvelope.ENTITY_ID, delivery.taskId(),
                        EventEnvelope.RECEIVED_AT, Instant.now().toString(), "failure_reason", reason,
                        "failure_detail", "failed_at=" + Instant.now() + "; receives=5")
                .forEach((k, v) -> attrs.put(k, MessageAttributeValue.builder().dataType("String").stringValue(v).build()));
        sqs.sendMessage(b -> b.queueUrl(config.queue().url() + "-dlq").messageBody(delivery.bodyString())
                .messageAttributes(attrs));
    }

    /** The id of the DLQ message of {@code entity} (other than {@code not}) once the drain has parked it there. */
    private static String awaitParked(String entity, String not) throws InterruptedException {
        String[] found = new String[1];
        await("the drain parked the event of " + entity, () -> {
            List<Map<String, Object>> messages = admin().get("/admin/dlq/messages?queue=events").jsonPath().getList("messages");
            messages.stream().filter(m -> entity.equals(m.get("entity_id")) && !String.valueOf(m.get("message_id")).equals(not)
                    && "unreadable_body".equals(m.get("failure_reason"))).findFirst()
                    .ifPresent(m -> found[0] = String.valueOf(m.get("message_id")));
            return found[0] != null;
        });
        return found[0];
    }

    /** Polls our own pipeline (never the fake ClickUp) every 200 ms, at most 20 s. */
    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(until)) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // a 404 while the drain has not written it yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting until " + what);
    }
}
