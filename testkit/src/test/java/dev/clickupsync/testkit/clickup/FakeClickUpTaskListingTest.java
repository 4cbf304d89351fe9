package dev.clickupsync.testkit.clickup;

import dev.clickupsync.testkit.MutableClock;

import static dev.clickupsync.testkit.clickup.ClickUpHttp.get;
import static dev.clickupsync.testkit.clickup.ClickUpHttp.json;
import static dev.clickupsync.testkit.clickup.ClickUpHttp.names;
import static dev.clickupsync.testkit.clickup.ClickUpHttp.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** GET /list/{id}/task and GET /team/{id}/task over real HTTP: paging, filters, defaults, order. */
class FakeClickUpTaskListingTest {

    private static final long T0 = 1_760_000_000_000L;
    private static final String LIST = DemoWorkspace.LIST_ID;
    private static final String TEAM = DemoWorkspace.TEAM_ID;

    private final MutableClock clock = new MutableClock(T0);
    private final FakeWorkspace workspace = FakeWorkspace.demo(clock);
    private final FakeClickUp fake = FakeClickUp.builder().workspace(workspace).rateLimit(10_000, Duration.ofMinutes(1)).start();

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void listTasksPagesOf100WithLastPageOnTheThird() {
        addTasks(247); // plus the two open demo tasks: 249 open, 250 with the closed one
        workspace.updateTask(DemoWorkspace.TASK_SHIP_V1, c -> c.status("to do"));

        List<JsonNode> pages = new ArrayList<>();
        for (int page = 0; page < 4; page++) {
            pages.add(ok(get(fake, "/list/" + LIST + "/task?page=" + page)));
        }

        assertThat(pages).extracting(p -> p.get("tasks").size()).containsExactly(100, 100, 50, 0);
        assertThat(pages).extracting(p -> p.get("last_page").asBoolean()).containsExactly(false, false, true, true);
        assertThat(names(pages.get(0))).containsExactly("tasks", "last_page");
        Set<String> ids = new HashSet<>();
        pages.forEach(p -> p.get("tasks").forEach(t -> ids.add(t.get("id").asText())));
        assertThat(ids).hasSize(250).containsAll(workspace.taskIds());
    }

    @Test
    void listedTaskIsShapedLikeGetTaskWithoutAttachments() {
        JsonNode listed = ok(get(fake, "/list/" + LIST + "/task")).get("tasks").get(0);
        JsonNode example = ClickUpHttp.resource("get_list_tasks.example.json").get("tasks").get(0);

        assertThat(names(listed)).containsExactlyElementsOf(names(example));
        ObjectNode full = workspace.taskJson(listed.get("id").asText());
        full.remove("attachments");
        assertThat(listed).isEqualTo(full);
    }

    @Test
    void defaultOrderIsNewestCreatedFirstAndReverseGivesOldestFirst() {
        addTasks(3);

        List<String> byDefault = ids(ok(get(fake, "/list/" + LIST + "/task")));
        List<String> reversed = ids(ok(get(fake, "/list/" + LIST + "/task?order_by=created&reverse=true")));

        assertThat(byDefault).hasSize(5).startsWith("t-002", "t-001", "t-000");
        assertThat(reversed).containsExactlyElementsOf(reversed(byDefault));
        assertThat(reversed.get(0)).isEqualTo(DemoWorkspace.TASK_LOGIN_BUG);
    }

    @Test
    void orderByUpdatedReverseListsLeastRecentlyUpdatedFirst() {
        addTasks(3);
        clock.advance(Duration.ofMinutes(5));
        workspace.updateTask("t-000", c -> c.name("touched twice"));
        clock.advance(Duration.ofMinutes(5));
        workspace.updateTask(DemoWorkspace.TASK_LOGIN_BUG, c -> c.name("touched"));
        clock.advance(Duration.ofSeconds(1));
        workspace.updateTask("t-000", c -> c.priority(1));

        List<String> oldestFirst = ids(ok(get(fake, "/list/" + LIST + "/task?order_by=updated&reverse=true")));
        List<String> newestFirst = ids(ok(get(fake, "/list/" + LIST + "/task?order_by=updated")));

        assertThat(oldestFirst).containsExactly(DemoWorkspace.TASK_RELEASE_NOTES, "t-001", "t-002", DemoWorkspace.TASK_LOGIN_BUG,
                "t-000");
        assertThat(newestFirst).containsExactlyElementsOf(reversed(oldestFirst));
    }

