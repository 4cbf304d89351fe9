package dev.clickupsync.clickup;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How to reach ClickUp's REST API (v2).
 *
 * <p>The token never appears in logs, exceptions or metrics.
 */
@ConfigMapping(prefix = "clickup.api")
public interface ClickUpConfig {

    /**
     * Base URL including {@code /api/v2} ({@code CLICKUP_API_URL}). The local run points it at the
     * fake ClickUp unless set.
     */
    @WithDefault("https://api.clickup.com/api/v2")
    String url();

    /**
     * The API token ({@code CLICKUP_API_TOKEN}): a personal token ({@code pk_...}, sent as is) or an
     * OAuth access token (sent as {@code Bearer ...}).
     */
    String token();
}
