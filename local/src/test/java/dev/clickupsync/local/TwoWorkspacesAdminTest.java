package dev.clickupsync.local;

import dev.clickupsync.testkit.clickup.SecondDemoWorkspace;
import dev.clickupsync.testkit.quarkus.EmbeddedStack;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The admin API and health with two workspaces (issue #17), over this process's HTTP: the demo workspace and
 * "acme" ({@link SecondDemoWorkspace}), each on its own fake ClickUp that answers only its own token. A resync
 * of an acme task reads it at acme's fake only; a workspace name the deployment does not have is a 400 problem
 * naming it; status and health list both workspaces, their tokens as set or unset, never the token.
 */
@QuarkusTest
@TestProfile(TwoWorkspacesAdminTest.AdminTwoWorkspaces.class)
class TwoWorkspacesAdminTest {

    /** Admin on with a token, and the embedded stack with the second workspace. */
    public static class AdminTwoWorkspaces implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // A third workspace, "beta", whose token this function lacks (as an admin function deployed without
            // SYNC_WORKSPACES_BETA_TOKEN_PARAMETER would): only beta's calls may fail for it.
            // Health asks ClickUp on every request here (no cached answer), so a token's rejection shows at once.
            return Map.of("sync.admin.enabled", "true", "sync.admin.token", AdminApiTest.TOKEN,
                    "sync.workspaces.beta.team-id", BETA_TEAM, "clickup.api.health-check.cache-for", "0s");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(EmbeddedStackResource.class,
                    Map.of(EmbeddedStackResource.WORKSPACES, "2")));
        }
    }

    static final String BETA_TEAM = "9013579";

    EmbeddedStack stack;

    @Test
    void resyncInAWorkspaceWhoseTokenThisFunctionLacksIsA503NamingTheKeyAndAcmesStillWorks() {
        int asked = stack.clickUp().requestCount() + stack.secondClickUp().requestCount();

        admin().post("/admin/tasks/86beta001/resync?workspace=beta")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .body("title", equalTo("Workspace token not configured"))
                .body("type", containsString("workspace-token-unset"))
                .body("detail", containsString("sync.workspaces.beta.token-parameter"));
        assertThat(stack.clickUp().requestCount() + stack.secondClickUp().requestCount()).as("no ClickUp call").isEqualTo(asked);

        admin().post("/admin/tasks/" + SecondDemoWorkspace.TASK_INVOICES + "/resync?workspace=acme")
                .then().statusCode(200).body("workspace", equalTo("acme"));
        admin().get("/admin/status").then().statusCode(200).body("clickup.workspaces.beta.token", equalTo("unset"));
    }

    @Test
    void resyncOfAnAcmeTaskReadsItWithAcmesTokenOnly() {
        stack.secondClickUp().workspace().updateTask(SecondDemoWorkspace.TASK_INVOICES, c -> c.name("Invoices sent"));
        int defaultAsked = stack.clickUp().count("GET", "/task/" + SecondDemoWorkspace.TASK_INVOICES);

        admin().post("/admin/tasks/" + SecondDemoWorkspace.TASK_INVOICES + "/resync?workspace=acme")
                .then().statusCode(200)
                .body("workspace", equalTo("acme"))
                .body("snapshot.name", equalTo("Invoices sent"));

        assertThat(stack.secondClickUp().count("GET", "/task/" + SecondDemoWorkspace.TASK_INVOICES)).isPositive();
        assertThat(stack.clickUp().count("GET", "/task/" + SecondDemoWorkspace.TASK_INVOICES) - defaultAsked).isZero();
    }

    @Test
    void resyncNamingAnUnknownWorkspaceIsAProblemNamingIt() {
        int asked = stack.clickUp().requestCount() + stack.secondClickUp().requestCount();

        admin().post("/admin/tasks/" + SecondDemoWorkspace.TASK_INVOICES + "/resync?workspace=nosuch")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Unknown workspace"))
                .body("detail", containsString("'nosuch'"));
        admin().post("/admin/tasks/" + SecondDemoWorkspace.TASK_INVOICES + "/resync?workspace=no%20such")
                .then().statusCode(400).body("detail", containsString("workspace must be"));

        assertThat(stack.clickUp().requestCount() + stack.secondClickUp().requestCount()).as("no ClickUp call").isEqualTo(asked);
    }

    @Test
    void aBackfillNamingAcmeRewindsAcmesTeamAndAnUnknownWorkspaceIsRefused() {
        admin().post("/admin/backfill?workspace=acme&from=2020-01-01T00:00:00Z")
                .then().statusCode(202).body("team_id", equalTo(SecondDemoWorkspace.TEAM_ID));
        admin().post("/admin/backfill?workspace=nosuch&from=2020-01-01T00:00:00Z")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("'nosuch'"));
        admin().post("/admin/backfill?workspace=acme&team_id=9012345&from=2020-01-01T00:00:00Z")
                .then().statusCode(400).body("title", equalTo("Unknown workspace"));

        Response status = admin().get("/admin/status");
        assertThat(status.jsonPath().getList("backfill.runs.team_id", String.class)).as("acme's rewound scope recorded")
                .contains(SecondDemoWorkspace.TEAM_ID);
    }

    @Test
    void statusListsBothWorkspacesWithTheirBreakersAndBudgetCellsButNoToken() {
        Response status = admin().get("/admin/status");

        status.then().statusCode(200)
                .body("clickup.workspaces.default.token", equalTo("set"))
                .body("clickup.workspaces.acme.token", equalTo("set"))
                .body("clickup.workspaces.acme.team_id", equalTo(SecondDemoWorkspace.TEAM_ID))
                .body("clickup.workspaces.acme.circuit_breaker.state", equalTo("closed"))
                .body("clickup.workspaces.acme.rate_budget.token.limit_per_window", org.hamcrest.Matchers.notNullValue())
                .body("clickup.workspaces.acme.rate_budget.reconcile.limit_per_window", org.hamcrest.Matchers.notNullValue());
        assertThat(status.jsonPath().getList("workspaces", String.class)).as("acme's team reported for reconcile")
                .contains(SecondDemoWorkspace.TEAM_ID);
        assertThat(status.asString()).doesNotContain(SecondDemoWorkspace.TOKEN).doesNotContain(stack.clickUp().token());
    }

    @Test
    void healthDetailsListBothWorkspacesButNoToken() {
        Response health = given().get("/health");

        health.then().body("checks.workspaces.default.token", equalTo("set"))
                .body("checks.workspaces.acme.token", equalTo("set"))
                .body("checks.workspaces.acme.circuit_breaker", equalTo("closed"))
                .body("checks.workspaces.acme.clickup.status", equalTo("UP"))
                .body("checks.workspaces.beta.token", equalTo("unset"))
                .body("checks.workspaces.beta.clickup", org.hamcrest.Matchers.nullValue());
        assertThat(health.asString()).doesNotContain(SecondDemoWorkspace.TOKEN);
    }

    @Test
    void healthShowsAcmesRejectedTokenWithoutMakingTheProcessUnready() {
        stack.secondClickUp().faults().failNext(1, 401, "/user$");
        try {
            Response health = given().get("/health");

            health.then().statusCode(200).body("status", equalTo("UP"))
                    .body("checks.clickup.status", equalTo("UP"))
                    .body("checks.workspaces.acme.clickup.status", equalTo("DOWN"))
                    .body("checks.workspaces.acme.clickup.reason", containsString("auth"));
            assertThat(health.asString()).doesNotContain(SecondDemoWorkspace.TOKEN);
        } finally {
            stack.secondClickUp().faults().clear();
        }
    }

    private static RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + AdminApiTest.TOKEN);
    }
}
