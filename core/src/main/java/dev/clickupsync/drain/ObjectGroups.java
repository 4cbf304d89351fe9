package dev.clickupsync.drain;

import dev.clickupsync.event.WebhookPayload;
import dev.clickupsync.goal.GoalEvents;
import dev.clickupsync.hierarchy.HierarchyEvents;
import dev.clickupsync.idempotency.IdempotencyKey;

/**
 * The drain's view of events that name an object rather than a task (lists, folders, spaces:
 * {@link HierarchyEvents}; goals and key results: {@link GoalEvents}): their group key and their
 * idempotency key. Lives in the drain, which knows both features, so that neither feature package
 * depends on the other.
 */
final class ObjectGroups {
    private ObjectGroups() {
    }

    /**
     * The idempotency key: per delivery for an object event (its body repeats identically for two
     * changes, see {@link HierarchyEvents#deliveryKey}), {@code bodyKey} otherwise.
     */
    static String deliveryKey(String bodyKey, WebhookPayload payload, String receivedAt) {
        return GoalEvents.groupKey(payload).isPresent() ? IdempotencyKey.perDelivery(bodyKey, receivedAt)
                : HierarchyEvents.deliveryKey(bodyKey, payload, receivedAt);
    }

    /**
     * The drain group of a non-task event, or null (skipped) when it is none or its feature is not
     * wired ({@code hierarchy} / {@code goals} false).
     */
    static String group(WebhookPayload payload, boolean hierarchy, boolean goals) {
        if (hierarchy) {
            String key = HierarchyEvents.groupKey(payload).orElse(null);
            if (key != null) {
                return key;
            }
        }
        return goals ? GoalEvents.groupKey(payload).orElse(null) : null;
    }
}
