package dev.clickupsync.webhook.registry;

import dev.clickupsync.metrics.Metrics;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The lifecycle's guards that need neither ClickUp nor DynamoDB (both are null here: never touched). */
class WebhookLifecycleSettingsTest {

    @Test
    void switchedOffItTouchesNothing() {
        WebhookLifecycle.Settings off = new WebhookLifecycle.Settings(false, "https://x.invalid/hook", "1", List.of("*"),
                Duration.ofHours(24), Duration.ofHours(24));
        assertThat(new WebhookLifecycle(null, null, Metrics.inMemory(), off, Clock.systemUTC()).run())
                .isEqualTo(LifecycleReport.disabled());
    }

    @Test
    void enabledWithoutAnEndpointIsAFailedRunWithAReason() {
        Metrics metrics = Metrics.inMemory();
        WebhookLifecycle.Settings noEndpoint = new WebhookLifecycle.Settings(true, " ", null, null,
                Duration.ofHours(24), Duration.ofHours(24));

        LifecycleReport report = new WebhookLifecycle(null, null, metrics, noEndpoint, Clock.systemUTC()).run();

        assertThat(report.action()).isEqualTo(LifecycleReport.Action.FAILED);
        assertThat(report.failure()).isEqualTo("not_configured");
        assertThat(report.gap()).isFalse();
        assertThat(metrics.count("WebhookLifecycleFailed", "Reason", "not_configured", "Workspace", "default")).isEqualTo(1);
        assertThat(noEndpoint.events()).containsExactly("*");
    }

    @Test
    void logLinesShowTheEndpointWithoutQueryOrUserInfo() {
        assertThat(WebhookLifecycle.printable("https://user:pw@hooks.example.com:8443/webhooks/clickup?token=abc"))
                .isEqualTo("https://hooks.example.com:8443/webhooks/clickup");
        assertThat(WebhookLifecycle.printable("not a url")).isEqualTo("<unparseable>");
    }
}
