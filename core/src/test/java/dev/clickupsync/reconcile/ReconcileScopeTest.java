package dev.clickupsync.reconcile;

import dev.clickupsync.clickup.TaskQuery;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Scopes (one watermark each) and the query of one keyset step. */
class ReconcileScopeTest {

    @Test
    void theKeyIsStableWhateverTheOrderOfIds() {
        Scope a = new Scope("9", List.of("s2", "s1"), List.of("l1"), false);
        Scope b = new Scope("9", List.of("s1", "s2", "s1"), List.of("l1"), false);
        assertThat(a.key()).isEqualTo(b.key()).isEqualTo("spaces=s1,s2|lists=l1|live");
        assertThat(a.withArchived(true).key()).isEqualTo("spaces=s1,s2|lists=l1|archived");
        assertThat(Scope.workspace("9").key()).isEqualTo("spaces=|lists=|live");
    }

    @Test
    void manyIdsAreKeyedByAHash() {
        List<String> lists = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            lists.add("90120010" + i);
        }
        String key = new Scope("9", List.of(), lists, false).key();
        assertThat(key).startsWith("sha256=").endsWith("|live").hasSizeLessThan(60);
        List<String> reversed = new ArrayList<>(lists);
        java.util.Collections.reverse(reversed);
        assertThat(new Scope("9", List.of(), reversed, false).key()).isEqualTo(key);
    }

    @Test
    void oneStepAsksForEverythingNewerOldestFirst() {
        TaskQuery q = Scope.lists("9", "l1").query(1_000);
        assertThat(q.dateUpdatedGt()).isEqualTo(Instant.ofEpochMilli(1_000));
        assertThat(q.includeClosed()).isTrue();
        assertThat(q.subtasks()).isTrue();
        assertThat(q.orderBy()).isEqualTo("updated");
        assertThat(q.reverse()).isTrue();
        assertThat(q.listIds()).containsExactly("l1");
        assertThat(q.spaceIds()).isNull();
        assertThat(q.archived()).isNull();
        assertThat(Scope.lists("9", "l1").withArchived(true).query(1).archived()).isTrue();
        TaskQuery group = Scope.workspace("9").queryMillisecond(500);
        assertThat(group.dateUpdatedGt()).isEqualTo(Instant.ofEpochMilli(499));
        assertThat(group.dateUpdatedLt()).isEqualTo(Instant.ofEpochMilli(501));
    }

    @Test
    void settingsRefuseNonsense() {
        assertThatThrownBy(() -> settings(0.0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("budget-share");
        assertThatThrownBy(() -> settings(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThat(settings(0.3).teamIds()).containsExactly("a", "b");
    }

    private static ReconcileSettings settings(double share) {
        return new ReconcileSettings(List.of(" b", "a", "", "a"), null, null, Duration.ofMinutes(5), 90, share,
                Duration.ofSeconds(5), Duration.ofSeconds(10), true, false, Duration.ofHours(24));
    }
}
