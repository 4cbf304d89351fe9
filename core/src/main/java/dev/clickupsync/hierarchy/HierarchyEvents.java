package dev.clickupsync.hierarchy;

import dev.clickupsync.event.WebhookPayload;
import dev.clickupsync.idempotency.IdempotencyKey;

import java.util.Optional;

/**
 * Which queued events are hierarchy events, and the drain group each belongs to: one group per
 * object ({@code h#<kind>#<id>}), so a batch fetches each object at most once however many of its
 * events it holds.
 */
public final class HierarchyEvents {
    static final String PREFIX = "h#";

    private HierarchyEvents() {
    }

    /** The group key of a {@code list*}, {@code folder*} or {@code space*} event that names its object. */
    public static Optional<String> groupKey(WebhookPayload payload) {
        return HierarchyKind.ofEvent(payload.event()).flatMap(kind -> {
            String id = switch (kind) {
                case SPACE -> payload.spaceId();
                case FOLDER -> payload.folderId();
                case LIST -> payload.listId();
            };
            return id == null || id.isBlank() ? Optional.empty() : Optional.of(PREFIX + kind.code() + "#" + id);
        });
    }

    /**
     * The idempotency key of an event. A hierarchy event's body is only its event name and object id,
     * so renaming a list twice sends two identical bodies: keyed by body alone (as other events without
     * history items are), the second rename would be dropped as a duplicate for as long as keys are
     * kept. Such an event is keyed per delivery instead ({@link IdempotencyKey#perDelivery}): a ClickUp
     * retry then costs one more fetch, which is harmless, as applying one is a fetch of the present.
     * Other events keep {@code bodyKey}.
     */
    public static String deliveryKey(String bodyKey, WebhookPayload payload, String receivedAt) {
        return groupKey(payload).isEmpty() ? bodyKey : IdempotencyKey.perDelivery(bodyKey, receivedAt);
    }

    /** Whether a drain group key is a hierarchy object's. */
    public static boolean isGroup(String key) {
        return key.startsWith(PREFIX);
    }

    static HierarchyKind kind(String key) {
        return HierarchyKind.valueOf(key.substring(PREFIX.length(), key.indexOf('#', PREFIX.length())).toUpperCase(
                java.util.Locale.ROOT));
    }

    static String id(String key) {
        return key.substring(key.indexOf('#', PREFIX.length()) + 1);
    }
}
