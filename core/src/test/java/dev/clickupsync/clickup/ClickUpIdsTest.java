package dev.clickupsync.clickup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClickUpIdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"86c0aa001", "DEV-42", "9012345", "901200100", "4b67ac88-6e3a-4d5b-9b61-0c1f3c5e2a10", "abc_def"})
    void acceptsEveryShapeClickUpIssues(String id) {
        assertThat(ClickUpIds.require("any", id)).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", ".", "a/b", "../x", "a%2Fb", "a?b", "a#b", "-leading", " a", "a b", "ä", ""})
    void refusesWhatCouldChangeAUrl(String id) {
        assertThat(ClickUpIds.isValid(id)).isFalse();
    }

    @Test
    void refusesNullAndOverlongIds() {
        assertThat(ClickUpIds.isValid(null)).isFalse();
        assertThat(ClickUpIds.isValid("a".repeat(64))).isTrue();
        assertThat(ClickUpIds.isValid("a".repeat(65))).isFalse();
    }

    @Test
    void theErrorNamesTheKindAndShowsTheIdSafely() {
        assertThatThrownBy(() -> ClickUpIds.require("list", "../\u0000x"))
                .isInstanceOf(ClickUpIds.InvalidClickUpIdException.class)
                .hasMessage("not a ClickUp list id: \"../?x\"");
    }
}
