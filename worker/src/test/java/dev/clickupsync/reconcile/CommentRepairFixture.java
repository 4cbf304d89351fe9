package dev.clickupsync.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clickupsync.budget.Gcra;
import dev.clickupsync.budget.LocalRateBudget;
import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.comment.CommentRepair;
import dev.clickupsync.comment.CommentRepairConfig;
import dev.clickupsync.comment.CommentStore;
import dev.clickupsync.drain.DrainProcessor;
import dev.clickupsync.history.HeardSince;
import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.store.ListMembership;
import dev.clickupsync.store.PendingTasks;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.clickup.WebhookDelivery;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.clickupsync.reconcile.Workspaces.TEAM;

/**
 * What the comment repair tests share: repairs with a pending partition of their own (so the tests of
 * one application never see each other's noted tasks), reconcilers that walk one list, and the oracle,
 * the fake's own first page of comments compared with the mirror's live comments. A bean of the
 * application under test; {@link #on} hands it the fake the test resource injected into the test.
 */
@Dependent
public class CommentRepairFixture {
    private static final AtomicInteger PARTITIONS = new AtomicInteger();

    @Inject
    ClickUpClient client;
    @Inject
    MirrorStore mirror;
    @Inject
    WatermarkStore watermarks;
    @Inject
    ListMembership membership;
    @Inject
    Metrics metrics;
    @Inject
    DrainProcessor drain;
    @Inject
    CommentStore comments;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    SyncConfig sync;
    @Inject
    HeardSince heardSince;

    private FakeClickUp clickUp;

    /** This test's fake, unthrottled and without faults. */
    CommentRepairFixture on(FakeClickUp fake) {
        this.clickUp = fake;
        fake.setRateLimit(1_000_000, Duration.ofMinutes(1));
        fake.clearFaults();
        return this;
    }

    /** A repair with its own pending partition, cap and check. */
    CommentRepair repair(int maxTasks, CommentRepairConfig.Check check) {
        PendingTasks pending = new PendingTasks(dynamo, sync.tables().control(),
                "comments-test-" + PARTITIONS.incrementAndGet() + "#", Clock.systemUTC());
        return new CommentRepair(client, comments, mirror, pending, heardSince, metrics, true, maxTasks, check,
                Clock.systemUTC());
    }

    /** A task created in the fake whose creation the mirror heard. */
    String mirroredTask(String list) {
        String task = list + "-t" + UUID.randomUUID().toString().substring(0, 8);
        deliver(clickUp.workspace().createTask(task, list, "Task " + task));
        return task;
    }

    /** The mirror's live comments by id, as it serves them (compact JSON: node types aside). */
    Map<String, String> stored(String task) {
        Map<String, String> byId = new LinkedHashMap<>();
        comments.live(task).forEach(c -> byId.put(c.commentId(), c.json().toString()));
        return byId;
    }

    /** The fake's first page of comments by id (every test task has fewer than 25), newest first as the mirror's. */
    Map<String, String> truth(String task) {
        Map<String, String> byId = new LinkedHashMap<>();
        clickUp.workspace().commentsJson(task).path("comments").forEach(c -> byId.put(c.path("id").asText(), c.toString()));
        return byId;
    }

    JsonNode storedComment(String task, String id) {
        return comments.live(task).stream().filter(c -> c.commentId().equals(id)).findFirst().orElseThrow().json();
    }

    int commentReads(String task) {
        return clickUp.count("GET", "/task/" + task + "/comment");
    }

    void deliver(List<WebhookDelivery> deliveries) {
        Workspaces.deliver(drain, deliveries);
    }

    /** A reconciler that walks only {@code list}, with {@code repair} (null: none), on an unlimited budget. */
    Reconciler reconcilerOf(String list, CommentRepair repair) {
        return reconcilerOf(list, repair, new Gcra(100_000, Duration.ofMinutes(1), 0.1), Duration.ofSeconds(5));
    }

    /** As {@link #reconcilerOf(String, CommentRepair)}, reconcile's share being {@code share}, waited on at most {@code maxWait}. */
    Reconciler reconcilerOf(String list, CommentRepair repair, Gcra share, Duration maxWait) {
        ReconcileSettings settings = new ReconcileSettings(List.of(TEAM), List.of(), List.of(list), Duration.ofMinutes(5),
                90, 0.3, maxWait, Duration.ofSeconds(10), false, false, Duration.ofHours(24));
        LocalRateBudget budget = new LocalRateBudget(share, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()));
        Reconciler reconciler = new Reconciler(client, mirror, watermarks, membership, metrics, settings, budget,
                Clock.systemUTC(), null, null, null);
        reconciler.comments(repair);
        return reconciler;
    }
}
