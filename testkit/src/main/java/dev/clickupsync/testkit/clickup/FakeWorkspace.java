package dev.clickupsync.testkit.clickup;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.testkit.clickup.FakeHierarchy.Folder;
import dev.clickupsync.testkit.clickup.FakeHierarchy.Space;
import dev.clickupsync.testkit.clickup.FakeHierarchy.TaskList;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The in-memory truth of one ClickUp workspace (team): members, spaces, folders, lists, custom fields,
 * tasks, time entries, comments and webhooks. Tests change it through {@link #createTask},
 * {@link #updateTask}, {@link #deleteTask}, {@link #trackTime}, {@link #postComment}..., which return
 * the webhook deliveries ClickUp would send (one per matching webhook, each signed with its own
 * secret), and compare the system's mirror with {@link #taskJson}. Every method holds the workspace's
 * lock (its monitor), so server threads, drain threads and the test can use it at once; the route
 * classes ({@link ApiRoutes} and its helpers) take the same monitor around their reads and writes.
 * This class is only the public face: the logic lives in {@link WorkspaceModel}, {@link TaskChanges},
 * {@link TimeTracking}, {@link Comments} and {@link WebhookRegistry}.
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

    /**
     * Renames a custom field of the list (ClickUp sends no webhook for this; GET /list/{id}/field and
     * GET /task show the new name at once), for tests of field-definition caches.
     */
    public synchronized FakeWorkspace renameCustomField(String listId, String fieldId, String newName) {
        Objects.requireNonNull(newName, "newName");
        model.replaceField(listId, fieldId, old -> new FakeCustomField(old.id(), newName, old.type(), old.options(), old.dateCreated()));
        return this;
    }

    /**
     * Deletes the list's custom field and creates one of the same name, type and option names with a
     * fresh id and fresh option ids, as an admin re-creating a field does (tasks lose their values; no
     * webhook). Returns the new field.
     */
    public synchronized FakeCustomField recreateCustomField(String listId, String fieldId) {
        FakeCustomField old = model.field(listId, fieldId)
                .orElseThrow(() -> new IllegalArgumentException("list " + listId + " has no custom field " + fieldId));
        removeCustomField(listId, fieldId);
        FakeCustomField fresh = new FakeCustomField(java.util.UUID.randomUUID().toString(), old.name(), old.type(),
                old.options().stream().map(o -> new FakeCustomField.Option(java.util.UUID.randomUUID().toString(), o.name(),
                        o.color(), o.orderindex())).toList(), model.clock.millis());
        model.fields.computeIfAbsent(listId, k -> new ArrayList<>()).add(fresh);
        return fresh;
    }

    /** Removes a custom field from the list, and its values from the list's tasks (no webhook). */
    public synchronized FakeWorkspace removeCustomField(String listId, String fieldId) {
        model.replaceField(listId, fieldId, old -> null);
        model.tasks.values().stream().filter(t -> t.listId.equals(listId)).forEach(t -> t.customValues.remove(fieldId));
        return this;
    }

    /** Registers a webhook without an endpoint, owned by the token user (tests deliver with {@code postTo}). */
    public synchronized FakeWorkspace addWebhook(FakeWebhook webhook) {
        return addWebhook(webhook, null);
    }

    /** Registers a webhook with an endpoint (used by push mode and shown by GET /team/{id}/webhook). */
    public synchronized FakeWorkspace addWebhook(FakeWebhook webhook, String endpoint) {
        model.webhooks.put(new WebhookRegistration(webhook.id(), webhook.secret(), List.copyOf(webhook.events()), endpoint,
                model.tokenUser().id(), null, null, null, null, WebhookRegistration.ACTIVE, 0));
        return this;
    }

    public synchronized FakeWorkspace clearWebhooks() {
        model.webhooks.clear();
        return this;
    }

    /** The user the API token belongs to: GET /user, default time entries, webhook owner (default: the first member). */
    public synchronized FakeWorkspace setTokenUser(long userId) {
        model.requireUser(userId);
        model.tokenUserId = userId;
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

    /**
     * Shifts every {@code total_time.since} of {@code time_in_status} answers by {@code skew} from the
     * history items' dates: ClickUp keeps the two apart and they were seen a few milliseconds off, so
     * a replica matching the two must allow for it. Zero (the default) makes them equal.
     */
    public synchronized FakeWorkspace setTimeInStatusSkew(Duration skew) {
        model.timeInStatusSkewMillis = skew.toMillis();
        return this;
    }

    /** Gives a task a custom task id (ClickUp assigns these when the workspace enables them); no webhook. */
    public synchronized FakeWorkspace setCustomId(String taskId, String customId) {
        model.requireTask(taskId).customId = customId;
        return this;
    }

    /**
     * Sets a task's type ({@code custom_item_id}: 0 a plain task, 1 a milestone, other numbers a custom
     * task type of the workspace) and bumps its {@code date_updated}; no webhook.
     */
    public synchronized FakeWorkspace setCustomItemId(String taskId, long customItemId) {
        TaskState task = model.requireTask(taskId);
        task.customItemId = customItemId;
        task.dateUpdated = model.nextChangeTime(task);
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

    /** Every registered webhook, as id, secret and events (whatever its health). */
    public synchronized List<FakeWebhook> webhooks() {
        return model.webhooks.all().stream().map(WebhookRegistration::webhook).toList();
    }

    public synchronized FakeUser tokenUser() {
        return model.tokenUser();
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

    /** Ids of the live tasks with exactly this name, in creation order. */
    public synchronized List<String> taskIdsNamed(String name) {
        return model.tasks.values().stream().filter(t -> !t.deleted && t.name.equals(name)).map(t -> t.id).toList();
    }

    /**
     * A custom field's stored value on the task, normalised: String (text), BigDecimal (number), the
     * option id (drop_down), a List of option ids (labels), Long epoch ms (date), a List of user ids
     * (users); null when unset.
     */
    public synchronized Object customValue(String taskId, String fieldId) {
        return model.requireTask(taskId).customValues.get(fieldId);
    }

    /** The task's description, as set (markdown kept as text). */
    public synchronized String description(String taskId) {
        return model.requireTask(taskId).description;
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

    /**
     * The JSON {@code GET /task/{id}?include_markdown_description=true} answers: what clickup-sync
     * fetches and stores for this live task ({@link #taskJson} plus {@code markdown_description}).
     */
    public synchronized ObjectNode fetchedTaskJson(String taskId) {
        return ClickUpJson.reparse(TaskJson.render(model, model.requireTask(taskId), false, true));
    }

    // ---- mutations -------------------------------------------------------------------------

    /** Creates a task in the list's first status, with a fresh id; returns the taskCreated deliveries. */
    public synchronized List<WebhookDelivery> createTask(String listId, String name) {
        return createTask(model.freshTaskId(), listId, name);
    }

    /** Creates a task with the given id; returns the taskCreated deliveries. */
    public synchronized List<WebhookDelivery> createTask(String taskId, String listId, String name) {
        return create(taskId, listId, name, null);
    }

    /** Creates a subtask of {@code parentId}, in the parent's list, with a fresh id; returns the taskCreated deliveries. */
    public synchronized List<WebhookDelivery> createSubtask(String parentId, String name) {
        return createSubtask(model.freshTaskId(), parentId, name);
    }

    /** Creates a subtask with the given id; its JSON carries {@code parent} (and the root as {@code top_level_parent}). */
    public synchronized List<WebhookDelivery> createSubtask(String taskId, String parentId, String name) {
        return create(taskId, model.requireTask(parentId).listId, name, parentId);
    }

    private List<WebhookDelivery> create(String taskId, String listId, String name, String parentId) {
        TaskState task = model.newTask(taskId, listId, name);
        task.parent = parentId;
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

    // ---- hierarchy changes (HierarchyChanges: each returns the webhook deliveries ClickUp sends) ----

    public synchronized List<WebhookDelivery> createSpace(String id, String name) {
        return hierarchy().createSpace(id, name);
    }

    public synchronized List<WebhookDelivery> renameSpace(String id, String name) {
        return hierarchy().renameSpace(id, name);
    }

    /** Deletes the space with its folders, lists and their tasks; one spaceDeleted. */
    public synchronized List<WebhookDelivery> deleteSpace(String id) {
        return hierarchy().deleteSpace(id);
    }

    public synchronized List<WebhookDelivery> createFolder(String id, String spaceId, String name) {
        return hierarchy().createFolder(id, spaceId, name);
    }

    public synchronized List<WebhookDelivery> renameFolder(String id, String name) {
        return hierarchy().renameFolder(id, name);
    }

    /** Deletes the folder with its lists and their tasks; one folderDeleted. */
    public synchronized List<WebhookDelivery> deleteFolder(String id) {
        return hierarchy().deleteFolder(id);
    }

    public synchronized List<WebhookDelivery> createList(String id, String folderId, String name, List<FakeStatus> statuses) {
        return hierarchy().createList(id, folderId, null, name, statuses);
    }

    /** A folderless list of the space (ClickUp keeps these in a hidden folder, as here). */
    public synchronized List<WebhookDelivery> createFolderlessList(String id, String spaceId, String name,
                                                                 List<FakeStatus> statuses) {
        return hierarchy().createList(id, null, spaceId, name, statuses);
    }

    public synchronized List<WebhookDelivery> renameList(String id, String name) {
        return hierarchy().renameList(id, name);
    }

    /** Moves the list (and its tasks) to another folder; a listUpdated. */
    public synchronized List<WebhookDelivery> moveList(String id, String folderId) {
        return hierarchy().moveList(id, folderId);
    }

    /** Deletes the list and its tasks; one listDeleted (no taskDeleted). */
    public synchronized List<WebhookDelivery> deleteList(String id) {
        return hierarchy().deleteList(id);
    }

    /** The space as the fake holds it now; empty once deleted (or never created). */
    public synchronized Optional<Space> space(String id) {
        return Optional.ofNullable(model.spaces.get(id));
    }

    /** The folder as the fake holds it now; empty once deleted (itself or its space). */
    public synchronized Optional<Folder> folder(String id) {
        return Optional.ofNullable(model.folders.get(id));
    }

    /** The list as the fake holds it now; empty once deleted (itself or a container above it). */
    public synchronized Optional<TaskList> taskList(String id) {
        return Optional.ofNullable(model.lists.get(id));
    }

    /** Shares the list with these members only (GET /list/{id}/member); ClickUp sends no webhook for it. */
    public synchronized FakeWorkspace setListMembers(String listId, List<Long> userIds) {
        model.requireList(listId);
        model.listMembers.put(listId, List.copyOf(userIds));
        return this;
    }

    /** Whether the list exists (not deleted). */
    public synchronized boolean hasList(String id) {
        return model.lists.containsKey(id);
    }

    // ---- goal changes (GoalChanges: each returns the webhook deliveries ClickUp sends) ----

    /** A goal folder; ClickUp sends no webhook for it (none is known), so the list is empty. */
    public synchronized List<WebhookDelivery> createGoalFolder(String id, String name) {
        return goals().createGoalFolder(id, name);
    }

    /** A goal in the goal folder {@code folderId} (null: none); a goalCreated. */
    public synchronized List<WebhookDelivery> createGoal(String id, String name, String folderId) {
        return goals().createGoal(id, name, folderId);
    }

    /** Changes the goal's name, description, due date (Unix ms) and archived flag, each when not null; a goalUpdated. */
    public synchronized List<WebhookDelivery> updateGoal(String id, String name, String description, Long dueDate,
                                                         Boolean archived) {
        return goals().updateGoal(id, name, description, dueDate, archived);
    }

    /** Deletes the goal with its key results (GET /goal answers 404); one goalDeleted. */
    public synchronized List<WebhookDelivery> deleteGoal(String id) {
        return goals().deleteGoal(id);
    }

    /** A number key result of the goal, from {@code start} to {@code target}; a keyResultCreated. */
    public synchronized List<WebhookDelivery> createKeyResult(String goalId, String id, String name, double start,
                                                              double target) {
        return goals().createKeyResult(goalId, id, name, start, target);
    }

    /** Sets the key result's {@code steps_current} (its goal's progress follows); a keyResultUpdated. */
    public synchronized List<WebhookDelivery> updateKeyResult(String id, double stepsCurrent) {
        return goals().updateKeyResult(id, stepsCurrent);
    }

    public synchronized List<WebhookDelivery> deleteKeyResult(String id) {
        return goals().deleteKeyResult(id);
    }

    /** Whether the goal exists (not deleted). */
    public synchronized boolean hasGoal(String id) {
        return model.goals.containsKey(id);
    }

    private GoalChanges goals() {
        return new GoalChanges(model);
    }

    private HierarchyChanges hierarchy() {
        return new HierarchyChanges(model);
    }

    /** Archives or unarchives the task (GET /list/{id}/task shows it only with archived=true); no webhook is known for it. */
    public synchronized FakeWorkspace setArchived(String taskId, boolean archived) {
        TaskState task = model.requireTask(taskId);
        if (task.archived != archived) {
            task.archived = archived;
            task.dateUpdated = model.nextChangeTime(task);
        }
        return this;
    }

    // ---- time tracking and comments -------------------------------------------------------

    /** Records {@code duration} of {@code userId}'s time on the task from {@code start}; returns the taskTimeTrackedUpdated deliveries. */
    public synchronized List<WebhookDelivery> trackTime(String taskId, long userId, Instant start, Duration duration) {
        return deliveries(List.of(TimeTracking.track(model, taskId, userId, start.toEpochMilli(), duration.toMillis())));
    }

    /**
     * Records time as {@link #trackTime} does but delivers no webhook: an entry no event announced
     * (tracked before the webhook existed, or by an integration), which only
     * GET /team/{id}/time_entries and the task's time show. Returns the entry.
     */
    public synchronized FakeTimeEntry trackTimeWithoutWebhook(String taskId, long userId, Instant start, Duration duration) {
        TimeTracking.track(model, taskId, userId, start.toEpochMilli(), duration.toMillis());
        return model.timeEntries.get(model.timeEntries.size() - 1);
    }

    /** Starts a running timer (duration shows as {@code -start}); a user has one at most. Returns the deliveries. */
    public synchronized List<WebhookDelivery> startTimer(String taskId, long userId, Instant start) {
        return deliveries(List.of(TimeTracking.start(model, taskId, userId, start.toEpochMilli())));
    }

    /** Stops the user's running timer at {@code end}; returns the deliveries. */
    public synchronized List<WebhookDelivery> stopTimer(long userId, Instant end) {
        return deliveries(List.of(TimeTracking.stop(model, userId, end.toEpochMilli())));
    }

    /** Edits a finished entry: its duration (start kept), description and tags; returns the deliveries. */
    public synchronized List<WebhookDelivery> editTimeEntry(String entryId, Duration duration, String description,
                                                           List<String> tags) {
        return deliveries(List.of(TimeTracking.edit(model, entryId, duration.toMillis(), description, tags)));
    }

    /** Deletes an entry (a running timer too); returns the deliveries. */
    public synchronized List<WebhookDelivery> deleteTimeEntry(String entryId) {
        return deliveries(List.of(TimeTracking.delete(model, entryId)));
    }

    /**
     * An element GET /team/{id}/time_entries serves verbatim, first in every answer, whatever the
     * filters, until {@link #clearRawTimeEntries()}: data a client must survive (a malformed entry, an
     * entry on no task).
     */
    public synchronized FakeWorkspace addRawTimeEntry(com.fasterxml.jackson.databind.node.ObjectNode element) {
        model.rawTimeEntries.add(element.deepCopy());
        return this;
    }

    public synchronized FakeWorkspace clearRawTimeEntries() {
        model.rawTimeEntries.clear();
        return this;
    }

    /** The task's GET /task/{id}/time_in_status answer as the API renders it now (its skew included). */
    public synchronized ObjectNode timeInStatusJson(String taskId) {
        return TimeInStatusRoutes.render(model, model.requireTask(taskId));
    }

    /** Every time entry of the task, running or not, in the order recorded. */
    public synchronized List<FakeTimeEntry> timeEntries(String taskId) {
        return model.timeEntries.stream().filter(e -> e.taskId().equals(taskId)).toList();
    }

    /** Posts a comment as {@code userId}; returns the taskCommentPosted deliveries. */
    public synchronized List<WebhookDelivery> postComment(String taskId, long userId, String text) {
        return deliveries(List.of(Comments.post(model, taskId, userId, text, null, false).event()));
    }

    /** Posts a comment as {@code userId} assigned to {@code assigneeId} (null: unassigned); returns the deliveries. */
    public synchronized List<WebhookDelivery> postComment(String taskId, long userId, String text, Long assigneeId) {
        return deliveries(List.of(Comments.post(model, taskId, userId, text, assigneeId, false).event()));
    }

    /** Edits a comment as PUT /comment/{id} does (author and date kept); returns the taskCommentUpdated deliveries. */
    public synchronized List<WebhookDelivery> updateComment(String commentId, String text, Long assigneeId, boolean resolved) {
        return deliveries(List.of(Comments.update(model, commentId, text, assigneeId, resolved)));
    }

    /** Deletes a comment as DELETE /comment/{id} does: no webhook (ClickUp has no comment-deleted event). */
    public synchronized void deleteComment(String commentId) {
        Comments.delete(model, commentId);
    }

    /** The first page of GET /task/{id}/comment (the 25 newest comments), as the API answers it. */
    public synchronized ObjectNode commentsJson(String taskId) {
        model.requireTask(taskId);
        return Comments.list(model, model.comments.getOrDefault(taskId, List.of()), null, null);
    }

    /** The task's comments, oldest first. */
    public synchronized List<FakeComment> comments(String taskId) {
        return List.copyOf(model.comments.getOrDefault(taskId, List.of()));
    }

    // ---- webhooks --------------------------------------------------------------------------

    /**
     * Registers a webhook for the whole workspace as POST /team/{id}/webhook does (fresh UUID and
     * secret, owned by the token user); {@code events} may be {@code ["*"]}.
     *
     * @throws IllegalStateException if a webhook with this endpoint (and no location) exists (OAUTH_171)
     */
    public synchronized WebhookRegistration registerWebhook(String endpoint, Collection<String> events) {
        WebhookRegistration created = model.webhooks.create(endpoint, List.copyOf(events), model.tokenUser().id(),
                null, null, null, null);
        if (created == null) {
            throw new IllegalStateException("a webhook for " + endpoint + " already exists");
        }
        return created;
    }

    public synchronized Optional<WebhookRegistration> webhook(String webhookId) {
        return model.webhooks.get(webhookId);
    }

    /** Every registered webhook with its endpoint, owner, location and health. */
    public synchronized List<WebhookRegistration> webhookRegistrations() {
        return model.webhooks.all();
    }

    /** Health {@code suspended}: ClickUp stops sending, so changes produce no delivery for it. */
    public synchronized FakeWorkspace suspendWebhook(String webhookId) {
        return setHealth(webhookId, WebhookRegistration.SUSPENDED, -1);
    }

    /** Health {@code failing} with this fail_count (it still delivers); 100 or more suspends it, as ClickUp does. */
    public synchronized FakeWorkspace failWebhook(String webhookId, int failCount) {
        if (failCount < 1) {
            throw new IllegalArgumentException("failCount must be >= 1");
        }
        return setHealth(webhookId, failCount >= WebhookRegistration.SUSPEND_AFTER_FAILURES
                ? WebhookRegistration.SUSPENDED : WebhookRegistration.FAILING, failCount);
    }

    /** Health back to {@code active}, fail_count 0, as PUT /webhook/{id} {"status":"active"} does. */
    public synchronized FakeWorkspace reactivateWebhook(String webhookId) {
        return setHealth(webhookId, WebhookRegistration.ACTIVE, 0);
    }

    public synchronized boolean deleteWebhook(String webhookId) {
        return model.webhooks.remove(webhookId);
    }

    /** The most recent deliveries made by this workspace (up to 10,000), oldest first, including those of API calls. */
    public synchronized List<WebhookDelivery> deliveryLog() {
        return model.webhooks.log();
    }

    public synchronized void clearDeliveryLog() {
        model.webhooks.clearLog();
    }

    // ---- for the server, push mode and the demo seed -----------------------------------------

    WorkspaceModel model() {
        return model;
    }

    /** Hears every batch of deliveries, under the workspace lock: it must only enqueue. */
    void addDeliveryListener(Consumer<List<WebhookDelivery>> listener) {
        model.webhooks.addListener(listener);
    }

    void removeDeliveryListener(Consumer<List<WebhookDelivery>> listener) {
        model.webhooks.removeListener(listener);
    }

    /** Counts a pushed delivery's HTTP status (0 for no answer) into the webhook's health. */
    synchronized void recordPushOutcome(String webhookId, int status) {
        model.webhooks.recordOutcome(webhookId, status);
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

    /** The deliveries of these events to every webhook that wants them (callers hold the lock). */
    List<WebhookDelivery> deliveries(List<TaskChanges.Event> events) {
        return model.webhooks.deliver(model, events);
    }

    private FakeWorkspace setHealth(String webhookId, String status, int failCount) {
        model.webhooks.update(webhookId, w -> w.withHealth(status, failCount < 0 ? w.failCount() : failCount))
                .orElseThrow(() -> new IllegalArgumentException("no webhook " + webhookId));
        return this;
    }

    private static void requirePresent(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
