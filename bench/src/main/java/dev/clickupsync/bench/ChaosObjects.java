package dev.clickupsync.bench;

import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeComment;
import dev.clickupsync.testkit.clickup.FakeTimeEntry;
import dev.clickupsync.testkit.clickup.FakeWorkspace;
import dev.clickupsync.testkit.clickup.WebhookDelivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * The chaos stream's changes that are not task changes (issue #17), made in the fake with the
 * workload's seeded random so both scenarios make the same ones; their webhooks go through the same
 * pusher as the task events, so they are dropped, delivered twice and reordered alike.
 *
 * <p>At the start the run gets a space of its own with a folder, a list in the folder and a
 * folderless list, plus a second space holding a folder and a list (deleted later, with everything in
 * it). Every round: a list is created in the run's folder with two tasks, an extra list is renamed
 * (and every third round the folder and the space too), three comments are posted and one earlier
 * comment is edited, time is tracked twice with a webhook and once without, and one past entry is
 * edited. Round 3 deletes the oldest extra list with its tasks under it (one {@code listDeleted}, no
 * {@code taskDeleted}), round 5 the second space with its folder, list and tasks. Every id made here is
 * recorded so the audit can compare it with the fake.
 */
final class ChaosObjects {
    private final FakeWorkspace workspace;
    private final String prefix;
    private final Random random;
    final String spaceId;
    final String folderId;
    private final String doomedSpaceId;
    /** Every space, folder and list id made here, to its kind ("space", "folder", "list"). */
    final Map<String, String> containers = new LinkedHashMap<>();
    /** Lists that take tasks (still live in the fake). */
    final List<String> lists = new ArrayList<>();
    /** A comment or a time entry made here, with its task. */
    private record Ref(String task, String id) {
    }

    private final List<Ref> comments = new ArrayList<>();
    private final List<Ref> entries = new ArrayList<>();
    int commentsPosted;
    int commentsEdited;
    int timeTracked;
    int timeWithoutWebhook;
    int timeEdited;

    ChaosObjects(FakeWorkspace workspace, String prefix, Random random) {
        this.workspace = workspace;
        this.prefix = prefix;
        this.random = random;
        this.spaceId = prefix + "-space";
        this.folderId = prefix + "-folder";
        this.doomedSpaceId = prefix + "-space2";
    }

    /** The run's containers; {@code newTask} creates a task in a list and returns its deliveries. */
    List<WebhookDelivery> setUp(Function<String, List<WebhookDelivery>> newTask) {
        List<WebhookDelivery> made = new ArrayList<>();
        made.addAll(container("space", spaceId, workspace.createSpace(spaceId, "Chaos space")));
        made.addAll(container("folder", folderId, workspace.createFolder(folderId, spaceId, "Chaos folder")));
        made.addAll(list(prefix + "-l0", workspace.createList(prefix + "-l0", folderId, "Chaos list 0", DemoWorkspace.STATUSES)));
        String folderless = prefix + "-fl";
        made.addAll(list(folderless, workspace.createFolderlessList(folderless, spaceId, "Chaos folderless", DemoWorkspace.STATUSES)));
        made.addAll(container("space", doomedSpaceId, workspace.createSpace(doomedSpaceId, "Chaos space 2")));
        made.addAll(container("folder", doomedSpaceId + "-f", workspace.createFolder(doomedSpaceId + "-f", doomedSpaceId, "Doomed")));
        made.addAll(container("list", doomedSpaceId + "-l", workspace.createList(doomedSpaceId + "-l", doomedSpaceId + "-f",
                "Doomed list", DemoWorkspace.STATUSES)));
        made.addAll(newTask.apply(doomedSpaceId + "-l"));
        made.addAll(newTask.apply(doomedSpaceId + "-l"));
        return made;
    }

