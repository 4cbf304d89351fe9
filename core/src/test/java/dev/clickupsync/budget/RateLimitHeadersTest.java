package dev.clickupsync.budget;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

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

    private static final Duration WINDOW = Duration.ofMinutes(1);

    @Test
    void aResetMoreThanTwoWindowsAheadIsBogusAndUnknown() {
        for (String absurd : List.of("1000000000000000", "1767225600000000", "Infinity", "9e300")) {
            RateLimitHeaders.Reading reading = RateLimitHeaders.read("0", absurd, clock, WINDOW);
            assertThat(reading.resetEpochMillis()).as(absurd).isEmpty();
            assertThat(reading.bogus()).as(absurd).containsExactly(RateLimitHeaders.RESET);
            assertThat(reading.remaining()).hasValue(0);
        }
    }

    @Test
    void aResetBeyondOneWindowButWithinTwoIsClampedToOneWindow() {
        RateLimitHeaders.Reading reading = RateLimitHeaders.read("0", "100", clock, WINDOW); // 100 s from now
        assertThat(reading.resetEpochMillis()).hasValue(clock.millis() + WINDOW.toMillis());
        assertThat(reading.bogus()).isEmpty();
    }

    @Test
    void aResetWithinTheWindowIsTakenAsSaid() {
        RateLimitHeaders.Reading reading = RateLimitHeaders.read("7", "1767225630", clock, WINDOW);
        assertThat(reading.remaining()).hasValue(7);
        assertThat(reading.resetEpochMillis()).hasValue(1_767_225_630_000L);
        assertThat(reading.bogus()).isEmpty();
    }

    @Test
    void unreadableValuesAreBogusAndAbsentOnesAreNot() {
        RateLimitHeaders.Reading garbage = RateLimitHeaders.read("lots", "soon", clock, WINDOW);
        assertThat(garbage.remaining()).isEmpty();
        assertThat(garbage.resetEpochMillis()).isEmpty();
        assertThat(garbage.bogus()).containsExactly(RateLimitHeaders.REMAINING, RateLimitHeaders.RESET);
        assertThat(RateLimitHeaders.read("-3", "NaN", clock, WINDOW).bogus())
                .containsExactly(RateLimitHeaders.REMAINING, RateLimitHeaders.RESET);
        assertThat(RateLimitHeaders.read(null, " ", clock, WINDOW).bogus()).isEmpty();
    }
}