    @Test
    void dateUpdatedGtReturnsOnlyTasksChangedSince() {
        addTasks(5);
        long since = clock.millis();
        clock.advance(Duration.ofSeconds(1));
        workspace.updateTask("t-003", c -> c.status("review"));
        workspace.updateTask(DemoWorkspace.TASK_LOGIN_BUG, c -> c.addTag("urgent"));

        JsonNode changed = ok(get(fake, "/list/" + LIST + "/task?date_updated_gt=" + since));
        JsonNode before = ok(get(fake, "/list/" + LIST + "/task?date_updated_lt=" + (since + 1)));

        assertThat(ids(changed)).containsExactlyInAnyOrder("t-003", DemoWorkspace.TASK_LOGIN_BUG);
        assertThat(ids(before)).doesNotContain("t-003", DemoWorkspace.TASK_LOGIN_BUG).hasSize(5);
        assertThat(ok(get(fake, "/team/" + TEAM + "/task?date_updated_gt=" + since)).get("tasks")).hasSize(2);
    }

    @Test
    void closedTasksAndSubtasksAreLeftOutUnlessAskedFor() {
        workspace.createSubtask("86c0sub01", DemoWorkspace.TASK_LOGIN_BUG, "Reproduce with SSO");
        workspace.createSubtask("86c0sub02", "86c0sub01", "Capture the SAML trace");

        assertThat(ids(ok(get(fake, "/list/" + LIST + "/task"))))
                .containsExactlyInAnyOrder(DemoWorkspace.TASK_LOGIN_BUG, DemoWorkspace.TASK_RELEASE_NOTES);
        assertThat(ids(ok(get(fake, "/list/" + LIST + "/task?include_closed=true")))).contains(DemoWorkspace.TASK_SHIP_V1).hasSize(3);
        JsonNode withSubtasks = ok(get(fake, "/list/" + LIST + "/task?subtasks=true&include_closed=true"));
        assertThat(ids(withSubtasks)).hasSize(5).contains("86c0sub01", "86c0sub02");
        JsonNode nested = byId(withSubtasks, "86c0sub02");
        assertThat(nested.get("parent").asText()).isEqualTo("86c0sub01");
        assertThat(nested.get("top_level_parent").asText()).isEqualTo(DemoWorkspace.TASK_LOGIN_BUG);
        assertThat(ids(ok(get(fake, "/team/" + TEAM + "/task?parent=86c0sub01")))).containsExactly("86c0sub02");
        assertThat(ids(ok(get(fake, "/team/" + TEAM + "/task")))).hasSize(2);
    }

    @Test
    void archivedTasksShowOnlyWithArchivedTrue() {
        workspace.setArchived(DemoWorkspace.TASK_RELEASE_NOTES, true);

        assertThat(ids(ok(get(fake, "/list/" + LIST + "/task")))).containsExactly(DemoWorkspace.TASK_LOGIN_BUG);
        JsonNode archived = ok(get(fake, "/list/" + LIST + "/task?archived=true"));
        assertThat(ids(archived)).containsExactly(DemoWorkspace.TASK_RELEASE_NOTES);
        assertThat(archived.get("tasks").get(0).get("archived").asBoolean()).isTrue();
    }

    @Test
    void filtersByStatusesAssigneesAndTagsInBothSpellings() {
        assertThat(ids(ok(get(fake, "/list/" + LIST + "/task?statuses[]=in%20progress&statuses[]=review"))))
                .containsExactly(DemoWorkspace.TASK_RELEASE_NOTES);
        assertThat(ids(ok(get(fake, "/list/" + LIST + "/task?statuses=TO%20DO")))).containsExactly(DemoWorkspace.TASK_LOGIN_BUG);
        assertThat(ids(ok(get(fake, "/list/" + LIST + "/task?assignees[]=184&include_closed=true"))))
                .containsExactlyInAnyOrder(DemoWorkspace.TASK_RELEASE_NOTES, DemoWorkspace.TASK_SHIP_V1);
        assertThat(ids(ok(get(fake, "/team/" + TEAM + "/task?tags[]=docs")))).containsExactly(DemoWorkspace.TASK_RELEASE_NOTES);
    }

    @Test
    void teamTasksHaveNoLastPageAndEndOnAShortPage() {
        addTasks(248); // 250 open tasks in all

        List<Integer> sizes = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int page = 0; ; page++) {
            JsonNode body = ok(get(fake, "/team/" + TEAM + "/task?page=" + page));
            assertThat(names(body)).containsExactly("tasks");
            sizes.add(body.get("tasks").size());
            body.get("tasks").forEach(t -> ids.add(t.get("id").asText()));
            if (body.get("tasks").size() < TaskQuery.PAGE_SIZE) {
                break;
            }
        }

