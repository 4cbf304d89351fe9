package dev.clickupsync.workspace;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registry built from configuration as the applications build it, and how an event finds its workspace. */
class WorkspacesTest {

    private static Map<String, String> singleWorkspaceKeys() {
        Map<String, String> p = new HashMap<>();
        p.put("clickup.api.token", "pk_default_token");
        p.put("clickup.webhook.secret", "default-secret");
        p.put("clickup.webhook.previous-secret", "-");
        p.put("sync.webhook-lifecycle.team-id", "9012345");
        p.put("sync.reconcile.list-ids", "901200100");
        return p;
    }

    private static Map<String, String> withAcme() {
        Map<String, String> p = singleWorkspaceKeys();
        p.put("sync.workspaces.acme.team-id", "777");
        p.put("sync.workspaces.acme.token", "pk_acme_token");
        p.put("sync.workspaces.acme.webhook-secret", "acme-secret");
        p.put("sync.workspaces.acme.webhook-id", "hook-acme");
        p.put("sync.workspaces.acme.reconcile-space-ids", "s1,s2");
        return p;
    }

    private static Workspaces build(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "application.properties", 250))
                .withMapping(WorkspacesConfig.class)
                .build();
        return WorkspaceBeans.from(config, config.getConfigMapping(WorkspacesConfig.class));
    }

    @Test
    void theSingleWorkspaceKeysAloneAreTheDefaultWorkspaceAndEveryEventGoesThere() {
        Workspaces workspaces = build(singleWorkspaceKeys());

        assertThat(workspaces.names()).containsExactly("default");
        Workspace only = workspaces.defaultWorkspace();
        assertThat(only.teamId()).contains("9012345");
        assertThat(only.token()).contains("pk_default_token");
        assertThat(only.webhookSecrets()).as("'-' means no previous secret").containsExactly("default-secret");
        assertThat(only.reconcileListIds()).containsExactly("901200100");
        assertThat(workspaces.route(null, "some-unregistered-hook", null)).contains(only);
    }

    @Test
    void aSecondWorkspaceIsOneConfigEntryAndEventsFindItByAttributeWebhookOrTeam() {
        Workspaces workspaces = build(withAcme());

        assertThat(workspaces.names()).containsExactly("default", "acme");
        Workspace acme = workspaces.named("acme").orElseThrow();
        assertThat(acme.token()).contains("pk_acme_token");
        assertThat(acme.webhookSecrets()).containsExactly("acme-secret");
        assertThat(acme.reconcileSpaceIds()).containsExactly("s1", "s2");
        assertThat(workspaces.route("acme", null, null)).contains(acme);
        assertThat(workspaces.route(null, "hook-acme", null)).contains(acme);
        assertThat(workspaces.route(null, null, "777")).contains(acme);
        assertThat(workspaces.route(null, null, "9012345")).contains(workspaces.defaultWorkspace());
    }

    @Test
    void withSeveralWorkspacesAnEventNoRuleMatchesHasNoWorkspaceRatherThanAGuess() {
        Workspaces workspaces = build(withAcme());

        assertThat(workspaces.route(null, "unknown-hook", "unknown-team")).isEmpty();
        assertThat(workspaces.route("gone", "hook-acme", "777"))
                .as("ingest's attribute is the verified answer: an unknown name is drift, not a hint to ignore")
                .isEmpty();
    }

    @Test
    void secretsNeverShowInAWorkspacesText() {
        Workspace acme = build(withAcme()).named("acme").orElseThrow();

        assertThat(acme.toString()).contains("acme", "777").doesNotContain("pk_acme_token", "acme-secret");
    }

    @Test
    void badNamesAndSharedIdsAreRefusedAtStartUp() {
        Map<String, String> badName = withAcme();
        badName.put("sync.workspaces.Big_Co.team-id", "888");
        assertThatThrownBy(() -> build(badName)).hasMessageContaining("lower-case letters and digits");

        Map<String, String> taken = withAcme();
        taken.put("sync.workspaces.default.team-id", "888");
        assertThatThrownBy(() -> build(taken)).hasMessageContaining("'default' is taken");

        Map<String, String> sameTeam = withAcme();
        sameTeam.put("sync.workspaces.other.team-id", "777");
        assertThatThrownBy(() -> build(sameTeam)).hasMessageContaining("same team id 777");

        assertThatThrownBy(() -> new Workspaces(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
