package dev.clickupsync.testkit.clickup;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * A snapshot of one webhook registered on the workspace, with what ClickUp keeps about it: the owner
 * ({@code userId}), the endpoint, the events ({@code "*"} for all), an optional location (space,
 * folder, list or task; null for the whole workspace) and the health ClickUp reports:
 * {@code active}, {@code failing} (with {@code failCount}), {@code suspended} (ClickUp stopped sending)
 * or {@code inactive} (set through PUT with {@code "status": "inactive"}). Only active and failing
 * webhooks get deliveries. Immutable; the workspace replaces it on every change.
 */
public record WebhookRegistration(String id, String secret, List<String> events, String endpoint, long userId,
        String spaceId, String folderId, String listId, String taskId, String status, int failCount) {

    public static final String ACTIVE = "active";
    public static final String FAILING = "failing";
    public static final String SUSPENDED = "suspended";
    public static final String INACTIVE = "inactive";

    /** ClickUp suspends a webhook after this many failed events. */
    public static final int SUSPEND_AFTER_FAILURES = 100;

    /** Every event a webhook can subscribe to, in the order of ClickUp's create-webhook example. */
    public static final List<String> EVENTS = List.of("taskCreated", "taskUpdated", "taskDeleted", "taskPriorityUpdated",
            "taskStatusUpdated", "taskAssigneeUpdated", "taskDueDateUpdated", "taskTagUpdated", "taskMoved",
            "taskCommentPosted", "taskCommentUpdated", "taskTimeEstimateUpdated", "taskTimeTrackedUpdated", "listCreated",
            "listUpdated", "listDeleted", "folderCreated", "folderUpdated", "folderDeleted", "spaceCreated", "spaceUpdated",
            "spaceDeleted", "goalCreated", "goalUpdated", "goalDeleted", "keyResultCreated", "keyResultUpdated",
            "keyResultDeleted");

    public WebhookRegistration {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(status, "status");
        events = List.copyOf(new LinkedHashSet<>(events));
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a webhook needs at least one event (or \"*\")");
        }
        if (!List.of(ACTIVE, FAILING, SUSPENDED, INACTIVE).contains(status)) {
            throw new IllegalArgumentException("unknown webhook status " + status);
        }
    }

    /** The id, secret and events, as deliveries use them. */
    public FakeWebhook webhook() {
        return new FakeWebhook(id, secret, new LinkedHashSet<>(events));
    }

    /** Whether ClickUp still sends to it (active or failing). */
    public boolean delivers() {
        return status.equals(ACTIVE) || status.equals(FAILING);
    }

    public boolean accepts(String event) {
        return events.contains("*") || events.contains(event);
    }

    /** The events as ClickUp lists them in responses: {@code "*"} spelled out as every event. */
    public List<String> expandedEvents() {
        return events.contains("*") ? EVENTS : events;
    }

    /** Same endpoint and same location: ClickUp's condition for OAUTH_171 "already exists". */
    boolean sameTarget(String otherEndpoint, String space, String folder, String list, String task) {
        return Objects.equals(endpoint, otherEndpoint) && Objects.equals(spaceId, space) && Objects.equals(folderId, folder)
                && Objects.equals(listId, list) && Objects.equals(taskId, task);
    }

    WebhookRegistration withHealth(String newStatus, int newFailCount) {
        return new WebhookRegistration(id, secret, events, endpoint, userId, spaceId, folderId, listId, taskId, newStatus,
                newFailCount);
    }

    WebhookRegistration withEndpoint(String newEndpoint) {
        return new WebhookRegistration(id, secret, events, newEndpoint, userId, spaceId, folderId, listId, taskId, status,
                failCount);
    }

    WebhookRegistration withEvents(List<String> newEvents) {
        return new WebhookRegistration(id, secret, newEvents, endpoint, userId, spaceId, folderId, listId, taskId, status,
                failCount);
    }
}