        assertThat(sizes).containsExactly(100, 100, 50);
        assertThat(ids).hasSize(250);
    }

    @Test
    void teamTasksFilterBySpaceFolderAndList() {
        workspace.addSpace("s2", "Ops").addFolder("f2", "s2", "Infra").addList("l2", "f2", "Runbooks", DemoWorkspace.STATUSES);
        workspace.createTask("86c0ops01", "l2", "Rotate keys");

        assertThat(ids(ok(get(fake, "/team/" + TEAM + "/task?list_ids[]=l2")))).containsExactly("86c0ops01");
        assertThat(ids(ok(get(fake, "/team/" + TEAM + "/task?project_ids[]=" + DemoWorkspace.FOLDER_ID)))).hasSize(2);
        assertThat(ids(ok(get(fake, "/team/" + TEAM + "/task?space_ids[]=s2&space_ids[]=" + DemoWorkspace.SPACE_ID)))).hasSize(3);
    }

    @Test
    void unknownListAndForeignTeamAnswerClickUpErrors() {
        HttpResponse<String> unknownList = get(fake, "/list/404404/task");
        HttpResponse<String> foreignTeam = get(fake, "/team/1/task");
        HttpResponse<String> badOrder = get(fake, "/list/" + LIST + "/task?order_by=name");

        assertThat(unknownList.statusCode()).isEqualTo(404);
        assertThat(json(unknownList).get("ECODE").asText()).isEqualTo(ClickUpErrors.LIST_NOT_FOUND);
        assertThat(foreignTeam.statusCode()).isEqualTo(401);
        assertThat(json(foreignTeam).toString()).isEqualTo("{\"err\":\"Team not authorized\",\"ECODE\":\"OAUTH_027\"}");
        assertThat(badOrder.statusCode()).isEqualTo(400);
        assertThat(get(fake, "/list/" + LIST + "/task?date_updated_gt=soon").statusCode()).isEqualTo(400);
    }

    @Test
    void renamedAddedAndRemovedCustomFieldsShowAtOnce() {
        workspace.renameCustomField(LIST, DemoWorkspace.FIELD_STORY_POINTS, "Estimate (pts)")
                .removeCustomField(LIST, DemoWorkspace.FIELD_SPRINT_GOAL)
                .addCustomField(LIST, FakeCustomField.date("f-launch", "Launch date"));

        JsonNode fields = ok(get(fake, "/list/" + LIST + "/field")).get("fields");
        assertThat(fields).extracting(f -> f.get("name").asText()).containsExactly("Severity", "Estimate (pts)", "Launch date");
        JsonNode task = ok(get(fake, "/task/" + DemoWorkspace.TASK_RELEASE_NOTES));
        assertThat(task.get("custom_fields")).extracting(f -> f.get("name").asText())
                .containsExactly("Severity", "Estimate (pts)", "Launch date");
        assertThat(task.get("custom_fields").get(1).get("value").asText()).isEqualTo("2");
    }

    @Test
    void customItemsFiltersByTaskTypeOnListAndTeam() {
        addTasks(3);
        workspace.setCustomItemId("t-000", 1).setCustomItemId("t-001", 1300);

        List<String> milestones = ids(ok(get(fake, "/list/" + LIST + "/task?custom_items[]=1")));
        List<String> plainOrCustom = ids(ok(get(fake, "/team/" + TEAM + "/task?custom_items[]=0&custom_items[]=1300")));
        List<String> unfiltered = ids(ok(get(fake, "/list/" + LIST + "/task")));

        assertThat(milestones).containsExactly("t-000");
        assertThat(plainOrCustom).contains("t-001", "t-002").doesNotContain("t-000");
        assertThat(unfiltered).contains("t-000", "t-001", "t-002");
        assertThat(ok(get(fake, "/task/t-001")).get("custom_item_id").asLong()).isEqualTo(1300);
        assertThat(byId(ok(get(fake, "/list/" + LIST + "/task?custom_items[]=1300")), "t-001").get("custom_item_id").asLong())
                .isEqualTo(1300);
        assertThat(get(fake, "/list/" + LIST + "/task?custom_items[]=milestone").statusCode()).isEqualTo(400);
    }

    /** Tasks t-000, t-001... one second apart, after the demo's. */
    private void addTasks(int count) {
        for (int i = 0; i < count; i++) {
            clock.advance(Duration.ofSeconds(1));
            workspace.createTask(String.format("t-%03d", i), LIST, "Task " + i);
        }
    }

    private static List<String> reversed(List<String> list) {
        List<String> copy = new ArrayList<>(list);
        Collections.reverse(copy);
        return copy;
    }

    private static List<String> ids(JsonNode body) {
        List<String> ids = new ArrayList<>();
        body.get("tasks").forEach(t -> ids.add(t.get("id").asText()));
        return ids;
    }

    private static JsonNode byId(JsonNode body, String id) {
        for (JsonNode task : body.get("tasks")) {
            if (task.get("id").asText().equals(id)) {
                return task;
            }
        }
        throw new AssertionError("no task " + id);
    }
}
