package dev.clickupsync.testkit.clickup;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;

import static dev.clickupsync.testkit.clickup.ClickUpHttp.get;
import static dev.clickupsync.testkit.clickup.ClickUpHttp.json;
import static dev.clickupsync.testkit.clickup.ClickUpHttp.names;
import static dev.clickupsync.testkit.clickup.ClickUpHttp.ok;
import static org.assertj.core.api.Assertions.assertThat;

/** The fake's spaces, folders and lists over HTTP, and the list/folder/space webhooks its changes send. */
class FakeClickUpHierarchyTest {
    private FakeClickUp fake;

    @BeforeEach
    void start() {
        fake = FakeClickUp.start();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void servesTheDemoHierarchyInClickUpsShapes() {
        JsonNode spaces = ok(get(fake, "/team/" + DemoWorkspace.TEAM_ID + "/space"));
        assertThat(spaces.get("spaces")).hasSize(1);
        JsonNode space = spaces.get("spaces").get(0);
        assertThat(space).isEqualTo(ok(get(fake, "/space/" + DemoWorkspace.SPACE_ID)));
        assertThat(names(space)).contains("id", "name", "private", "statuses", "multiple_assignees", "features");

        JsonNode folder = ok(get(fake, "/folder/" + DemoWorkspace.FOLDER_ID));
        assertThat(names(folder)).startsWith("id", "name", "orderindex", "override_statuses", "hidden", "space", "task_count");
        assertThat(folder.get("space").get("id").asText()).isEqualTo(DemoWorkspace.SPACE_ID);
        assertThat(ok(get(fake, "/space/" + DemoWorkspace.SPACE_ID + "/folder")).get("folders")).containsExactly(folder);

        JsonNode list = ok(get(fake, "/list/" + DemoWorkspace.LIST_ID));
        assertThat(names(list)).containsExactly("id", "name", "orderindex", "content", "status", "priority", "assignee",
                "task_count", "due_date", "start_date", "folder", "space", "archived", "override_statuses", "statuses",
                "permission_level");
        assertThat(names(list.get("folder"))).containsExactly("id", "name", "hidden", "access");
        assertThat(list.get("task_count").asInt()).isEqualTo(3);
        assertThat(list.get("statuses").get(0).get("status").asText()).isEqualTo("to do");
        assertThat(folder.get("lists")).containsExactly(list);
        assertThat(ok(get(fake, "/folder/" + DemoWorkspace.FOLDER_ID + "/list")).get("lists")).containsExactly(list);
        assertThat(ok(get(fake, "/space/" + DemoWorkspace.SPACE_ID + "/list")).get("lists")).as("no folderless lists").isEmpty();
    }

    @Test
    void listMembersAreEveryWorkspaceMemberUnlessTheListIsSharedWithSomeAndAnUnknownListIs404() {
        JsonNode members = ok(get(fake, "/list/" + DemoWorkspace.LIST_ID + "/member")).get("members");
        assertThat(members).hasSizeGreaterThan(1);
        assertThat(names(members.get(0))).containsExactly("id", "username", "email", "color", "initials", "profilePicture",
                "profileInfo"); // the OpenAPI example's members
        assertThat(names(members.get(0).get("profileInfo"))).contains("display_profile", "top_tier_user");
        long first = members.get(0).get("id").asLong();

        fake.workspace().setListMembers(DemoWorkspace.LIST_ID, List.of(first));
        try {
            JsonNode shared = ok(get(fake, "/list/" + DemoWorkspace.LIST_ID + "/member")).get("members");
            assertThat(shared).singleElement().satisfies(m -> assertThat(m.get("id").asLong()).isEqualTo(first));
        } finally {
            fake.workspace().setListMembers(DemoWorkspace.LIST_ID,
                    java.util.stream.StreamSupport.stream(members.spliterator(), false).map(m -> m.get("id").asLong()).toList());
        }
        assertThat(get(fake, "/list/999777/member").statusCode()).isEqualTo(404);
    }

    @Test
    void changesSendTheirWebhookWithTheObjectsIdOnly() {
        FakeWorkspace w = fake.workspace();
        WebhookDelivery created = single(w.createList("777001", DemoWorkspace.FOLDER_ID, "New", DemoWorkspace.STATUSES));
        assertThat(created.event()).isEqualTo("listCreated");
        assertThat(names(created.json())).containsExactly("event", "list_id", "webhook_id");
        assertThat(created.json().get("list_id").asText()).isEqualTo("777001");
        assertThat(created.taskId()).isNull();

        assertThat(single(w.renameList("777001", "Renamed")).event()).isEqualTo("listUpdated");
        assertThat(ok(get(fake, "/list/777001")).get("name").asText()).isEqualTo("Renamed");
        assertThat(single(w.createSpace("777100", "Ops")).json().get("space_id").asText()).isEqualTo("777100");
        WebhookDelivery folder = single(w.createFolder("777200", "777100", "Runbooks"));
        assertThat(names(folder.json())).containsExactly("event", "folder_id", "webhook_id");
        assertThat(single(w.renameFolder("777200", "Books")).event()).isEqualTo("folderUpdated");
        assertThat(single(w.renameSpace("777100", "Operations")).event()).isEqualTo("spaceUpdated");

        WebhookDelivery moved = single(w.moveList("777001", "777200"));
        assertThat(moved.event()).isEqualTo("listUpdated");
        JsonNode list = ok(get(fake, "/list/777001"));
        assertThat(list.get("folder").get("id").asText()).isEqualTo("777200");
        assertThat(list.get("space").get("name").asText()).isEqualTo("Operations");
        assertThat(ok(get(fake, "/folder/" + DemoWorkspace.FOLDER_ID + "/list")).get("lists")).hasSize(1);
    }

    @Test
    void deletingAFolderDeletesItsListsAndTheirTasksWithOneEvent() {
        FakeWorkspace w = fake.workspace();
        w.createFolder("888200", DemoWorkspace.SPACE_ID, "Doomed");
        w.createList("888001", "888200", "Doomed list", DemoWorkspace.STATUSES);
        String task = w.createTask("888001", "Doomed task").get(0).taskId();

        List<WebhookDelivery> deliveries = w.deleteFolder("888200");

        assertThat(deliveries).extracting(WebhookDelivery::event).containsExactly("folderDeleted");
        assertThat(w.hasList("888001")).isFalse();
        assertThat(w.isDeleted(task)).isTrue();
        HttpResponse<String> folder = get(fake, "/folder/888200");
        assertThat(folder.statusCode()).isEqualTo(404);
        assertThat(json(folder).get("ECODE").asText()).isEqualTo(ClickUpErrors.FOLDER_NOT_FOUND);
        HttpResponse<String> list = get(fake, "/list/888001");
        assertThat(list.statusCode()).isEqualTo(404);
        assertThat(json(list).get("ECODE").asText()).isEqualTo(ClickUpErrors.LIST_NOT_FOUND);
        assertThat(get(fake, "/task/" + task).statusCode()).isEqualTo(404);
        assertThat(get(fake, "/space/999999").statusCode()).isEqualTo(404);
        assertThat(get(fake, "/team/1/space").statusCode()).as("another workspace").isEqualTo(401);
    }

    @Test
    void folderlessListsLiveInTheSpacesHiddenFolder() {
        FakeWorkspace w = fake.workspace();
        w.createFolderlessList("999001", DemoWorkspace.SPACE_ID, "Loose", DemoWorkspace.STATUSES);

        JsonNode lists = ok(get(fake, "/space/" + DemoWorkspace.SPACE_ID + "/list")).get("lists");
        assertThat(lists).hasSize(1);
        assertThat(lists.get(0).get("folder").get("hidden").asBoolean()).isTrue();
        assertThat(ok(get(fake, "/space/" + DemoWorkspace.SPACE_ID + "/folder")).get("folders"))
                .as("hidden folders are not listed").hasSize(1);
        assertThat(single(w.deleteSpace(DemoWorkspace.SPACE_ID)).event()).isEqualTo("spaceDeleted");
        assertThat(get(fake, "/list/999001").statusCode()).isEqualTo(404);
        assertThat(w.hasTask(DemoWorkspace.TASK_LOGIN_BUG)).isFalse();
    }

    private static WebhookDelivery single(List<WebhookDelivery> deliveries) {
        assertThat(deliveries).hasSize(1);
        return deliveries.get(0);
    }

    @Test
    void theAccessorsShowTheHierarchyNowAndForgetWhatADeletionRemoved() {
        FakeWorkspace ws = fake.workspace();
        ws.createSpace("s-acc", "Space A");
        ws.createFolder("f-acc", "s-acc", "Folder A");
        ws.createList("l-acc", "f-acc", "List A", DemoWorkspace.STATUSES);
        ws.renameList("l-acc", "List A2");

        assertThat(ws.space("s-acc")).hasValueSatisfying(s -> assertThat(s.name()).isEqualTo("Space A"));
        assertThat(ws.folder("f-acc")).hasValueSatisfying(f -> assertThat(f.spaceId()).isEqualTo("s-acc"));
        assertThat(ws.taskList("l-acc")).hasValueSatisfying(l -> assertThat(l.name()).isEqualTo("List A2"));

        ws.deleteSpace("s-acc");

        assertThat(ws.space("s-acc")).isEmpty();
        assertThat(ws.folder("f-acc")).isEmpty();
        assertThat(ws.taskList("l-acc")).isEmpty();
        assertThat(ws.folder(DemoWorkspace.FOLDER_ID)).isPresent();
    }
}
