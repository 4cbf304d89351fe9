package dev.clickupsync.crypto;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Several tokens, compared by digest: exact matches only, blanks ignored, nothing configured matches nothing. */
class SecretTokensTest {

    @Test
    void matchesAnyConfiguredTokenExactly() {
        SecretTokens tokens = SecretTokens.of(List.of("first-token", " second-token "));

        assertThat(tokens.matches("first-token")).isTrue();
        assertThat(tokens.matches("second-token")).isTrue();
        assertThat(tokens.matches("first-toke")).isFalse();
        assertThat(tokens.matches("first-token ")).isFalse();
        assertThat(tokens.matches("FIRST-TOKEN")).isFalse();
        assertThat(tokens.matches(null)).isFalse();
    }

    @Test
    void blankEntriesAreIgnoredSoNothingMatchesEmpty() {
        SecretTokens tokens = SecretTokens.of(Arrays.asList("", "  ", null));

        assertThat(tokens.isEmpty()).isTrue();
        assertThat(tokens.matches("")).isFalse();
        assertThat(tokens.matches(null)).isFalse();
    }
}
