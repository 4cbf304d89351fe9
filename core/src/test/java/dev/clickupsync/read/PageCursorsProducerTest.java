package dev.clickupsync.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickupsync.query.PageCursors;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The engine's page starts take their bounds from the page cache's settings ({@link PageCursorsProducer}), read
 * through the real configuration mapping: none while the cache is off, its {@code max-age} otherwise.
 */
class PageCursorsProducerTest {

    @Test
    void withThePageCacheOffNoStartsAreKept() {
        assertThat(produced(Map.of("sync.read-api.page-cache.enabled", "false")).maxAge()).isEmpty();
    }

    @Test
    void startsServeForThePageCachesDefaultMaxAge() {
        assertThat(produced(Map.of()).maxAge()).contains(Duration.ofMinutes(5));
    }

    @Test
    void aShorterMaxAgeShortensTheStartsLifeToo() {
        assertThat(produced(Map.of("sync.read-api.page-cache.max-age", "90s")).maxAge()).contains(Duration.ofSeconds(90));
    }

    private static PageCursors produced(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "application.properties", 250))
                .withConverter(Duration.class, 100, new DurationConverter()) // Quarkus's "5M", "1s"
                .withMapping(ReadApiConfig.class)
                .build();
        return new PageCursorsProducer().pageCursors(config.getConfigMapping(ReadApiConfig.class));
    }
}
