package dev.clickupsync.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clickupsync.mirror.EntryListener;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.TaskSnapshot;
import dev.clickupsync.mirror.TaskSnapshot.Person;
import dev.clickupsync.mirror.TeamTimeIndex;
import dev.clickupsync.mirror.TimeEntryRecord;
import dev.clickupsync.mirror.TimeEntryStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import dev.clickupsync.support.DynaliteTable;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A mirror written without its index (dynalite, real SDK) is indexed by reindex steps that each stop
 * after their budget and continue from their cursor: afterwards every live task is found by queries,
 * by custom id and in the team time index, a tombstone is not, and running it again changes nothing.
 */
class MirrorReindexTest {
    private static final String TABLE = "mirror-reindex-test";
    @RegisterExtension
    static final DynaliteTable DYNALITE = new DynaliteTable(TABLE);
    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");
    private static final String TEAM = "team-r";
    private static final int TASKS = 250;
    private static DynamoDbClient dynamo;
    private static MirrorReindex reindex;

    @BeforeAll
    static void unindexedMirror() {
        dynamo = DYNALITE.dynamo();
        MirrorStore unindexed = new MirrorStore(dynamo, TABLE, Clock.systemUTC(), EntryListener.NONE);
        for (int i = 0; i < TASKS; i++) {
            unindexed.upsert(task("r" + i, "R-" + i));
        }
        unindexed.tombstone("r0", T.plusSeconds(60));
        new TimeEntryStore(dynamo, TABLE).replaceForTask("r1", List.of(new TimeEntryRecord("e1", "r1", 183L, "John",
                T, T.plusSeconds(60), 60_000, false, true, "", "clickup", T.plusSeconds(60))));
        reindex = new MirrorReindex(dynamo, TABLE, Clock.systemUTC());
    }

    @Test
    void stepsWithAnEmptyBudgetEachScanOnePageAndTogetherIndexEveryLiveTask() {
        assertThat(listed()).isEmpty();
        assertThat(new TeamTimeIndex(dynamo, TABLE).between(TEAM, T, T.plusSeconds(1))).as("replaceForTask files the"
                + " entries of a live task itself").hasSize(1);

        List<MirrorReindex.Step> steps = runToTheEnd();

        assertThat(steps.size()).as("one page a step: several steps").isGreaterThan(1);
        assertThat(steps.subList(0, steps.size() - 1)).allMatch(s -> !s.complete() && s.scanned() == MirrorReindex.PAGE);
        assertThat(steps.stream().mapToInt(MirrorReindex.Step::indexed).sum()).isEqualTo(TASKS - 1);
        assertThat(listed()).hasSize(TASKS - 1).doesNotContain("r0");
        assertThat(new CustomTaskIds(dynamo, TABLE).find(TEAM, "R-7")).contains("r7");
        assertThat(new CustomTaskIds(dynamo, TABLE).find(TEAM, "R-0")).isEmpty();
        assertThat(new TeamTimeIndex(dynamo, TABLE).between(TEAM, T, T.plusSeconds(1))).hasSize(1);

        int items = itemCount();
        runToTheEnd();
        assertThat(itemCount()).as("idempotent").isEqualTo(items);
    }

    @Test
    void aCursorNoStepAnsweredIsRefused() {
        assertThatThrownBy(() -> reindex.step("not base64!", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> reindex.step("b25lLXBhcnQ", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<MirrorReindex.Step> runToTheEnd() {
        List<MirrorReindex.Step> steps = new ArrayList<>();
        String cursor = null;
        do {
            MirrorReindex.Step step = reindex.step(cursor, Duration.ZERO);
            steps.add(step);
            cursor = step.cursor();
        } while (cursor != null && steps.size() < 100);
        return steps;
    }

    private static List<String> listed() {
        TaskQueryEngine engine = new TaskQueryEngine(dynamo, TABLE, new MirrorStore(dynamo, TABLE));
        List<String> ids = new ArrayList<>();
        for (int page = 0; page < 5; page++) {
            engine.run(TaskQuery.parse(Scope.team(TEAM), Map.of("page", List.of(Integer.toString(page))))).tasks()
                    .forEach(t -> ids.add(t.id()));
        }
        return ids;
    }

    private static int itemCount() {
        return dynamo.scanPaginator(b -> b.tableName(TABLE)).items().stream().mapToInt(i -> 1).sum();
    }

    private static TaskSnapshot task(String id, String customId) {
        return new TaskSnapshot(id, customId, "Task " + id, "to do", "custom", null, null, List.of(new Person(1, "ada")),
                List.of(), "list-r", "f", "s", TEAM, null, T, T, null, null, null, null, null,
                null, null, List.of(), false, false, null);
    }
}
