package dev.clickupsync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.json.Json;
import dev.clickupsync.mirror.Transition;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The read bench's deterministic facts, checked once after its cells (so they do not depend on the
 * timings): the replica answers what ClickUp answers, and a task in a page is the task
 * {@code GET /task/{id}} serves.
 * <ul>
 *   <li>{@code GET /task/{id}} of {@value #SAMPLE} seeded tasks: equal to the fake ClickUp's answer on
 *       the fields consumers filter and sort on ({@link #task});</li>
 *   <li>{@code GET /task/{id}/time_in_status} of the same tasks: the fake ClickUp does not serve it, so
 *       the oracle is the seed itself: each status at its first transition into it, in order, and the
 *       current status since the last transition ({@link #timeInStatus}; {@code by_minute} depends on
 *       "now" and is left out);</li>
 *   <li>the unfiltered and the filtered page 0: the same task ids in the same order as ClickUp's, and
 *       every task in them byte-for-byte equal (as JSON) to the replica's own {@code GET /task/{id}}
 *       of it, the direct read.</li>
 * </ul>
 */
final class ReadChecks {
    static final int SAMPLE = 10;

    /** What was compared and what differed (empty when the replica agreed everywhere). */
    record Checks(int compared, int pageTasks, int filteredPageTasks, List<String> differences) {
    }

    private ReadChecks() {
    }

    static Checks run(URI replica, String token, URI clickUp, String clickUpToken, ReadSeed.Seeded seeded) throws Exception {
        HttpClient http = ClosedLoop.client();
        List<String> differences = new ArrayList<>();
        int compared = 0;
        Random rnd = new Random(seeded.taskIds().size());
        for (int i = 0; i < SAMPLE; i++) {
            String id = seeded.taskIds().get(rnd.nextInt(seeded.taskIds().size()));
            compare(differences, "/task/" + id, task(read(http, replica, token, "/task/" + id)),
                    task(read(http, clickUp, clickUpToken, "/task/" + id)));
            String tis = "/task/" + id + "/time_in_status";
            compare(differences, tis, timeInStatus(read(http, replica, token, tis)),
                    expectedTimeInStatus(seeded.recorded().get(id), seeded.workspace().taskJson(id).at("/status/status").asText()));
            compared += 2;
        }
        int[] sizes = new int[2];
        String[] pages = {"/list/" + ReadSeed.LIST_ID + "/task?page=0", "/list/" + ReadSeed.LIST_ID + "/task?" + seeded.filterQuery()};
        for (int p = 0; p < pages.length; p++) {
            JsonNode page = read(http, replica, token, pages[p]);
            compare(differences, pages[p] + " ids", ids(page), ids(read(http, clickUp, clickUpToken, pages[p])));
            for (JsonNode task : page.path("tasks")) {
                compare(differences, pages[p] + " task " + task.path("id").asText(), task,
                        listed(read(http, replica, token, "/task/" + task.path("id").asText())));
            }
            sizes[p] = page.path("tasks").size();
            compared += 1 + sizes[p];
        }
        return new Checks(compared, sizes[0], sizes[1], List.copyOf(differences));
    }

    /** The answer's JSON, or a node saying which status came back (so a comparison shows it). */
    private static JsonNode read(HttpClient http, URI base, String token, String path) throws Exception {
        HttpResponse<String> response = http.send(ReadBench.get(base, token, path), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return Json.MAPPER.createObjectNode().put("status_code", response.statusCode());
        }
        return Json.MAPPER.readTree(response.body());
    }

    /** GET /task as a listing shows it: ClickUp's task listings leave out {@code attachments}. */
    private static JsonNode listed(JsonNode task) {
        if (task instanceof ObjectNode object) {
            object.remove("attachments");
        }
        return task;
    }

    private static void compare(List<String> differences, String what, JsonNode replica, JsonNode clickUp) {
        if (!replica.equals(clickUp)) {
            differences.add(what + ": replica " + abbreviate(replica) + " vs " + abbreviate(clickUp));
        }
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    /** The served fields a consumer filters and sorts on (a subset of what the replica serves). */
    static JsonNode task(JsonNode t) {
        if (t.has("status_code")) {
            return t;
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        for (String field : List.of("id", "name", "date_created", "date_updated", "date_closed", "date_done", "due_date",
                "archived", "parent")) {
            out.set(field, t.path(field).isMissingNode() ? Json.MAPPER.nullNode() : t.get(field));
        }
        out.put("status", t.at("/status/status").asText());
        out.put("status_type", t.at("/status/type").asText());
        out.put("priority", t.at("/priority/priority").asText(null));
        ArrayNode assignees = out.putArray("assignees");
        t.path("assignees").forEach(a -> assignees.add(a.path("id").asLong()));
        ArrayNode tags = out.putArray("tags");
        t.path("tags").forEach(tag -> tags.add(tag.path("name").asText()));
        return out;
    }

    /** Status, since (and by_minute is left out: both sides compute it from their own "now"). */
    static JsonNode timeInStatus(JsonNode t) {
        if (t.has("status_code")) {
            return t;
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("current", t.at("/current_status/status").asText());
        out.put("current_since", t.at("/current_status/total_time/since").asText());
        ArrayNode history = out.putArray("history");
        t.path("status_history").forEach(h -> history.add(h.path("status").asText() + "@" + h.at("/total_time/since").asText()));
        return out;
    }

    /** What {@link #timeInStatus} should show for a task with these transitions (recorded in time order). */
    static JsonNode expectedTimeInStatus(List<Transition> transitions, String current) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("current", current);
        Transition last = transitions.get(transitions.size() - 1);
        out.put("current_since", Long.toString(last.at().toEpochMilli()));
        ArrayNode history = out.putArray("history");
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Transition t : transitions) {
            if (seen.add(t.toStatus())) {
                history.add(t.toStatus() + "@" + t.at().toEpochMilli());
            }
        }
        return out;
    }

    private static JsonNode ids(JsonNode page) {
        if (page.has("status_code")) {
            return page;
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        page.path("tasks").forEach(t -> out.add(t.path("id").asText()));
        return out;
    }
}
