package dev.clickupsync.goal;

import dev.clickupsync.event.WebhookPayload;

import java.util.Optional;

/**
 * Which queued events are goal events ({@code goal*}, {@code keyResult*}), and the drain group each
 * belongs to: one group per goal ({@code gl#<goal_id>}), as a key-result event is a change of its
 * goal (the goal's JSON holds its key results), so a batch fetches each goal at most once.
 *
 * <p>Like hierarchy events, a goal event's body is its event name and ids only, so two
 * {@code goalUpdated} of one goal send identical bodies: the drain keys them per delivery, not per
 * body (its {@code ObjectGroups}), or the second change would be dropped as a duplicate.
 */
public final class GoalEvents {
    static final String PREFIX = "gl#";

    private GoalEvents() {
    }

    /** The group key of a goal or key-result event that names its goal. */
    public static Optional<String> groupKey(WebhookPayload payload) {
        String event = payload.event();
        if (event == null || !(event.startsWith("goal") || event.startsWith("keyResult"))) {
            return Optional.empty();
        }
        String id = payload.goalId();
        return id == null || id.isBlank() ? Optional.empty() : Optional.of(PREFIX + id);
    }

    /** Whether a drain group key is a goal's. */
    public static boolean isGroup(String key) {
        return key.startsWith(PREFIX);
    }

    static String id(String key) {
        return key.substring(PREFIX.length());
    }
}
