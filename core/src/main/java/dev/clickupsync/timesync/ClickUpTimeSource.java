package dev.clickupsync.timesync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.clickup.model.Teams;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * {@link TimeEntrySource} through {@link ClickUpClient}: each call goes through the budget, retries and
 * breaker. The members of a workspace are kept for {@link #MEMBERS_TTL} in this instance: they change
 * rarely, and a warm reconcile function then spends no call on them; a member added meanwhile is asked
 * for at the next refresh, and their earlier entries are still inside the walk's overlap then.
 */
@ApplicationScoped
public class ClickUpTimeSource implements TimeEntrySource {
    static final Duration MEMBERS_TTL = Duration.ofHours(1);

    private final ClickUpClient clickUp;
    private final Clock clock;
    private final Map<String, Members> members = new ConcurrentHashMap<>();

    private record Members(List<Long> ids, Instant readAt) {
    }

    @Inject
    public ClickUpTimeSource(ClickUpClient clickUp) {
        this(clickUp, Clock.systemUTC());
    }

    ClickUpTimeSource(ClickUpClient clickUp, Clock clock) {
        this.clickUp = clickUp;
        this.clock = clock;
    }

    @Override
    public List<Long> members(String teamId) {
        Instant now = clock.instant();
        Members known = members.get(teamId);
        if (known != null && known.readAt().plus(MEMBERS_TTL).isAfter(now)) {
            return known.ids();
        }
        List<Long> ids = clickUp.teams().stream().filter(t -> teamId.equals(t.id())).findFirst().map(Teams.Team::members)
                .orElse(List.of()).stream().map(Teams.Member::user).filter(Objects::nonNull).map(u -> u.id()).toList();
        if (!ids.isEmpty()) { // an answer without members is not worth keeping
            members.put(teamId, new Members(ids, now));
        }
        return ids;
    }

    @Override
    public List<JsonNode> entries(String teamId, Instant from, Instant to, List<Long> assignees) {
        String assignee = assignees.isEmpty() ? null
                : assignees.stream().map(String::valueOf).collect(Collectors.joining(","));
        return clickUp.timeEntries(teamId, from, to, assignee, null);
    }
}
