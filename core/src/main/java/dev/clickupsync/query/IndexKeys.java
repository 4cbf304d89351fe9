package dev.clickupsync.query;

import dev.clickupsync.mirror.TaskSnapshot;
import dev.clickupsync.query.TaskQuery.Order;
import dev.clickupsync.store.Item;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The keys of a task's index items in the mirror table. Partition {@code tq#l#<list>#<a>} (the list)
 * and {@code tq#t#<team>#<a>} (the workspace), {@code a} = {@code 1} for archived tasks and
 * {@code 0} otherwise ({@code archived} is an exact match in every query, so it is part of the key).
 * Sort key per order: {@code i#<id>}, {@code c#<created>#<id>}, {@code u#<updated>#<id>},
 * {@code d#<due>#<id>}, times as 15-digit zero-padded Unix ms (string order = time order), a
 * missing due date as {@code ~} (after every digit: last in ascending order, as ClickUp's fake
 * sorts nulls); the task id breaks ties. A tombstone has no keys.
 *
 * <p>A task with a custom id also has one lookup item, {@code tq#c#<team>#<CUSTOM ID>} / {@code task}
 * (the custom id upper-cased: ClickUp matches custom ids case-insensitively), which only points at the
 * task ({@code tid}, {@code v}): {@link CustomTaskIds} reads it to serve {@code custom_task_ids=true}.
 * It is written and deleted with the other keys, so it moves when the custom id changes and goes with
 * the tombstone.
 */
record IndexKeys(String pk, String sk) {
    static final String NO_DATE = "~";
    static final String LOOKUP_SK = "task";

    static Set<IndexKeys> of(TaskSnapshot s) {
        Set<IndexKeys> keys = new LinkedHashSet<>();
        if (s == null || s.deleted() || s.dateUpdated() == null) {
            return keys;
        }
        for (String pk : new String[] {s.listId() == null ? null : partition(Scope.list(s.listId()), s.archived()),
                s.teamId() == null ? null : partition(Scope.team(s.teamId()), s.archived())}) {
            if (pk == null) {
                continue;
            }
            for (Order order : Order.values()) {
                keys.add(new IndexKeys(pk, sortKey(order, s)));
            }
        }
        if (s.customId() != null && !s.customId().isBlank() && s.teamId() != null) {
            keys.add(customId(s.teamId(), s.customId()));
        }
        return keys;
    }

    /** The lookup item's key of a custom id in a workspace. */
    static IndexKeys customId(String teamId, String customId) {
        return new IndexKeys("tq#c#" + teamId + "#" + customId.strip().toUpperCase(java.util.Locale.ROOT), LOOKUP_SK);
    }

    /** Whether this is a custom id's lookup item (a pointer, not a query item). */
    boolean lookup() {
        return LOOKUP_SK.equals(sk);
    }

    static String partition(Scope scope, boolean archived) {
        return "tq#" + (scope.kind() == Scope.Kind.LIST ? "l#" : "t#") + scope.id() + "#" + (archived ? "1" : "0");
    }

    static String sortKey(Order order, TaskSnapshot s) {
        return switch (order) {
            case ID -> order.prefix + "#" + s.id();
            case CREATED -> order.prefix + "#" + time(s.dateCreated()) + "#" + s.id();
            case UPDATED -> order.prefix + "#" + time(s.dateUpdated()) + "#" + s.id();
            case DUE_DATE -> order.prefix + "#" + time(s.dueDate()) + "#" + s.id();
        };
    }

    Map<String, AttributeValue> key() {
        return Item.key(pk, sk);
    }

    private static String time(Instant at) {
        if (at == null) {
            return NO_DATE;
        }
        return String.format("%015d", Math.max(0, at.toEpochMilli()));
    }
}
