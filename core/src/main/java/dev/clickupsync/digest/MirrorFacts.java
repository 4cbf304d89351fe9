package dev.clickupsync.digest;

import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.TaskSnapshot;
import dev.clickupsync.mirror.Transition;
import dev.clickupsync.mirror.TransitionStore;
import dev.clickupsync.store.ListMembership;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one scope's facts from the mirror only (no ClickUp call), with no new index: the list
 * membership items ({@code list#<id>} / {@code task#<id>}, one Query per list), the snapshots by
 * {@code BatchGetItem}, and the status transitions (one Query per task) only of tasks whose
 * {@code date_updated} is in the window, since a transition always bumps it. A whole list is read
 * because "in progress", "blocked" and "overdue" are about current state, not about the window.
 *
 * <p>Membership is a superset (a moved task may linger), so the snapshot's own {@code list_id}
 * decides; deleted and archived tasks are left out.
 */
@ApplicationScoped
public class MirrorFacts {
    private static final Set<String> FINISHED_TYPES = Set.of("closed", "done");

    private final ListMembership membership;
    private final MirrorStore mirror;
    private final TransitionStore transitions;
    private final DigestConfig config;

    @Inject
    public MirrorFacts(ListMembership membership, MirrorStore mirror, TransitionStore transitions, DigestConfig config) {
        this.membership = membership;
        this.mirror = mirror;
        this.transitions = transitions;
        this.config = config;
    }

    /** The facts of {@code scope} for the window {@code (from, to]}; space scopes in {@code sync.digest.team-id}. */
    public ScopeFacts read(DigestScope scope, Instant from, Instant to) {
        return read(scope, config.teamId(), from, to);
    }

    /**
     * The facts of {@code scope} for the window {@code (from, to]}.
     *
     * @param teamId the workspace (team) whose list registry resolves a space scope
     */
    public ScopeFacts read(DigestScope scope, Optional<String> teamId, Instant from, Instant to) {
        List<String> lists = lists(scope, teamId);
        Set<String> taskIds = new LinkedHashSet<>();
        lists.forEach(list -> taskIds.addAll(membership.taskIds(list)));
        List<TaskFact> facts = new ArrayList<>();
        for (TaskSnapshot s : mirror.findAll(taskIds)) {
            if (s.deleted() || s.archived() || !lists.contains(s.listId())) {
                continue;
            }
            TaskFact fact = fact(s, from, to);
            if (fact != null) {
                facts.add(fact);
            }
        }
        facts.sort(Comparator.comparingInt(TaskFact::rank).thenComparing(TaskFact::id));
        return new ScopeFacts(scope, from, to, lists, facts);
    }

    private List<String> lists(DigestScope scope, Optional<String> teamId) {
        if (scope.kind() == DigestScope.Kind.LIST) {
            return List.of(scope.id());
        }
        String team = teamId.filter(t -> !t.isBlank()).orElseThrow(() -> new IllegalArgumentException(
                "space scope " + scope.id() + " needs its workspace's team id (sync.digest.team-id for default):"
                        + " the list registry is per workspace"));
        return membership.lists(team).stream().filter(l -> scope.id().equals(l.spaceId()))
                .map(ListMembership.KnownList::listId).sorted().toList();
    }

    private TaskFact fact(TaskSnapshot s, Instant from, Instant to) {
        boolean finished = s.dateClosed() != null || s.dateDone() != null
                || (s.statusType() != null && FINISHED_TYPES.contains(s.statusType().toLowerCase(Locale.ROOT)));
        boolean changed = s.dateUpdated() != null && s.dateUpdated().isAfter(from);
        boolean blocked = !finished && isBlocked(s);
        boolean overdue = !finished && s.dueDate() != null && s.dueDate().isBefore(to);
        // ClickUp's status types: "open" (the first status), "custom" (the ones between), "done", "closed"
        boolean inProgress = !finished && !blocked && "custom".equalsIgnoreCase(s.statusType());
        if (!changed && !blocked && !overdue && !inProgress) {
            return null;
        }
        List<Transition> inWindow = changed ? transitions.forTask(s.id()).stream()
                .filter(t -> t.at().isAfter(from) && !t.at().isAfter(to)).toList() : List.of();
        List<String> assignees = s.assignees() == null ? List.of() : s.assignees().stream()
                .map(p -> p.username() == null || p.username().isBlank() ? "user " + p.id() : p.username()).toList();
        return new TaskFact(s.id(), s.listId(), s.name(), s.status(), s.priority(), assignees, s.dueDate(), s.dateUpdated(),
                changed, inProgress, blocked, overdue, inWindow);
    }

    private boolean isBlocked(TaskSnapshot s) {
        List<String> words = new ArrayList<>();
        words.add(s.status());
        if (s.tags() != null) {
            words.addAll(s.tags());
        }
        return words.stream().filter(Objects::nonNull).map(w -> w.toLowerCase(Locale.ROOT))
                .anyMatch(w -> config.blockedMarkers().stream().anyMatch(m -> !m.isBlank() && w.contains(m.toLowerCase(Locale.ROOT))));
    }
}
