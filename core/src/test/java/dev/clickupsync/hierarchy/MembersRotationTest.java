package dev.clickupsync.hierarchy;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Which lists' members a hierarchy pass reads ({@link HierarchyPass#rotation}): the next ones after the cursor, wrapping round. */
class MembersRotationTest {
    private static final List<String> LISTS = List.of("900", "12", "100", "7", "12");

    @Test
    void withoutACursorTheLowestIdsComeFirstComparedAsNumbers() {
        assertThat(HierarchyPass.rotation(LISTS, Optional.empty(), 2)).containsExactly("7", "12");
    }

    @Test
    void theNextPassStartsAfterTheCursorAndWrapsRoundWithoutRepeatingAnId() {
        assertThat(HierarchyPass.rotation(LISTS, Optional.of("12"), 2)).containsExactly("100", "900");
        assertThat(HierarchyPass.rotation(LISTS, Optional.of("100"), 3)).containsExactly("900", "7", "12");
        assertThat(HierarchyPass.rotation(LISTS, Optional.of("900"), 10)).as("never more than the lists")
                .containsExactly("7", "12", "100", "900");
    }

    @Test
    void aCursorThatIsNoLongerListedStartsAtTheNextHigherId() {
        assertThat(HierarchyPass.rotation(LISTS, Optional.of("50"), 1)).containsExactly("100");
        assertThat(HierarchyPass.rotation(LISTS, Optional.of("9999"), 1)).containsExactly("7");
    }

    @Test
    void nonNumericIdsCompareAsText() {
        assertThat(HierarchyPass.rotation(List.of("b", "a", "10"), Optional.of("a"), 2)).containsExactly("b", "10");
    }
}
