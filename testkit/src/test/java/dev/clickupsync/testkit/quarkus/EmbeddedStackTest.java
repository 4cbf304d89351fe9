package dev.clickupsync.testkit.quarkus;

import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeWebhook;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** What the local run and the bench hand to the application: never over what the user set. */
class EmbeddedStackTest {
    private static final Map<String, String> CONFIG = Map.of(
            "clickup.webhook.secret", DemoWorkspace.WEBHOOK_SECRET,
            "clickup.api.url", "http://127.0.0.1:1/api/v2",
            "sync.queue.url", "http://127.0.0.1:2/000000000000/q");

    @Test
    void aSecretTheUserSetInTheEnvironmentIsNotReplacedByTheDemoSecret() {
        Map<String, String> defaults = EmbeddedStack.defaultsNotSetExplicitly(CONFIG,
                Map.of("CLICKUP_WEBHOOK_SECRET", "users-own-secret"), new Properties());

        assertThat(defaults).doesNotContainKey("clickup.webhook.secret")
                .containsOnlyKeys("clickup.api.url", "sync.queue.url");
    }

    @Test
    void everySpellingMicroProfileConfigReadsCountsAsExplicit() {
        Properties system = new Properties();
        system.setProperty("sync.queue.url", "http://mine");

        Map<String, String> defaults = EmbeddedStack.defaultsNotSetExplicitly(CONFIG,
                Map.of("clickup_api_url", "http://lower-case-env"), system);

        assertThat(defaults).containsOnlyKeys("clickup.webhook.secret");
    }

    @Test
    void theFakeSignsWithTheUsersOwnSecretWhenOneIsGiven() {
        try (EmbeddedStack stack = EmbeddedStack.start(true, "users-own-secret")) {
            assertThat(stack.clickUp().workspace().webhooks()).extracting(FakeWebhook::secret).containsExactly("users-own-secret");
            assertThat(stack.config()).containsEntry("clickup.webhook.secret", "users-own-secret");
        }
    }
}
