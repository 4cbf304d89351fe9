package dev.clickupsync.webhook;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookBeansTest {

    @Test
    void dashMeansNoPreviousSecretSoNobodyCanSignWithIt() {
        assertThat(WebhookBeans.isSet("-")).isFalse();
        assertThat(WebhookBeans.isSet(" - ")).isFalse();
        assertThat(WebhookBeans.isSet("")).isFalse();
        assertThat(WebhookBeans.isSet(null)).isFalse();
        assertThat(WebhookBeans.isSet("a-real-secret")).isTrue();
    }
}
