package dev.clickupsync.bench;

import dev.clickupsync.clickup.model.ClickUpTask;
import dev.clickupsync.event.WebhookPayload;
import dev.clickupsync.json.Json;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.TaskSnapshot;
import dev.clickupsync.mirror.Transition;
import dev.clickupsync.mirror.TransitionStore;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeUser;
import dev.clickupsync.testkit.clickup.FakeWebhook;
import dev.clickupsync.testkit.clickup.FakeWorkspace;
import dev.clickupsync.testkit.clickup.TaskChange;
import dev.clickupsync.testkit.clickup.WebhookDelivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The read bench's workspace and its mirror: one list of {@code n} tasks in a fake ClickUp of its
 * own, shaped like a team's backlog (seeded): statuses moved along to do, in progress, review,
 * complete (about 30/30/25/15 %, one change per step, so every task has 1 to 4 recorded transitions),
 * one or two of three assignees, a tag on most, a due date on 80 % (past and future), a priority on
 * most. The fake's clock steps through the past 30 days while seeding, so dates and transitions are
 * spread like real ones.
 *
 * <p>The mirror is written through its real write path, as reconcile writes a fetched task: the
 * application's {@link MirrorStore#upsertFetched} (whose {@code EntryListener} is the query index,
 * {@code TaskIndex}, so every entry gets its index items), and each delivery's status changes through
 * {@link TransitionStore#record}, as the drain records them. The snapshots are taken from the fake's
 * own {@code GET /task} JSON in-process, not over HTTP: at the fake's 100 requests a minute a 10,000
 * task mirror would take hours to fetch, and what is measured is reading, not seeding.
 */
final class ReadSeed {
    static final String TEAM_ID = "9017";
    static final String LIST_ID = "901701";
    static final List<Long> USERS = List.of(171L, 172L, 173L);
    static final List<String> TAGS = List.of("bug", "docs", "ops");
    private static final List<String> PATH = List.of("in progress", "review", "complete");

    /** What the bench needs to know of the seed: the ids, the workspace, and the start of its time. */
    record Seeded(FakeWorkspace workspace, List<String> taskIds, Map<String, List<Transition>> recorded, Instant start,
                  Duration elapsed) {
        int transitions() {
            return recorded.values().stream().mapToInt(List::size).sum();
        }

        /**
         * The filtered page: two of the four statuses, one assignee, due after the seed's midpoint,
         * so about an eighth of the list passes and page 0 is full at the default size.
         */
        String filterQuery() {
            long due = start.plus(Duration.ofDays(15)).toEpochMilli();
            return "statuses[]=in%20progress&statuses[]=review&assignees[]=" + USERS.get(0) + "&due_date_gt=" + due;
        }
    }

    private ReadSeed() {
    }

    /** Tasks in the list, per size. */
    static int tasks(BenchOptions options) {
        return "smoke".equals(options.size()) ? 300 : 10_000;
    }

    /** Builds the fake workspace (seeded) and writes every task and transition into the mirror. */
    static Seeded seed(BenchOptions options, MirrorStore mirror, TransitionStore transitions) throws Exception {
        long t0 = System.nanoTime();
        int n = tasks(options);
        Instant start = Instant.now().minus(Duration.ofDays(30)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        // About 6 clock reads per task: spread the seed over the 30 days.
        long step = Math.max(1, Duration.ofDays(29).toMillis() / (6L * n));
        FakeWorkspace workspace = new FakeWorkspace(TEAM_ID, "Bench reads", new SteppingClock(start, step));
        for (int u = 0; u < USERS.size(); u++) {
            workspace.addUser(FakeUser.of(USERS.get(u), "Reader " + u, "reader" + u + "@example.com", "#7b68ee"));
        }
        workspace.addSpace(TEAM_ID + "1", "Reads").addFolder(TEAM_ID + "2", TEAM_ID + "1", "Reads")
                .addList(LIST_ID, TEAM_ID + "2", "Backlog", DemoWorkspace.STATUSES)
                .addWebhook(FakeWebhook.allEvents("bench-reads", "bench-reads-secret")); // deliveries carry the history
        Random rnd = new Random(options.seed());
        List<String> ids = new ArrayList<>(n);
        List<List<Transition>> recorded = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String id = LIST_ID + "-r" + i;
            List<Transition> ts = new ArrayList<>(transitionsOf(workspace.createTask(id, LIST_ID, "Read task " + i)));
            ts.addAll(transitionsOf(workspace.updateTask(id, attributes(rnd, start))));
            int steps = steps(rnd.nextInt(100));
            for (int s = 0; s < steps; s++) {
                String status = PATH.get(s);
                ts.addAll(transitionsOf(workspace.updateTask(id, c -> c.status(status))));
            }
            ids.add(id);
            recorded.add(ts);
            if (i % 500 == 499) {
                workspace.clearDeliveryLog(); // the fake keeps every delivery: bounded memory
            }
        }
        workspace.clearDeliveryLog();
        workspace.setClock(Clock.systemUTC());
        write(workspace, ids, recorded, mirror, transitions);
        Map<String, List<Transition>> byTask = new HashMap<>();
        for (int i = 0; i < n; i++) {
            byTask.put(ids.get(i), List.copyOf(recorded.get(i)));
        }
        return new Seeded(workspace, List.copyOf(ids), Map.copyOf(byTask), start, Duration.ofNanos(System.nanoTime() - t0));
    }

    /** Status steps past "to do": 30 % none, 30 % one, 25 % two, 15 % three (closed). */
    private static int steps(int percent) {
        return percent < 30 ? 0 : percent < 60 ? 1 : percent < 85 ? 2 : 3;
    }

    private static Consumer<TaskChange> attributes(Random rnd, Instant start) {
        long first = USERS.get(rnd.nextInt(USERS.size()));
        Long second = rnd.nextInt(5) == 0 ? USERS.get(rnd.nextInt(USERS.size())) : null;
        String tag = rnd.nextInt(10) < 7 ? TAGS.get(rnd.nextInt(TAGS.size())) : null;
        Instant due = rnd.nextInt(5) == 0 ? null : start.plus(Duration.ofMinutes(rnd.nextInt(60 * 24 * 50)));
        Integer priority = rnd.nextInt(4) == 0 ? null : 1 + rnd.nextInt(4);
        return c -> {
            c.addAssignee(first);
            if (second != null && second != first) {
                c.addAssignee(second);
            }
            if (tag != null) {
                c.addTag(tag);
            }
            if (due != null) {
                c.dueDate(due);
            }
            if (priority != null) {
                c.priority(priority);
            }
        };
    }

    private static List<Transition> transitionsOf(List<WebhookDelivery> deliveries) throws Exception {
        List<Transition> out = new ArrayList<>();
        for (WebhookDelivery d : deliveries) {
            out.addAll(Transition.fromPayload(Json.MAPPER.readValue(d.body(), WebhookPayload.class)));
        }
        return out;
    }

    /** Writes the tasks' entries (and index items) and transitions with a few threads. */
    private static void write(FakeWorkspace workspace, List<String> ids, List<List<Transition>> recorded, MirrorStore mirror,
                             TransitionStore transitions) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                List<Transition> ts = recorded.get(i);
                writes.add(pool.submit(() -> {
                    Instant fetchedAt = mirror.beforeFetch();
                    ClickUpTask task = Json.MAPPER.treeToValue(workspace.taskJson(id), ClickUpTask.class);
                    if (!mirror.upsertFetched(TaskSnapshot.of(task), fetchedAt).written()) {
                        throw new IllegalStateException("task " + id + " was not written to the mirror");
                    }
                    ts.forEach(transitions::record);
                    return null;
                }));
            }
            for (Future<?> w : writes) {
                w.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
