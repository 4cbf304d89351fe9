package dev.clickupsync.testkit.clickup;

import dev.clickupsync.testkit.clickup.FakeHierarchy.TaskList;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The webhooks of a workspace and the rule that turns events into deliveries: every registered
 * webhook that still delivers (active or failing), subscribes to the event and covers the task's
 * location gets its own delivery, signed with its own secret. Guarded by the workspace lock, except
 * the listeners (push mode), which are told about every batch of deliveries while the lock is held
 * and must only enqueue.
 */
final class WebhookRegistry {

    static final int LOG_LIMIT = 10_000;

    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private final Map<String, WebhookRegistration> byId = new LinkedHashMap<>();
    private final List<Consumer<List<WebhookDelivery>>> listeners = new CopyOnWriteArrayList<>();
    /** The most recent deliveries, whatever caused them, for tests (bounded). */
    private final ArrayDeque<WebhookDelivery> log = new ArrayDeque<>();
    private final SecureRandom random = new SecureRandom();
    /** The OAuth client id ClickUp shows on webhooks; one per workspace here. */
    final String clientId = randomText(32);

    void put(WebhookRegistration registration) {
        byId.put(registration.id(), registration);
    }

    void clear() {
        byId.clear();
    }

    List<WebhookRegistration> all() {
        return List.copyOf(byId.values());
    }

    Optional<WebhookRegistration> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Registers a new webhook with a fresh UUID and secret; null if one with the same endpoint and location exists. */
    WebhookRegistration create(String endpoint, List<String> events, long userId, String spaceId, String folderId,
            String listId, String taskId) {
        Objects.requireNonNull(endpoint, "endpoint");
        boolean exists = byId.values().stream().anyMatch(w -> w.sameTarget(endpoint, spaceId, folderId, listId, taskId));
        if (exists) {
            return null;
        }
        WebhookRegistration created = new WebhookRegistration(UUID.randomUUID().toString(), randomText(64), events, endpoint,
                userId, spaceId, folderId, listId, taskId, WebhookRegistration.ACTIVE, 0);
        put(created);
        return created;
    }

    boolean remove(String id) {
        return byId.remove(id) != null;
    }

    /** Replaces the webhook by {@code change} of it; empty if there is no such webhook. */
    Optional<WebhookRegistration> update(String id, UnaryOperator<WebhookRegistration> change) {
        WebhookRegistration current = byId.get(id);
        if (current == null) {
            return Optional.empty();
        }
        WebhookRegistration changed = change.apply(current);
        byId.put(id, changed);
        return Optional.of(changed);
    }

    void addListener(Consumer<List<WebhookDelivery>> listener) {
        listeners.add(listener);
    }

    void removeListener(Consumer<List<WebhookDelivery>> listener) {
        listeners.remove(listener);
    }

    /** The deliveries of these events, in event order then registration order; listeners hear of them. */
    List<WebhookDelivery> deliver(WorkspaceModel model, List<TaskChanges.Event> events) {
        List<WebhookDelivery> out = new ArrayList<>();
        for (TaskChanges.Event event : events) {
            TaskState task = model.tasks.get(event.taskId());
            for (WebhookRegistration webhook : byId.values()) {
                if (webhook.delivers() && webhook.accepts(event.name()) && covers(model, webhook, task)) {
                    out.add(WebhookDelivery.of(webhook.webhook(), event.name(), event.taskId(), event.historyItems(), event.data()));
                }
            }
        }
        return recorded(out);
    }

    /** The deliveries of one list, folder or space event ({@code idField} is e.g. {@code list_id}) to unfiltered webhooks. */
    List<WebhookDelivery> deliverObject(String event, String idField, String id) {
        return deliverObject(event, idField, id, null, null);
    }

    /** As {@link #deliverObject(String, String, String)}, the payload naming a second id ({@code key_result_id}). */
    List<WebhookDelivery> deliverObject(String event, String idField, String id, String secondField, String secondId) {
        List<WebhookDelivery> out = new ArrayList<>();
        for (WebhookRegistration webhook : byId.values()) {
            if (webhook.delivers() && webhook.accepts(event) && webhook.taskId() == null && webhook.listId() == null
                    && webhook.folderId() == null && webhook.spaceId() == null) {
                out.add(WebhookDelivery.ofObject(webhook.webhook(), event, idField, id, secondField, secondId));
            }
        }
        return recorded(out);
    }

    private List<WebhookDelivery> recorded(List<WebhookDelivery> out) {
        List<WebhookDelivery> deliveries = List.copyOf(out);
        if (!deliveries.isEmpty()) {
            for (WebhookDelivery delivery : deliveries) {
                if (log.size() == LOG_LIMIT) {
                    log.removeFirst();
                }
                log.addLast(delivery);
            }
            listeners.forEach(listener -> listener.accept(deliveries));
        }
        return deliveries;
    }

    List<WebhookDelivery> log() {
        return List.copyOf(log);
    }

    void clearLog() {
        log.clear();
    }

    /**
     * Counts one push outcome into the webhook's health: a 2xx makes it active with fail_count 0, a 410
     * suspends it at once, any other failure adds one to fail_count (failing, suspended at 100).
     */
    void recordOutcome(String id, int status) {
        update(id, w -> {
            if (!w.delivers()) {
                return w;
            }
            if (status >= 200 && status < 300) {
                return w.withHealth(WebhookRegistration.ACTIVE, 0);
            }
            if (status == 410) {
                return w.withHealth(WebhookRegistration.SUSPENDED, w.failCount() + 1);
            }
            int failures = w.failCount() + 1;
            return w.withHealth(failures >= WebhookRegistration.SUSPEND_AFTER_FAILURES
                    ? WebhookRegistration.SUSPENDED : WebhookRegistration.FAILING, failures);
        });
    }

    private static boolean covers(WorkspaceModel model, WebhookRegistration webhook, TaskState task) {
        if (task == null) {
            return webhook.taskId() == null && webhook.listId() == null && webhook.folderId() == null && webhook.spaceId() == null;
        }
        TaskList list = model.lists.get(task.listId);
        String folderId = list == null ? null : list.folderId();
        String spaceId = list == null ? null : model.spaceOf(list).id();
        return matches(webhook.taskId(), task.id) && matches(webhook.listId(), task.listId)
                && matches(webhook.folderId(), folderId) && matches(webhook.spaceId(), spaceId);
    }

    private static boolean matches(String filter, String actual) {
        return filter == null || filter.equals(actual);
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        return text.toString();
    }
}
