package dev.clickupsync.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.clickupsync.crypto.Sha256;
import dev.clickupsync.event.WebhookPayload;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One status change of a task, from a webhook history item with {@code field = "status"}:
 * {@code before}/{@code after} are status objects ({@code status}, {@code type}), {@code date} is a
 * string of Unix ms, {@code user} the actor.
 *
 * <p>{@code fromStatus} and {@code fromType} are null when the task had no status before (its
 * creation: ClickUp then sends {@code before} null, or a placeholder {@code {"status": null,
 * "type": "removed"}}, whose type is not kept). {@code byUserId} is null when ClickUp names no user.
 *
 * <p>A <b>restored</b> transition was not heard from a webhook but derived by reconcile from ClickUp's
 * {@code time_in_status} ({@code history.TransitionRestore}): its history id is synthetic,
 * {@value #RESTORED_PREFIX} and a hash of task id, destination status and time ({@link #restored}), so
 * deriving it again names the same item; ClickUp's own history ids are numeric strings, so the two
 * kinds never meet. It names no user.
 *
 * <p>An <b>approximate</b> restored transition ({@link #restoredWithin}) carries the {@link Window} its
 * true time is known to lie in: a second visit to a status, which {@code time_in_status} shows only
 * as whole minutes added to that status's total ({@code history.UnseenVisits}). Its {@code at} is a
 * point inside the window; every other transition has no window ({@code null}) and an exact time.
 */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Transition(String taskId, String historyId, String fromStatus, String fromType, String toStatus,
                         String toType, Instant at, Long byUserId, Window window) {

    /** The span a transition's true time lies in, {@code earliest <= at <= latest}, both inclusive. */
    @RegisterForReflection
    public record Window(Instant earliest, Instant latest) {
        public Window {
            if (earliest == null || latest == null || latest.isBefore(earliest)) {
                throw new IllegalArgumentException("a window needs earliest <= latest: " + earliest + ", " + latest);
            }
        }

        /** Whether {@code t} lies in this window widened by {@code slack} on both sides. */
        public boolean holds(Instant t, java.time.Duration slack) {
            return !t.isBefore(earliest.minus(slack)) && !t.isAfter(latest.plus(slack));
        }
    }

    /** An exact transition (no window): a webhook's, or one restored from an entry ClickUp shows. */
    public Transition(String taskId, String historyId, String fromStatus, String fromType, String toStatus,
                      String toType, Instant at, Long byUserId) {
        this(taskId, historyId, fromStatus, fromType, toStatus, toType, at, byUserId, null);
    }

    public Transition {
        if (window != null && at != null && !window.holds(at, java.time.Duration.ZERO)) {
            throw new IllegalArgumentException("a transition's time lies in its window: " + at + " " + window);
        }
    }

    static final String STATUS_FIELD = "status";
    /** The history id prefix of a restored transition (see the class comment). */
    public static final String RESTORED_PREFIX = "restored-";

    /**
     * A transition restored from {@code time_in_status}: into {@code toStatus} at {@code at}, from
     * whatever the mirror's timeline says came before (null: unknown, or the task's creation). The
     * history id depends only on the task, the status (case-insensitive, as ClickUp compares status
     * names) and the time, so every run that derives it derives the same one.
     */
    public static Transition restored(String taskId, String fromStatus, String fromType, String toStatus,
                                      String toType, Instant at) {
        String id = RESTORED_PREFIX + Sha256.hex(taskId + "\n" + toStatus.toLowerCase(Locale.ROOT) + "\n"
                + at.toEpochMilli()).substring(0, 20);
        return new Transition(taskId, id, fromStatus, fromType, toStatus, toType, at, null);
    }

    /**
     * A restored transition whose true time is known only to lie in {@code window}; {@code at} is the
     * point of it the restore chose (see the class comment). Its history id is derived as
     * {@link #restored}'s is, from the chosen point.
     */
    public static Transition restoredWithin(String taskId, String fromStatus, String fromType, String toStatus,
                                            String toType, Instant at, Window window) {
        Transition exact = restored(taskId, fromStatus, fromType, toStatus, toType, at);
        return new Transition(taskId, exact.historyId(), fromStatus, fromType, toStatus, toType, at, null, window);
    }

    /** Whether this transition's time is known only to its {@link #window}. */
    public boolean approximate() {
        return window != null;
    }

    /** Whether reconcile restored this one (no webhook told it). */
    public boolean restored() {
        return historyId != null && historyId.startsWith(RESTORED_PREFIX);
    }

    /**
     * The transition a history item records, or empty unless the item is a status change with an id,
     * a parseable {@code date} and an {@code after} status.
     */
    public static Optional<Transition> from(String taskId, WebhookPayload.HistoryItem item) {
        if (item == null || taskId == null || taskId.isBlank() || !STATUS_FIELD.equals(item.field())
                || item.id() == null || item.id().isBlank()) {
            return Optional.empty();
        }
        Instant at = item.at();
        String toStatus = status(item.after());
        if (at == null || toStatus == null) {
            return Optional.empty();
        }
        String fromStatus = status(item.before());
        return Optional.of(new Transition(taskId, item.id(), fromStatus, fromStatus == null ? null : type(item.before()),
                toStatus, type(item.after()), at, item.userId()));
    }

    /** Every status transition in a task event's history items, in the payload's order. */
    public static List<Transition> fromPayload(WebhookPayload payload) {
        if (payload == null || payload.taskId() == null) {
            return List.of();
        }
        return payload.historyItems().stream().flatMap(i -> from(payload.taskId(), i).stream()).toList();
    }

    private static String status(JsonNode side) {
        JsonNode status = side == null ? null : side.get("status");
        return status == null || !status.isTextual() ? null : status.asText();
    }

    private static String type(JsonNode side) {
        JsonNode type = side == null ? null : side.get("type");
        return type == null || !type.isTextual() ? null : type.asText();
    }
}
