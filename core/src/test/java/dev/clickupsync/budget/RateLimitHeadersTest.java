package dev.clickupsync.budget;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitHeadersTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void readsResetInSeconds() {
        assertThat(RateLimitHeaders.resetEpochMillis("1767225660", clock)).hasValue(1_767_225_660_000L);
    }

    @Test
    void readsResetInMilliseconds() {
        assertThat(RateLimitHeaders.resetEpochMillis("1767225660123", clock)).hasValue(1_767_225_660_123L);
    }

    @Test
    void readsSmallResetAsSecondsFromNow() {
        assertThat(RateLimitHeaders.resetEpochMillis("42", clock)).hasValue(clock.millis() + 42_000);
    }

    @Test
    void ignoresGarbage() {
        assertThat(RateLimitHeaders.resetEpochMillis("soon", clock)).isEmpty();
        assertThat(RateLimitHeaders.resetEpochMillis(null, clock)).isEmpty();
        assertThat(RateLimitHeaders.resetEpochMillis("-5", clock)).isEmpty();
        assertThat(RateLimitHeaders.remaining("x")).isEmpty();
        assertThat(RateLimitHeaders.remaining(" 7 ")).hasValue(7);
    }
}
