package dev.clickupsync.drain;

import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.clickup.model.ClickUpTask;
import dev.clickupsync.hierarchy.HierarchyKind;
import dev.clickupsync.hierarchy.HierarchyStore;
import dev.clickupsync.json.Json;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.TaskSnapshot;
import dev.clickupsync.queue.EventEnvelope;
import dev.clickupsync.queue.QueuedEvent;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.RandomChanges;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.clickup.WebhookDelivery;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A seeded storm: hundreds of changes over dozens of tasks (a few of them hot), delivered with
 * ClickUp-style duplicates and local reordering, drained in batches with failed messages
 * redelivered. About one change in six is a comment posted or edited (issue #17), and list events
 * (renames, moves, a deletion) ride in the same stream. Under both expansion policies the mirror must
 * end equal to ClickUp's truth for every task, its comments and the storm's lists, {@code smart} must
 * make clearly fewer ClickUp calls than {@code always}, and at most 0.3 ClickUp calls per event,
 * comment reads and list fetches included.
 */
@QuarkusTest
@TestProfile(StormTest.Unthrottled.class)
@QuarkusTestResource(EmbeddedStackResource.class)
class StormTest {

    /** The storm measures calls, not pacing: a budget far above what it needs. */
    public static class Unthrottled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("clickup.rate-limit.limit", "1000000");
        }
    }

    @Inject
    DrainProcessor processor;
    @Inject
    MirrorStore mirror;
    @Inject
    HierarchyStore hierarchy;
    @Inject
    ClickUpClient clickUpApi;
    @Inject
    dev.clickupsync.metrics.Metrics metrics;

    FakeClickUp clickUp;

    @Inject
    dev.clickupsync.comment.CommentStore comments;

    record StormResult(int events, int taskFetches, int commentReads, int hierarchyFetches, List<String> mismatches) {
        double callsPerEvent() {
            return (double) (taskFetches + commentReads + hierarchyFetches) / events;
        }
    }

    @Test
    void seededStormConvergesUnderBothPoliciesAndSmartCallsClearlyLess() {
        clickUp.setRateLimit(1_000_000, Duration.ofMinutes(1));

        StormResult always = storm(ExpansionPolicy.ALWAYS, 42);
        StormResult smart = storm(ExpansionPolicy.SMART, 42);

        System.out.println("storm metrics: " + metrics.snapshot());
        System.out.printf("storm: %d events; GET /task always=%d (%.2f/event) smart=%d (%.2f/event);"
                        + " GET /task/{id}/comment always=%d smart=%d; smart calls %.2f/event%n",
                always.events(), always.taskFetches(), (double) always.taskFetches() / always.events(),
                smart.taskFetches(), (double) smart.taskFetches() / smart.events(), always.commentReads(),
                smart.commentReads(), (double) (smart.taskFetches() + smart.commentReads()) / smart.events());
        assertThat(always.mismatches()).as("always: mirror vs ClickUp").isEmpty();
        assertThat(smart.mismatches()).as("smart: mirror vs ClickUp").isEmpty();
        assertThat(always.events()).isGreaterThan(300);
        assertThat(smart.taskFetches()).as("smart fetches vs always %d", always.taskFetches())
                .isLessThan(always.taskFetches() * 6 / 10);
        System.out.printf("storm: list fetches always=%d smart=%d; ClickUp calls/event always=%.3f smart=%.3f%n",
                always.hierarchyFetches(), smart.hierarchyFetches(), always.callsPerEvent(), smart.callsPerEvent());
        assertThat(smart.hierarchyFetches()).as("list events fetched").isPositive();
        assertThat(smart.callsPerEvent())
                .as("smart: ClickUp calls per event, comment reads and list fetches included").isLessThanOrEqualTo(0.3);
    }

    private StormResult storm(ExpansionPolicy policy, long seed) {
        Random random = new Random(seed);
        String listId = "storm-" + policy.name().toLowerCase();
        clickUp.workspace().addList(listId, DemoWorkspace.FOLDER_ID, "Storm " + policy, DemoWorkspace.STATUSES);
        List<String> tasks = new ArrayList<>();
        List<WebhookDelivery> deliveries = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String id = listId + "-t" + i;
            tasks.add(id);
            deliveries.addAll(clickUp.workspace().createTask(id, listId, "Task " + i));
        }
        String folder = listId + "-f";
        List<String> side = List.of(listId + "-side0", listId + "-side1", listId + "-side2");
        deliveries.addAll(clickUp.workspace().createFolder(folder, DemoWorkspace.SPACE_ID, "Storm folder " + policy));
        for (String list : side) {
            deliveries.addAll(clickUp.workspace().createList(list, DemoWorkspace.FOLDER_ID, list, DemoWorkspace.STATUSES));
        }
        String sideFetches = "/(list|folder)/" + listId + "-(side\\d|f)$";
        int hierarchyBefore = clickUp.count("GET", sideFetches);
        int fetchesBefore = clickUp.count("GET", "/task/" + listId + "-t\\d+$");
        int events = 0;
        // Ten rounds of 30 changes, each drained before the next, like a live stream with bursts.
        for (int round = 0; round < 10; round++) {
            for (int change = 0; change < 30; change++) {
                // A third of the changes hit five hot tasks.
                String task = random.nextInt(3) == 0 ? tasks.get(random.nextInt(5)) : tasks.get(random.nextInt(tasks.size()));
                int kind = random.nextInt(12);
                List<dev.clickupsync.testkit.clickup.FakeComment> posted = clickUp.workspace().comments(task);
                if (kind < 1 && !posted.isEmpty()) {
                    String commentId = posted.get(random.nextInt(posted.size())).id();
                    deliveries.addAll(clickUp.workspace().updateComment(commentId, "Edited " + random.nextInt(1000), null,
                            random.nextBoolean()));
                } else if (kind < 2) {
                    deliveries.addAll(clickUp.workspace().postComment(task, DemoWorkspace.ALAN, "Comment " + random.nextInt(1000)));
                } else {
                    deliveries.addAll(clickUp.workspace().updateTask(task, c -> RandomChanges.apply(c, random)));
                }
            }
            // List events in the stream: two renames a round, a move every third, the last round a deletion.
            for (int k = 0; k < 2; k++) {
                String list = side.get(random.nextInt(2));
                deliveries.addAll(clickUp.workspace().renameList(list, list + " r" + round + "." + k));
            }
            if (round % 3 == 1) {
                deliveries.addAll(clickUp.workspace().moveList(side.get(random.nextInt(2)), random.nextBoolean()
                        ? folder : DemoWorkspace.FOLDER_ID));
            }
            if (round == 9) {
                deliveries.addAll(clickUp.workspace().deleteList(side.get(2)));
            }
            List<QueuedEvent> messages = new ArrayList<>();
            for (WebhookDelivery d : deliveries) {
                messages.add(message(d));
                if (random.nextInt(5) == 0) {
                    messages.add(message(d)); // ClickUp retried: the same body again
                }
            }
            deliveries.clear();
            shuffleLocally(messages, random, 12);
            events += messages.size();
            drainUntilDone(messages, policy);
        }
        int fetches = clickUp.count("GET", "/task/" + listId + "-t\\d+$") - fetchesBefore;
        List<String> mismatches = new ArrayList<>(mismatches(tasks));
        for (String list : side.subList(0, 2)) {
            if (!clickUpApi.hierarchyObject("list", list).equals(hierarchy.find(HierarchyKind.LIST, list).orElseThrow().json())) {
                mismatches.add("list " + list + " differs from GET /list");
            }
        }
        if (!hierarchy.find(HierarchyKind.LIST, side.get(2)).orElseThrow().deleted()) {
            mismatches.add("list " + side.get(2) + " deleted in ClickUp, live in the mirror");
        }
        int commentReads = clickUp.count("GET", "/task/" + listId + "-t\\d+/comment");
        return new StormResult(events, fetches, commentReads, clickUp.count("GET", sideFetches) - hierarchyBefore,
                mismatches);
    }


    private void drainUntilDone(List<QueuedEvent> messages, ExpansionPolicy policy) {
        List<QueuedEvent> pending = new ArrayList<>(messages);
        for (int round = 0; round < 10 && !pending.isEmpty(); round++) {
            List<QueuedEvent> redeliver = new ArrayList<>();
            for (int i = 0; i < pending.size(); i += 10) {
                List<QueuedEvent> batch = pending.subList(i, Math.min(i + 10, pending.size()));
                List<String> failed = processor.process(batch, Instant.now().plus(Duration.ofMinutes(5)), policy);
                for (QueuedEvent m : batch) {
                    if (failed.contains(m.messageId())) {
                        redeliver.add(new QueuedEvent(m.messageId(), m.body(), m.attributes(), m.receiveCount() + 1));
                    }
                }
            }
            pending = redeliver;
        }
        assertThat(pending).as("messages still failing after redeliveries").isEmpty();
    }

    private List<String> mismatches(List<String> tasks) {
        List<String> mismatches = new ArrayList<>();
        for (String id : tasks) {
            TaskSnapshot truth;
            try {
                truth = TaskSnapshot.of(Json.MAPPER.treeToValue(clickUp.workspace().fetchedTaskJson(id), ClickUpTask.class));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            TaskSnapshot mirrored = mirror.find(id).orElse(null);
            // the whole JSON too: what the read API serves must be GET /task's, under both policies
            if (!truth.sameJson(mirrored)) {
                mismatches.add(id + ": mirror=" + mirrored + " truth=" + truth);
            }
            try {
                com.fasterxml.jackson.databind.JsonNode truthComments =
                        Json.MAPPER.readTree(clickUp.workspace().commentsJson(id).toString()).get("comments");
                List<com.fasterxml.jackson.databind.JsonNode> mirroredComments = new ArrayList<>();
                comments.live(id).forEach(c -> mirroredComments.add(c.json()));
                List<com.fasterxml.jackson.databind.JsonNode> expected = new ArrayList<>();
                truthComments.forEach(expected::add);
                if (!expected.equals(mirroredComments)) {
                    mismatches.add(id + " comments: mirror=" + mirroredComments + " truth=" + expected);
                }
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }
        return mismatches;
    }

    private static QueuedEvent message(WebhookDelivery d) {
        return new QueuedEvent(UUID.randomUUID().toString(), d.bodyString(), Map.of(
                EventEnvelope.EVENT, d.event(),
                EventEnvelope.RECEIVED_AT, Instant.now().toString()), 1);
    }

    /** Reorders within windows of {@code window} messages, as retries and parallel deliveries do. */
    private static void shuffleLocally(List<QueuedEvent> messages, Random random, int window) {
        for (int start = 0; start < messages.size(); start += window) {
            Collections.shuffle(messages.subList(start, Math.min(start + window, messages.size())), random);
        }
    }
}
