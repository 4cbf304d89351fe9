package dev.clickupsync.testkit.clickup;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.testkit.clickup.FakeHierarchy.Folder;
import dev.clickupsync.testkit.clickup.FakeHierarchy.Space;
import dev.clickupsync.testkit.clickup.FakeHierarchy.TaskList;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * The in-memory truth of one ClickUp workspace (team): members, spaces, folders, lists, custom fields,
 * tasks and webhooks. Tests change it through {@link #createTask}, {@link #updateTask} and
 * {@link #deleteTask}, which return the webhook deliveries ClickUp would send, and compare the
 * system's mirror with {@link #taskJson}. Every method holds one lock, so server threads, drain
 * threads and the test can use it at once.
 */
public final class FakeWorkspace {

    private final WorkspaceModel model;

    public FakeWorkspace(String teamId, String teamName) {
        this(teamId, teamName, Clock.systemUTC());
    }

    public FakeWorkspace(String teamId, String teamName, Clock clock) {
        this.model = new WorkspaceModel(Objects.requireNonNull(teamId, "teamId"), Objects.requireNonNull(teamName, "teamName"),
                Objects.requireNonNull(clock, "clock"));
    }

    /** The seeded demo workspace other parts of the project rely on; see {@link DemoWorkspace} for its ids. */
    public static FakeWorkspace demo() {
        return demo(Clock.systemUTC());
    }

    public static FakeWorkspace demo(Clock clock) {
        FakeWorkspace workspace = new FakeWorkspace(DemoWorkspace.TEAM_ID, DemoWorkspace.TEAM_NAME, clock);
        DemoWorkspace.seed(workspace);
        return workspace;
    }

    // ---- structure -------------------------------------------------------------------------

    public synchronized FakeWorkspace addUser(FakeUser user) {
        model.users.put(user.id(), user);
        return this;
    }

    public synchronized FakeWorkspace addSpace(String id, String name) {
        model.spaces.put(id, new Space(id, name));
        return this;
    }

    public synchronized FakeWorkspace addFolder(String id, String spaceId, String name) {
        requirePresent(model.spaces.containsKey(spaceId), "no space " + spaceId);
        model.folders.put(id, new Folder(id, name, spaceId, false));
        return this;
    }

    public synchronized FakeWorkspace addList(String id, String folderId, String name, List<FakeStatus> statuses) {
        requirePresent(model.folders.containsKey(folderId), "no folder " + folderId);
        model.lists.put(id, new TaskList(id, name, folderId, statuses));
        return this;
    }

    public synchronized FakeWorkspace addCustomField(String listId, FakeCustomField field) {
        model.requireList(listId);
        model.fields.computeIfAbsent(listId, k -> new ArrayList<>()).add(field);
        return this;
    }

    public synchronized FakeWorkspace addWebhook(FakeWebhook webhook) {
        model.webhooks.add(webhook);
        return this;
    }

    public synchronized FakeWorkspace clearWebhooks() {
        model.webhooks.clear();
        return this;
    }

    /** The user named in history items (default: the first member). */
    public synchronized FakeWorkspace setActingUser(long userId) {
        model.requireUser(userId);
        model.actingUserId = userId;
        return this;
    }

    public synchronized FakeWorkspace setClock(Clock clock) {
        model.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** Gives a task a custom task id (ClickUp assigns these when the workspace enables them); no webhook. */
    public synchronized FakeWorkspace setCustomId(String taskId, String customId) {
        model.requireTask(taskId).customId = customId;
        return this;
    }

    // ---- reads -----------------------------------------------------------------------------

    public String teamId() {
        return model.teamId;
    }

    public String teamName() {
        return model.teamName;
    }

    public synchronized List<FakeUser> members() {
        return List.copyOf(model.users.values());
    }

    public synchronized List<FakeWebhook> webhooks() {
        return List.copyOf(model.webhooks);
    }

    public synchronized FakeUser actingUser() {
        return model.actingUser();
    }

    public synchronized List<FakeCustomField> customFields(String listId) {
        return List.copyOf(model.fields(listId));
    }

    /** Ids of the live (not deleted) tasks, in creation order. */
    public synchronized List<String> taskIds() {
        return model.tasks.values().stream().filter(t -> !t.deleted).map(t -> t.id).toList();
    }

    public synchronized boolean hasTask(String taskId) {
        TaskState task = model.tasks.get(taskId);
        return task != null && !task.deleted;
    }

    public synchronized boolean isDeleted(String taskId) {
        TaskState task = model.tasks.get(taskId);
        return task != null && task.deleted;
    }

    /**
     * The JSON GET /task/{id} answers for this live task, as a fresh copy parsed the way a client
     * parses the response (so it {@code equals} a parsed response body).
     */
    public synchronized ObjectNode taskJson(String taskId) {
        return ClickUpJson.reparse(TaskJson.render(model, model.requireTask(taskId), false));
    }

    // ---- mutations -------------------------------------------------------------------------

    /** Creates a task in the list's first status, with a fresh id; returns the taskCreated deliveries. */
    public synchronized List<WebhookDelivery> createTask(String listId, String name) {
        return createTask(freshTaskId(), listId, name);
    }

    /** Creates a task with the given id; returns the taskCreated deliveries. */
    public synchronized List<WebhookDelivery> createTask(String taskId, String listId, String name) {
        TaskState task = newTask(taskId, listId, name);
        long now = model.clock.millis();
        task.dateCreated = now;
        task.dateUpdated = now;
        task.creatorId = model.actingUser().id();
        task.watchers.add(task.creatorId);
        model.tasks.put(taskId, task);
        return deliveries(List.of(TaskChanges.created(model, task)));
    }

    /** Applies the changes in order, all or none; returns one delivery per effective change and webhook. */
    public synchronized List<WebhookDelivery> updateTask(String taskId, Consumer<TaskChange> changes) {
        TaskChange change = new TaskChange();
        changes.accept(change);
        TaskState working = model.requireTask(taskId).copy();
        List<TaskChanges.Event> events = TaskChanges.apply(model, working, change.ops());
        model.tasks.put(taskId, working);
        return deliveries(events);
    }

    /** Deletes the task: GET answers 404 from now on; returns the taskDeleted deliveries (no history items). */
    public synchronized List<WebhookDelivery> deleteTask(String taskId) {
        TaskState task = model.requireTask(taskId);
        task.deleted = true;
        task.dateUpdated = model.nextChangeTime(task);
        return deliveries(List.of(new TaskChanges.Event("taskDeleted", taskId, null)));
    }

    // ---- for the server and the demo seed --------------------------------------------------

    /** What GET /task answers: the JSON, or a marker that the task was deleted; null if never known. */
    record ApiTask(ObjectNode json, boolean deleted) {
    }

    synchronized ApiTask apiTask(String id, boolean byCustomId, boolean includeSubtasks) {
        TaskState task = byCustomId
                ? model.tasks.values().stream().filter(t -> id.equalsIgnoreCase(t.customId)).findFirst().orElse(null)
                : model.tasks.get(id);
        if (task == null) {
            return null;
        }
        return task.deleted ? new ApiTask(null, true) : new ApiTask(TaskJson.render(model, task, includeSubtasks), false);
    }

    synchronized Optional<ArrayNode> apiListFields(String listId) {
        if (!model.lists.containsKey(listId)) {
            return Optional.empty();
        }
        ArrayNode fields = ClickUpJson.array();
        model.fields(listId).forEach(f -> fields.add(CustomFieldValues.definition(f)));
        return Optional.of(fields);
    }

    synchronized ObjectNode apiUser() {
        return AccountJson.user(model);
    }

    synchronized ObjectNode apiTeams() {
        return AccountJson.teams(model);
    }

    /** Adds a fully built task without any webhook (seeding). */
    synchronized void seed(TaskState task) {
        model.requireList(task.listId).status(task.status).orElseThrow();
        task.watchers.addAll(task.assignees);
        model.tasks.put(task.id, task);
    }

    synchronized void seedTag(String name, String color, long creator) {
        model.tags.put(name, new WorkspaceModel.Tag(name, color, color, creator));
    }

    private TaskState newTask(String taskId, String listId, String name) {
        requirePresent(!model.tasks.containsKey(taskId), "task id " + taskId + " is taken");
        TaskState task = new TaskState();
        task.id = Objects.requireNonNull(taskId, "taskId");
        task.name = Objects.requireNonNull(name, "name");
        task.listId = listId;
        task.status = model.requireList(listId).firstStatus().status();
        return task;
    }

    private String freshTaskId() {
        String id;
        do {
            id = "86" + Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36 * 36, 78364164096L), 36);
        } while (model.tasks.containsKey(id));
        return id;
    }

    private List<WebhookDelivery> deliveries(List<TaskChanges.Event> events) {
        List<WebhookDelivery> out = new ArrayList<>();
        for (TaskChanges.Event event : events) {
            for (FakeWebhook webhook : model.webhooks) {
                if (webhook.accepts(event.name())) {
                    out.add(WebhookDelivery.of(webhook, event.name(), event.taskId(), event.historyItems()));
                }
            }
        }
        return List.copyOf(out);
    }

    private static void requirePresent(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
