package dev.clickupsync.bench;

import dev.clickupsync.clickup.model.ClickUpTask;
import dev.clickupsync.json.Json;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.TaskSnapshot;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.clickup.FakeUser;
import dev.clickupsync.testkit.clickup.FakeWorkspace;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** The backfill bench's own ClickUp workspace, and the check of the mirror against its truth. */
final class BackfillWorkspace {
    private BackfillWorkspace() {
    }

    /**
     * {missing, mismatched}: every task of the list against the fake's truth. A few threads, since
     * each check is a DynamoDB round trip and this is bench overhead, not a measured figure.
     */
    static int[] compare(MirrorStore mirror, FakeClickUp clickUp, String listId, int n) throws Exception {
        AtomicInteger missing = new AtomicInteger();
        AtomicInteger mismatches = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> checks = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String id = listId + "-t" + i;
                checks.add(pool.submit(() -> {
                    TaskSnapshot truth = TaskSnapshot.of(Json.MAPPER.treeToValue(clickUp.workspace().taskJson(id), ClickUpTask.class));
                    TaskSnapshot mirrored = mirror.find(id).orElse(null);
                    if (mirrored == null) {
                        missing.incrementAndGet();
                    } else if (!truth.equals(mirrored)) {
                        mismatches.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> check : checks) {
                check.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new int[]{missing.get(), mismatches.get()};
    }

    /**
     * A workspace with its own team id (so its watermarks, list registrations and tasks stay out of
     * every other bench's way) with lists of {@code n} tasks whose
     * {@code date_updated} are spread over the past day, a few ms apart (a bulk import stamping
     * thousands of tasks in one millisecond is a different case, {@code ChangeWalk.readMillisecondGroup}).
     */
    static FakeWorkspace of(String teamId, int n, String... listIds) {
        FakeWorkspace workspace = new FakeWorkspace(teamId, "Bench backfill",
                new SteppingClock(Instant.now().minus(Duration.ofDays(1)), 3));
        workspace.addUser(FakeUser.of(1, "Bench", "bench@example.com", "#7b68ee"))
                .addSpace(teamId + "1", "Backfill").addFolder(teamId + "2", teamId + "1", "Backfill");
        for (String listId : listIds) {
            workspace.addList(listId, teamId + "2", "Backfill " + listId, DemoWorkspace.STATUSES);
            for (int i = 0; i < n; i++) {
                workspace.createTask(listId + "-t" + i, listId, "Backfill task " + i);
            }
        }
        return workspace.setClock(Clock.systemUTC());
    }
}
