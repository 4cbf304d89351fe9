package dev.clickupsync.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clickupsync.support.DynaliteTable;
import dev.clickupsync.testkit.MutableClock;
import dev.clickupsync.webhook.registry.WebhookRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@code webhooks} section against a registry in dynalite: health per workspace, re-activations included, no secret. */
class WebhookStatusTest {
    private static final String TABLE = "webhook-status-test";
    @RegisterExtension
    static final DynaliteTable DYNALITE = new DynaliteTable(TABLE);

    @Test
    void reportsTheLastReactivationPerWorkspaceAndNeverTheSecret() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-06T08:00:00Z"));
        WebhookRegistry registry = new WebhookRegistry(DYNALITE.dynamo(), TABLE, clock);
        registry.record(new WebhookRegistry.Observed("wh-a", "901", "https://x/webhooks/clickup", "s3cret-a", "suspended", 100),
                false, Duration.ofHours(1));
        registry.record(new WebhookRegistry.Observed("wh-b", "902", "https://x/webhooks/clickup", "s3cret-b", "active", 0),
                true, Duration.ofHours(1));
        Set<String> teams = new HashSet<>();

        JsonNode before = new WebhookStatus(DYNALITE.dynamo(), TABLE).report(teams);
        clock.advance(Duration.ofMinutes(5));
        assertThat(registry.reactivated("wh-a")).isTrue();
        clock.advance(Duration.ofMinutes(1));
        registry.record(new WebhookRegistry.Observed("wh-a", "901", null, null, "active", 0), true, Duration.ofHours(1));
        JsonNode after = new WebhookStatus(DYNALITE.dynamo(), TABLE).report(teams);

        assertThat(before.at("/901/last_reactivation").isNull()).isTrue();
        assertThat(after.at("/901/last_reactivation").asText()).as("kept by the later record")
                .isEqualTo("2026-12-06T08:05:00Z");
        assertThat(after.at("/901/webhooks/0/last_reactivated_at").asText()).isEqualTo("2026-12-06T08:05:00Z");
        assertThat(after.at("/902/last_reactivation").isNull()).as("never re-activated").isTrue();
        assertThat(after.toString()).doesNotContain("s3cret");
        assertThat(teams).containsExactlyInAnyOrder("901", "902");
        assertThat(registry.reactivated("wh-unknown")).isFalse();
    }
}
