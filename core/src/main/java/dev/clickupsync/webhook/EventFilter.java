package dev.clickupsync.webhook;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;
import java.util.Set;

/**
 * The configured filter rules ({@code clickup.webhook.filter.*}): ClickUp's webhooks are
 * workspace-wide, so whatever a deployment does not care about is dropped at the door, before it
 * costs a queue message or a ClickUp call.
 *
 * <p>A rule applies only when the payload names what it filters on; a payload that names no list
 * (e.g. {@code taskDeleted}) passes a list rule, because dropping it could lose a real deletion.
 */
public final class EventFilter {
    private final Set<String> events;
    private final Set<String> listIds;
    private final Set<String> spaceIds;

    public EventFilter(Optional<Set<String>> events, Optional<Set<String>> listIds, Optional<Set<String>> spaceIds) {
        this.events = events.map(Set::copyOf).orElse(Set.of());
        this.listIds = listIds.map(Set::copyOf).orElse(Set.of());
        this.spaceIds = spaceIds.map(Set::copyOf).orElse(Set.of());
    }

    public static EventFilter from(WebhookConfig.Filter config) {
        return new EventFilter(config.events(), config.listIds(), config.spaceIds());
    }

    /** Null when the payload passes, otherwise the low-cardinality reason it was dropped. */
    public String rejectReason(String event, JsonNode payload) {
        if (!events.isEmpty() && !events.contains(event)) {
            return "event_filtered";
        }
        if (!listIds.isEmpty() && namesOtherThan(listIds, payload.path("list_id"), payload.path("history_items"))) {
            return "list_filtered";
        }
        if (!spaceIds.isEmpty() && namesOtherThan(spaceIds, payload.path("space_id"), null)) {
            return "space_filtered";
        }
        return null;
    }

    /** True when the payload names an id for this rule and none of the named ids is allowed. */
    private static boolean namesOtherThan(Set<String> allowed, JsonNode direct, JsonNode historyItems) {
        boolean named = false;
        if (direct.isTextual()) {
            named = true;
            if (allowed.contains(direct.asText())) {
                return false;
            }
        }
        if (historyItems != null && historyItems.isArray()) {
            for (JsonNode item : historyItems) {
                JsonNode parent = item.path("parent_id");
                if (parent.isTextual()) {
                    named = true;
                    if (allowed.contains(parent.asText())) {
                        return false;
                    }
                }
            }
        }
        return named;
    }
}
