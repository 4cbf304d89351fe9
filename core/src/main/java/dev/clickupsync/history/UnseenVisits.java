package dev.clickupsync.history;

import dev.clickupsync.mirror.Transition;
import dev.clickupsync.mirror.TransitionStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The visits to a status that {@code time_in_status} does not show, found on the task's timeline and
 * placed to the minute ClickUp gives.
 *
 * <h2>Finding them</h2>
 * {@code time_in_status} shows one entry per status, so when a task came back to a status and the
 * webhook of that return was dropped, no entry tells it. The webhooks heard around it do: each names
 * the status it left ({@code before}). On the timeline of stored and restored transitions in time
 * order, a webhook transition whose {@code from} is not the status the previous transition led to
 * means the task entered {@code from} in between, unseen. That visit is restored from the previous
 * transition's status into {@code from}. A gap next to a restored transition is not read (its
 * {@code from} is the mirror's own guess), nor one before the first transition (the past the mirror
 * never knew).
 *
 * <h2>Placing them</h2>
 * ClickUp's {@code by_minute} for that status is the whole minutes (floor, as the fake and the
 * replica's own {@code read/TimeInStatusView} count them) of all its stays summed. With {@code S} the
 * stays the timeline already knows and {@code M} ClickUp's minutes, the unseen stay {@code d} ends at
 * the heard transition and satisfies {@code M min <= S + d < (M + 1) min}, and {@code 0 < d < gap}.
 * That is a window at most a minute wide: the transition is stored there ({@link Transition#restoredWithin},
 * at the middle, so the replica's own {@code by_minute} for the status equals ClickUp's). When the
 * minutes do not fit (another visit is unseen too, or the clocks disagree), a gap of at most
 * {@link TransitionStore#APPROXIMATE_MAX} is the window itself; a longer one is left unplaced (counted
 * by the caller) rather than stored with a time nobody can vouch for.
 *
 * <p>Invariant: the window always lies strictly between the two transitions around the gap, so the
 * restored visit never reorders what the timeline knew; a late webhook of the visit falls in its
 * window and replaces it ({@link TransitionStore#sameEntry}).
 */
final class UnseenVisits {
    private static final long MINUTE = 60_000;

    /** What was found: the visits placed, and how many gaps could not be placed. */
    record Found(List<Transition> visits, int unplaced) {
    }

    private UnseenVisits() {
    }

    /**
     * The unseen visits on {@code timeline} (the task's transitions, any order), with ClickUp's
     * {@code minutes} per lower-cased status and {@code now} as the end of the current stay.
     */
    static Found find(String taskId, List<Transition> timeline, Map<String, Long> minutes, Instant now) {
        List<Transition> sorted = new ArrayList<>(timeline);
        sorted.sort(TransitionStore.ORDER);
        List<Transition> visits = new ArrayList<>();
        int unplaced = 0;
        for (int i = 1; i < sorted.size(); i++) {
            Transition before = sorted.get(i - 1);
            Transition heard = sorted.get(i);
            String unseen = heard.fromStatus();
            if (heard.restored() || unseen == null || before.toStatus() == null
                    || before.toStatus().equalsIgnoreCase(unseen)) {
                continue;
            }
            Long total = minutes.get(unseen.toLowerCase(Locale.ROOT));
            long gap = heard.at().toEpochMilli() - before.at().toEpochMilli();
            long[] stay = total == null ? null : stay(total, known(sorted, unseen, now), gap);
            if (stay == null) {
                unplaced++;
                continue;
            }
            long end = heard.at().toEpochMilli();
            Transition.Window window = new Transition.Window(Instant.ofEpochMilli(end - stay[1]),
                    Instant.ofEpochMilli(end - stay[0]));
            visits.add(Transition.restoredWithin(taskId, before.toStatus(), before.toType(), unseen, heard.fromType(),
                    Instant.ofEpochMilli(end - (stay[0] + stay[1]) / 2), window));
        }
        return new Found(List.copyOf(visits), unplaced);
    }

    /**
     * The shortest and longest unseen stay, in ms, that ClickUp's {@code total} minutes allow next to
     * the {@code known} ms, inside the {@code gap}; the whole gap when the minutes do not fit and the gap
     * is short enough; null when neither.
     */
    static long[] stay(long total, long known, long gap) {
        if (gap < 3) {
            return null; // nothing fits strictly between the two transitions
        }
        long shortest = Math.max(1, total * MINUTE - known);
        long longest = Math.min(gap - 1, (total + 1) * MINUTE - known - 1);
        if (shortest <= longest) {
            return new long[] {shortest, longest};
        }
        return gap <= TransitionStore.APPROXIMATE_MAX.toMillis() ? new long[] {1, gap - 1} : null;
    }

    /** The ms the timeline already spends in {@code status}: each entry into it until the next transition, or {@code now}. */
    private static long known(List<Transition> sorted, String status, Instant now) {
        long known = 0;
        for (int i = 0; i < sorted.size(); i++) {
            Transition t = sorted.get(i);
            if (status.equalsIgnoreCase(t.toStatus())) {
                Instant until = i + 1 < sorted.size() ? sorted.get(i + 1).at() : now;
                known += Math.max(0, until.toEpochMilli() - t.at().toEpochMilli());
            }
        }
        return known;
    }
}
