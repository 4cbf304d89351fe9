package dev.clickupsync.timesync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.clickup.model.Teams;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** {@link TimeEntrySource} through {@link ClickUpClient}: each method is one call (budget, retries, breaker). */
@ApplicationScoped
public class ClickUpTimeSource implements TimeEntrySource {
    private final ClickUpClient clickUp;

    @Inject
    public ClickUpTimeSource(ClickUpClient clickUp) {
        this.clickUp = clickUp;
    }

    @Override
    public List<Long> members(String teamId) {
        return clickUp.teams().stream().filter(t -> teamId.equals(t.id())).findFirst().map(Teams.Team::members)
                .orElse(List.of()).stream().map(Teams.Member::user).filter(Objects::nonNull).map(u -> u.id()).toList();
    }

    @Override
    public List<JsonNode> entries(String teamId, Instant from, Instant to, List<Long> assignees) {
        String assignee = assignees.isEmpty() ? null
                : assignees.stream().map(String::valueOf).collect(Collectors.joining(","));
        return clickUp.timeEntries(teamId, from, to, assignee, null);
    }
}