    /**
     * One round's changes. {@code live}: the run's live tasks (tasks deleted here are taken out);
     * {@code newTask} as in {@link #setUp}.
     */
    List<WebhookDelivery> round(int round, List<String> live, Function<String, List<WebhookDelivery>> newTask) {
        List<WebhookDelivery> made = new ArrayList<>();
        String list = prefix + "-l" + (round + 1);
        made.addAll(list(list, workspace.createList(list, folderId, "Chaos list " + (round + 1), DemoWorkspace.STATUSES)));
        made.addAll(newTask.apply(list));
        made.addAll(newTask.apply(list));
        String renamed = lists.get(random.nextInt(lists.size()));
        made.addAll(workspace.renameList(renamed, "Chaos list " + renamed + " r" + round));
        if (round % 3 == 0) {
            made.addAll(workspace.renameFolder(folderId, "Chaos folder r" + round));
            made.addAll(workspace.renameSpace(spaceId, "Chaos space r" + round));
        }
        if (round == 3) {
            String doomed = lists.remove(0); // the oldest extra list, with its tasks
            made.addAll(workspace.deleteList(doomed));
        }
        if (round == 5) {
            made.addAll(workspace.deleteSpace(doomedSpaceId));
        }
        live.removeIf(workspace::isDeleted);
        for (int i = 0; i < 3; i++) {
            String task = live.get(random.nextInt(live.size()));
            made.addAll(workspace.postComment(task, DemoWorkspace.ADA, "chaos comment " + round + "." + i));
            comments.add(new Ref(task, last(workspace.comments(task)).id()));
            commentsPosted++;
        }
        made.addAll(editComment(round));
        Instant now = Instant.now();
        for (int i = 0; i < 2; i++) {
            String task = live.get(random.nextInt(live.size()));
            made.addAll(workspace.trackTime(task, DemoWorkspace.ALAN, now.minus(Duration.ofMinutes(30 + random.nextInt(600))),
                    Duration.ofMinutes(1 + random.nextInt(90))));
            entries.add(new Ref(task, last(workspace.timeEntries(task)).id()));
            timeTracked++;
        }
        FakeTimeEntry silent = workspace.trackTimeWithoutWebhook(live.get(random.nextInt(live.size())), DemoWorkspace.ADA,
                now.minus(Duration.ofMinutes(60 + random.nextInt(600))), Duration.ofMinutes(5 + random.nextInt(60)));
        entries.add(new Ref(silent.taskId(), silent.id()));
        timeWithoutWebhook++;
        made.addAll(editEntry(round));
        return made;
    }

    /** An earlier comment of a task still live gets new text (and now and then is resolved). */
    private List<WebhookDelivery> editComment(int round) {
        for (int tries = 0; tries < 5; tries++) {
            Ref ref = comments.get(random.nextInt(comments.size()));
            FakeComment c = workspace.isDeleted(ref.task()) ? null : workspace.comments(ref.task()).stream()
                    .filter(x -> x.id().equals(ref.id())).findFirst().orElse(null);
            if (c != null) {
                commentsEdited++;
                return workspace.updateComment(c.id(), c.text() + " (edited r" + round + ")", null, random.nextBoolean());
            }
        }
        return List.of();
    }

    /** A past entry of a task still live gets a new duration and description. */
    private List<WebhookDelivery> editEntry(int round) {
        for (int tries = 0; tries < 5; tries++) {
            Ref ref = entries.get(random.nextInt(entries.size()));
            FakeTimeEntry e = workspace.isDeleted(ref.task()) ? null : workspace.timeEntries(ref.task()).stream()
                    .filter(x -> x.id().equals(ref.id())).findFirst().orElse(null);
            if (e != null && !e.running()) {
                timeEdited++;
                return workspace.editTimeEntry(e.id(), Duration.ofMinutes(2 + random.nextInt(120)), "edited r" + round, List.of());
            }
        }
        return List.of();
    }

    /**
     * The extra lists reconcile walks: the live ones, and the doomed space's list while that space lives
     * (a short run ends before round 5 deletes it, and its tasks change too).
     */
    List<String> walked() {
        List<String> walked = new ArrayList<>(lists);
        String doomed = doomedSpaceId + "-l";
        if (workspace.hasList(doomed)) {
            walked.add(doomed);
        }
        return walked;
    }

    private List<WebhookDelivery> list(String id, List<WebhookDelivery> made) {
        lists.add(id);
        return container("list", id, made);
    }

    private List<WebhookDelivery> container(String kind, String id, List<WebhookDelivery> made) {
        containers.put(id, kind);
        return made;
    }

    private static <T> T last(List<T> items) {
        return items.get(items.size() - 1);
    }
}
