package dev.clickupsync.reconcile;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import dev.clickupsync.support.DynaliteTable;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Reconcile watermarks on dynalite: round trip, compare-and-set, where the next run starts. */
class WatermarkStoreTest {
    private static final String TABLE = "watermark-store-test";
    @RegisterExtension
    static final DynaliteTable DYNALITE = new DynaliteTable(TABLE);
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration OVERLAP = Duration.ofMinutes(5);
    private static DynamoDbClient dynamo;
    private static WatermarkStore store;

    @BeforeAll
    static void startDynamo() {
        dynamo = DYNALITE.dynamo();
        store = new WatermarkStore(dynamo, TABLE);
    }

    private static String team() {
        return "team-" + UUID.randomUUID();
    }

    @Test
    void aFirstRunStartsAtTheBackfillInstantAndIsStoredOnlyOnceAPageIsDone() {
        String team = team();
        Instant from = NOW.minus(Duration.ofDays(90));
        Watermark initial = Watermark.initial(team, "scope", from);

        assertThat(initial.startFor(OVERLAP)).isEqualTo(KeysetCursor.from(from.toEpochMilli()));
        assertThat(store.load(team, "scope")).isEmpty();

        Watermark afterPage = initial.progressed(new KeysetCursor(from.toEpochMilli() + 10, Set.of("a", "b")), NOW);
        assertThat(store.save(afterPage)).isTrue();

        Watermark loaded = store.load(team, "scope").orElseThrow();
        assertThat(loaded).isEqualTo(afterPage);
        assertThat(loaded.inProgress()).isTrue();
        assertThat(loaded.backfill()).isTrue();
        assertThat(loaded.startFor(OVERLAP)).as("a walk in progress resumes exactly, without overlap")
                .isEqualTo(new KeysetCursor(from.toEpochMilli() + 10, Set.of("a", "b")));
    }

    @Test
    void aFinishedWalkStartsTheNextRunOneOverlapBeforeItsHighWaterMark() {
        String team = team();
        Watermark w = Watermark.initial(team, "s", NOW.minus(Duration.ofDays(1)));
        Watermark done = w.finished(new KeysetCursor(NOW.toEpochMilli(), Set.of("x")), NOW);
        assertThat(store.save(done)).isTrue();

        Watermark loaded = store.load(team, "s").orElseThrow();
        assertThat(loaded.inProgress()).isFalse();
        assertThat(loaded.highWater()).isEqualTo(NOW);
        assertThat(loaded.startFor(OVERLAP).queryGt())
                .as("a change ClickUp stamped up to one overlap before the high-water mark is still listed")
                .isEqualTo(NOW.minus(OVERLAP).toEpochMilli() - 1);
    }

    @Test
    void theHighWaterMarkNeverMovesDownWhenAWalkFindsNothingNewer() {
        String team = team();
        Watermark first = Watermark.initial(team, "s", NOW.minus(Duration.ofDays(1)))
                .finished(new KeysetCursor(NOW.toEpochMilli(), Set.of("x")), NOW);
        store.save(first);
        // The next run starts one overlap earlier and finds nothing newer: its cursor is below the mark.
        Watermark second = first.finished(first.startFor(OVERLAP), NOW.plusSeconds(60));
        assertThat(store.save(second)).isTrue();
        assertThat(store.load(team, "s").orElseThrow().highWater()).isEqualTo(NOW);
    }

    @Test
    void aSaveBasedOnAnOlderVersionIsRefused() {
        String team = team();
        Watermark base = Watermark.initial(team, "s", NOW).progressed(KeysetCursor.from(NOW.toEpochMilli() + 1), NOW);
        assertThat(store.save(base)).isTrue();

        Watermark mine = base.progressed(KeysetCursor.from(NOW.toEpochMilli() + 2), NOW);
        Watermark theirs = base.rewound(NOW.minusSeconds(3_600).toEpochMilli(), NOW);
        assertThat(store.save(theirs)).isTrue();
        assertThat(store.save(mine)).as("the other writer won; this run must stop, not overwrite").isFalse();
        assertThat(store.load(team, "s").orElseThrow()).isEqualTo(theirs);

        Watermark again = Watermark.initial(team, "s", NOW).progressed(KeysetCursor.from(1), NOW);
        assertThat(store.save(again)).as("a first save when one exists").isFalse();
    }

    @Test
    void listsEveryScopeOfOneWorkspaceOnly() {
        String team = team();
        String other = team();
        store.save(Watermark.initial(team, "a", NOW).progressed(KeysetCursor.from(1), NOW));
        store.save(Watermark.initial(team, "b", NOW).progressed(KeysetCursor.from(2), NOW));
        store.save(Watermark.initial(other, "a", NOW).progressed(KeysetCursor.from(3), NOW));

        assertThat(store.forTeam(team)).extracting(Watermark::scopeKey).containsExactlyInAnyOrder("a", "b");
        assertThat(store.forTeam("nobody")).isEmpty();
    }
}
