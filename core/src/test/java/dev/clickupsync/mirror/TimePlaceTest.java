package dev.clickupsync.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A task's place for its time entries: none unless live in a workspace, and blanks equal to absent. */
class TimePlaceTest {
    private static final Instant T = Instant.ofEpochMilli(1_760_000_000_000L);

    @Test
    void aLiveTaskHasItsWorkspaceSpaceFolderAndList() {
        assertThat(TimePlace.of(task("team", "space", "folder", "list", false)))
                .isEqualTo(new TimePlace("team", "space", "folder", "list"));
    }

    @Test
    void aTombstoneATaskWithoutWorkspaceAndNoTaskHaveNoPlace() {
        assertThat(TimePlace.of(task("team", "space", "folder", "list", true))).isNull();
        assertThat(TimePlace.of(task(null, "space", "folder", "list", false))).isNull();
        assertThat(TimePlace.of(null)).isNull();
    }

    @Test
    void blankLocationIdsEqualAbsentOnesSoNothingIsReFiledForThem() {
        assertThat(TimePlace.of(task("team", "", "", "list", false)))
                .isEqualTo(TimePlace.of(task("team", null, null, "list", false)));
    }

    private static TaskSnapshot task(String team, String space, String folder, String list, boolean deleted) {
        return new TaskSnapshot("t1", null, "Task", "to do", "open", null, null, List.of(), List.of(), list, folder,
                space, team, null, T, T, null, null, null, null, null, null, null, List.of(), false, deleted, null);
    }
}
