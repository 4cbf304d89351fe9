package dev.clickupsync.read;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.json.Json;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.TaskSnapshot;
import dev.clickupsync.mirror.TeamTimeIndex;
import dev.clickupsync.mirror.TimePlace;
import dev.clickupsync.mirror.TimeEntryRecord;
import dev.clickupsync.mirror.TimeEntryStore;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameters;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /team/{team_id}/time_entries} from the mirror's time entries: with {@code task_id} the
 * task's own ({@link TimeEntryStore}, one {@code Query}); without it the workspace's, from its
 * {@link TeamTimeIndex} (one {@code Query} over the date range, then the tasks' entries by
 * {@code BatchGetItem} per 100 tasks, which rendering needs anyway and on which the location filters
 * and the deleted check are evaluated again; {@code assignee} and the location filters are evaluated
 * on the index items, which carry their task's place). {@code assignee}
 * is required (ClickUp's default is the token owner's entries, and the mirror does not know who owns
 * the client's token). Then, as ClickUp does: entries whose start lies in
 * {@code [start_date, end_date]} (default: the 30 days before {@code end_date}, default now), of the
 * given users, oldest first; {@code list_id}, {@code folder_id}, {@code space_id} check the task's
 * location (no match: no entries); a task of another workspace than {@code team_id}, or one the
 * mirror holds as deleted: no entries (ClickUp leaves a deleted task's entries out); a task the
 * mirror has never seen: {@code 404}. {@code task_id} may be a custom task id with
 * {@code custom_task_ids=true&team_id=X}, looked up as {@code GET /task/{id}} looks it up. The freshness headers are the least fresh of the tasks answered
 * (none when no entry matched).
 * Unsupported: {@code include_task_tags=true}, {@code include_location_names=true}, the approval
 * details and {@code is_billable} ({@code 400} naming each).
 *
 * <p>No paging (ClickUp has none), so one answer is bounded instead: more than
 * {@code sync.read-api.time-entries.max-entries} entries of the asked users in the range is a
 * {@code 400} ({@code read-time-range-too-wide}) telling the client to narrow the dates, never a
 * truncated list. Team-wide the index read stops at the limit plus one ({@link TeamTimeIndex#between(String,
 * Instant, Instant, java.util.function.Predicate, TimePlace.Filter, int)}), before any task is read; the
 * count is taken after the asked users and the location filters, so a narrow {@code list_id} in a wide
 * range is answered as long as that list's entries fit (index items filed before they carried a
 * place count wherever they are, until a reindex or their task's next move files them again).
 */
@Path(ReadPrefix.CANONICAL + "/team/{team_id}/time_entries")
public class TimeEntriesReadResource {
    static final Duration DEFAULT_WINDOW = Duration.ofDays(30);
    private static final Set<String> PARAMS = Set.of("start_date", "end_date", "assignee", "include_task_tags",
            "include_location_names", "include_approval_history", "include_approval_details", "space_id",
            "folder_id", "list_id", "task_id", "custom_task_ids", "team_id", "is_billable");

    @Inject
    MirrorReads reads;
    @Inject
    TimeEntryStore timeEntries;
    @Inject
    TeamTimeIndex teamTime;
    @Inject
    ReadApiConfig config;
    @Context
    UriInfo uri;

    Clock clock = Clock.systemUTC();

    @Operation(summary = "Time entries of a workspace")
    @APIResponse(responseCode = "200", description = "The entries")
    @GET
    @Parameters({
            @Parameter(name = "start_date", in = ParameterIn.QUERY, ref = "p_start_date"),
            @Parameter(name = "end_date", in = ParameterIn.QUERY, ref = "p_end_date"),
            @Parameter(name = "assignee", in = ParameterIn.QUERY, ref = "p_assignee"),
            @Parameter(name = "include_task_tags", in = ParameterIn.QUERY, ref = "p_include_task_tags"),
            @Parameter(name = "include_location_names", in = ParameterIn.QUERY, ref = "p_include_location_names"),
            @Parameter(name = "include_approval_history", in = ParameterIn.QUERY, ref = "p_include_approval_history"),
            @Parameter(name = "include_approval_details", in = ParameterIn.QUERY, ref = "p_include_approval_details"),
            @Parameter(name = "space_id", in = ParameterIn.QUERY, ref = "p_space_id"),
            @Parameter(name = "folder_id", in = ParameterIn.QUERY, ref = "p_folder_id"),
            @Parameter(name = "list_id", in = ParameterIn.QUERY, ref = "p_list_id"),
            @Parameter(name = "task_id", in = ParameterIn.QUERY, ref = "p_task_id"),
            @Parameter(name = "custom_task_ids", in = ParameterIn.QUERY, ref = "p_custom_task_ids"),
            @Parameter(name = "team_id", in = ParameterIn.QUERY, ref = "p_team_id"),
            @Parameter(name = "is_billable", in = ParameterIn.QUERY, ref = "p_is_billable")})
    public Response entries(@PathParam("team_id") String teamId) {
        ReadParams.id("team", teamId);
        ReadParams params = ReadParams.of(uri, PARAMS);
        String customIdTeam = params.customIdTeam();
        params.refuseTrue("include_task_tags", "the mirror keeps tag names only, not ClickUp's tag objects");
        params.refuseTrue("include_location_names", "the mirror keeps location ids only");
        params.refuseTrue("include_approval_history", "approvals are not mirrored");
        params.refuseTrue("include_approval_details", "approvals are not mirrored");
        if (params.first("is_billable") != null) {
            throw new ReadRejection(ReadProblems.unsupported("is_billable",
                    "billability is unknown for entries read through the legacy time endpoint"));
        }
        String taskId = params.first("task_id");
        List<Long> users = users(params);
        Instant now = clock.instant();
        Long end = params.epochMillis("end_date");
        Long start = params.epochMillis("start_date");
        Instant to = end == null ? now : Instant.ofEpochMilli(end);
        Instant from = start == null ? to.minus(DEFAULT_WINDOW) : Instant.ofEpochMilli(start);
        if (taskId == null) {
            return teamWide(teamId, params, users, from, to, now);
        }

        MirrorStore.Entry entry = reads.seen(taskId, customIdTeam);
        TaskSnapshot task = entry.snapshot();
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode data = body.putArray("data");
        if (!task.deleted() && teamId.equals(task.teamId()) && inLocation(task, params)) {
            List<TimeEntryRecord> matching = new ArrayList<>();
            for (TimeEntryRecord e : timeEntries.forTask(task.id())) {
                if (TimeEntryViews.byOneOf(e, users) && TimeEntryViews.startsWithin(e, from, to)) {
                    matching.add(e);
                }
            }
            refuseOver(matching.size());
            matching.forEach(e -> data.add(TimeEntryViews.teamEntry(e, task))); // forTask's order: by start
        }
        return Freshness.of(entry).on(Response.ok(body.toString(), MediaType.APPLICATION_JSON), now).build();
    }

    /** Every matching entry of the workspace, by start (then entry id), from the team time index. */
    private Response teamWide(String teamId, ReadParams params, List<Long> users, Instant from, Instant to, Instant now) {
        // at most max + 1 read: more than max is refused before any task is read
        List<TimeEntryRecord> byUser = teamTime.between(teamId, from, to, e -> TimeEntryViews.byOneOf(e, users),
                new TimePlace.Filter(params.first("space_id"), params.first("folder_id"), params.first("list_id")),
                config.timeEntries().maxEntries());
        refuseOver(byUser.size());
        Map<String, MirrorStore.Entry> tasks = reads.held(byUser.stream().map(TimeEntryRecord::taskId).distinct().toList());
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode data = body.putArray("data");
        Set<MirrorStore.Entry> answered = new LinkedHashSet<>();
        for (TimeEntryRecord e : byUser) {
            MirrorStore.Entry entry = tasks.get(e.taskId());
            // an item can outlive its task's liveness or workspace until the listener re-files it
            if (entry != null && !entry.snapshot().deleted() && teamId.equals(entry.snapshot().teamId())
                    && inLocation(entry.snapshot(), params)) {
                data.add(TimeEntryViews.teamEntry(e, entry.snapshot()));
                answered.add(entry);
            }
        }
        Freshness freshness = Freshness.leastOf(answered.stream().map(Freshness::of).toList());
        return freshness.on(Response.ok(body.toString(), MediaType.APPLICATION_JSON), now).build();
    }

    /** More entries than one answer may hold: refused whole (never truncated), naming the limit. */
    private void refuseOver(int entries) {
        int max = config.timeEntries().maxEntries();
        if (entries > max) {
            throw new ReadRejection(ReadProblems.timeRangeTooWide(max));
        }
    }

    private static List<Long> users(ReadParams params) {
        List<String> raw = params.all("assignee");
        if (raw.isEmpty()) {
            throw new ReadRejection(ReadProblems.unsupported("assignee (absent)",
                    "ClickUp then answers the token owner's entries, and the mirror does not know who that is;"
                            + " name the users (assignee=<user id>,...)"));
        }
        List<Long> users = new ArrayList<>();
        for (String id : raw) {
            try {
                users.add(Long.parseLong(id));
            } catch (NumberFormatException e) {
                throw new ReadRejection(ReadProblems.badParameter("assignee", "must be comma-separated user ids"));
            }
        }
        return users;
    }

    private static boolean inLocation(TaskSnapshot task, ReadParams params) {
        return matches(params.first("list_id"), task.listId()) && matches(params.first("folder_id"), task.folderId())
                && matches(params.first("space_id"), task.spaceId());
    }

    private static boolean matches(String wanted, String actual) {
        return wanted == null || wanted.equals(actual);
    }
}
