package dev.clickupsync.read;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** What a bulk answer or a page says about its freshness: the least fresh of its entries. */
class FreshnessTest {
    private static final Instant T1 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-12-01T11:00:00Z");

    @Test
    void severalEntriesAreAsFreshAsTheLeastFreshOfThem() {
        Freshness least = Freshness.leastOf(java.util.List.of(new Freshness(T2, T1), new Freshness(T1, T2)));

        assertThat(least).isEqualTo(new Freshness(T1, T1));
    }

    @Test
    void anEntryWithoutKnownTimesIsSkippedInsteadOfFailingTheAnswer() {
        Freshness least = Freshness.leastOf(Arrays.asList(new Freshness(null, null), new Freshness(T2, T1)));

        assertThat(least).isEqualTo(new Freshness(T2, T1));
    }
}
