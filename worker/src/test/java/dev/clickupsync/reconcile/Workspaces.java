package dev.clickupsync.reconcile;

import dev.clickupsync.clickup.model.ClickUpTask;
import dev.clickupsync.drain.DrainProcessor;
import dev.clickupsync.json.Json;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.TaskSnapshot;
import dev.clickupsync.queue.EventEnvelope;
import dev.clickupsync.queue.QueuedEvent;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.clickup.RecordedRequest;
import dev.clickupsync.testkit.clickup.WebhookDelivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Shared helpers of the reconcile tests: their own lists and tasks in the fake, and the oracle. */
final class Workspaces {
    static final String TEAM = DemoWorkspace.TEAM_ID;
    private static final AtomicInteger LISTS = new AtomicInteger();

    private Workspaces() {
    }

    /** A fresh list in the demo folder, so tests never see each other's tasks. */
    static String newList(FakeClickUp clickUp, String prefix) {
        String id = "rc-" + prefix + "-" + LISTS.incrementAndGet();
        clickUp.workspace().addList(id, DemoWorkspace.FOLDER_ID, "Reconcile " + id, DemoWorkspace.STATUSES);
        return id;
    }

    /** Creates {@code count} tasks {@code <list>-t<i>} (their webhooks are dropped); returns the ids. */
    static List<String> createTasks(FakeClickUp clickUp, String listId, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = listId + "-t" + i;
            clickUp.workspace().createTask(id, listId, "Task " + i);
            ids.add(id);
        }
        return ids;
    }

    /** As {@link #createTasks(FakeClickUp, String, int)} with the fake's clock replaced meanwhile. */
    static List<String> createTasks(FakeClickUp clickUp, String listId, int count, Clock clock) {
        List<List<String>> created = new ArrayList<>();
        withClickUpClock(clickUp, clock, () -> created.add(createTasks(clickUp, listId, count)));
        return created.get(0);
    }

    /** Runs {@code work} with the fake's clock replaced, then gives it back the real one. */
    static void withClickUpClock(FakeClickUp clickUp, Clock clock, Runnable work) {
        clickUp.workspace().setClock(clock);
        try {
            work.run();
        } finally {
            clickUp.workspace().setClock(Clock.systemUTC());
        }
    }

    /** A clock that moves one millisecond every {@code readsPerMillisecond} reads: that many tasks share a date. */
    static Clock ticking(Instant start, int readsPerMillisecond) {
        AtomicLong reads = new AtomicLong();
        return new Clock() {
            @Override
            public Instant instant() {
                return start.plusMillis(reads.getAndIncrement() / readsPerMillisecond);
            }

            @Override
            public long millis() {
                return instant().toEpochMilli();
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }
        };
    }

    /** Hands the deliveries to the drain, one queued message each as SQS would; every one must be applied. */
    static void deliver(DrainProcessor drain, List<WebhookDelivery> deliveries) {
        List<QueuedEvent> messages = deliveries.stream().map(d -> new QueuedEvent(UUID.randomUUID().toString(),
                d.bodyString(), Map.of(EventEnvelope.EVENT, d.event(), EventEnvelope.RECEIVED_AT,
                        Instant.now().toString()), 1)).toList();
        if (!drain.process(messages, Instant.now().plus(Duration.ofMinutes(5))).isEmpty()) {
            throw new AssertionError("the drain reported failed messages for " + deliveries.size() + " deliveries");
        }
    }

    static Instant deadline() {
        return Instant.now().plus(Duration.ofMinutes(10));
    }

    static TaskSnapshot truth(FakeClickUp clickUp, String taskId) {
        try {
            return TaskSnapshot.of(Json.MAPPER.treeToValue(clickUp.workspace().taskJson(taskId), ClickUpTask.class));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Tasks whose mirror entry differs from ClickUp's truth, with both sides. */
    static List<String> mismatches(FakeClickUp clickUp, MirrorStore mirror, Collection<String> taskIds) {
        List<String> mismatches = new ArrayList<>();
        for (String id : taskIds) {
            TaskSnapshot truth = truth(clickUp, id);
            TaskSnapshot mirrored = mirror.find(id).orElse(null);
            if (!truth.equals(mirrored)) {
                mismatches.add(id + ": mirror=" + mirrored + " truth=" + truth);
            }
        }
        return mismatches;
    }

    /** The {@code GET /team/{id}/task} requests for this list, from journal position {@code from} on. */
    static List<RecordedRequest> teamTaskRequests(FakeClickUp clickUp, String listId, int from) {
        List<RecordedRequest> all = clickUp.requests();
        return all.subList(Math.min(from, all.size()), all.size()).stream()
                .filter(r -> "GET".equals(r.method()) && r.path().endsWith("/team/" + TEAM + "/task"))
                .filter(r -> listId.equals(r.queryParam("list_ids[]")) || listId.equals(r.queryParam("list_ids")))
                .toList();
    }

    static long gt(RecordedRequest request) {
        return Long.parseLong(request.queryParam("date_updated_gt"));
    }
}
