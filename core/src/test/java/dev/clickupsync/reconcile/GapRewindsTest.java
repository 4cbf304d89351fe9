package dev.clickupsync.reconcile;

import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.support.DynaliteTable;
import dev.clickupsync.webhook.registry.LifecycleReport;
import dev.clickupsync.webhook.registry.WebhookLifecycles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The gap rewinds a scheduled run owes, on dynalite through the real SDK: one workspace's failing rewind
 * neither stops another's nor is forgotten, a stored gap only moves earlier, and a control table it cannot
 * reach fails the run (the gap would otherwise be lost).
 */
class GapRewindsTest {
    private static final String TABLE = "gap-rewinds-test";
    @RegisterExtension
    static final DynaliteTable DYNALITE = new DynaliteTable(TABLE);
    private static final Instant T = Instant.parse("2026-11-01T00:00:00Z");
    private static DynamoDbClient dynamo;

    private final Metrics metrics = Metrics.inMemory();
    private final List<String> rewound = new ArrayList<>();

    @BeforeAll
    static void startDynamo() {
        dynamo = DYNALITE.dynamo();
    }

    @AfterEach
    void forgetStoredGaps() {
        for (String workspace : List.of("default", "acme")) {
            dynamo.deleteItem(b -> b.tableName(TABLE)
                    .key(dev.clickupsync.store.Item.key(GapRewinds.PARTITION, GapRewinds.SORT_PREFIX + workspace)));
        }
    }

    @Test
    void oneWorkspacesFailingRewindIsCountedAndStoredWhileTheOthersIsDone() {
        List<GapRewinds.Gap> failed = gaps().rewind(List.of(gap("default", null, T), gap("acme", "900", T.plusSeconds(60))),
                failFor("default"), e -> "clickup_server_error");

        assertThat(failed).extracting(GapRewinds.Gap::workspace).containsExactly("default");
        assertThat(rewound).containsExactly("acme@" + T.plusSeconds(60));
        assertThat(metrics.count("ReconcileError", "Reason", "clickup_server_error")).isEqualTo(1);
        assertThat(gaps().pending()).singleElement().satisfies(g -> {
            assertThat(g.workspace()).isEqualTo("default");
            assertThat(g.isDefault()).isTrue();
            assertThat(g.teamId()).isNull();
            assertThat(g.from()).isEqualTo(T);
        });
    }

    @Test
    void aStoredGapIsRewoundByTheNextRunFromTheEarlierOfItAndANewReportAndThenForgotten() {
        gaps().rewind(List.of(gap("acme", "900", T)), failFor("acme"), e -> "mirror_unavailable");

        List<GapRewinds.Gap> failed = gaps().rewind(List.of(gap("acme", "900", T.plusSeconds(3600)), noGap("default")),
                (w, team, isDefault, from) -> rewound.add(w + "/" + team + "@" + from), e -> "x");

        assertThat(failed).isEmpty();
        assertThat(rewound).containsExactly("acme/900@" + T);
        assertThat(gaps().pending()).isEmpty();
    }

    @Test
    void aStoredGapOnlyMovesEarlier() {
        gaps().rewind(List.of(gap("acme", "900", T)), failFor("acme"), e -> "x");
        gaps().store(new GapRewinds.Gap("acme", "900", false, T.plusSeconds(600)));

        assertThat(gaps().pending()).singleElement().satisfies(g -> assertThat(g.from()).isEqualTo(T));

        gaps().store(new GapRewinds.Gap("acme", "900", false, T.minusSeconds(600)));

        assertThat(gaps().pending()).singleElement().satisfies(g -> assertThat(g.from()).isEqualTo(T.minusSeconds(600)));
    }

    @Test
    void withoutAGapNothingIsRewoundAndNothingStored() {
        List<GapRewinds.Gap> failed = gaps().rewind(List.of(noGap("default"), noGap("acme")), failFor("any"), e -> "x");

        assertThat(failed).isEmpty();
        assertThat(rewound).isEmpty();
        assertThat(gaps().pending()).isEmpty();
    }

    @Test
    void aStoredGapWithoutItsStartIsSkippedNeverReadAsARewindToEpochZero() {
        dynamo.putItem(b -> b.tableName(TABLE).item(dev.clickupsync.store.Item.with(dev.clickupsync.store.Item.key(
                GapRewinds.PARTITION, GapRewinds.SORT_PREFIX + "acme")).text("workspace", "acme").build()));

        List<GapRewinds.Gap> failed = gaps().rewind(List.of(noGap("acme")), failFor("none"), e -> "x");

        assertThat(failed).isEmpty();
        assertThat(rewound).isEmpty();
    }

    @Test
    void aControlTableItCannotReachFailsTheRunInsteadOfLosingTheGap() {
        GapRewinds unreachable = new GapRewinds(dynamo, "no-such-table", metrics);

        assertThatThrownBy(() -> unreachable.rewind(List.of(gap("acme", "900", T)), failFor("acme"), e -> "x"))
                .isInstanceOf(software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException.class);
        assertThat(rewound).isEmpty();
    }

    private GapRewinds gaps() {
        return new GapRewinds(dynamo, TABLE, metrics);
    }

    private GapRewinds.Rewind failFor(String failing) {
        return (workspace, team, isDefault, from) -> {
            if (workspace.equals(failing)) {
                throw new IllegalStateException("rewind of " + workspace + " failed");
            }
            rewound.add(workspace + "@" + from);
        };
    }

    private static WebhookLifecycles.Ran gap(String workspace, String team, Instant from) {
        return new WebhookLifecycles.Ran(workspace, team,
                new LifecycleReport(LifecycleReport.Action.REACTIVATED, "wh-" + workspace, "active", 0, Optional.of(from), null));
    }

    private static WebhookLifecycles.Ran noGap(String workspace) {
        return new WebhookLifecycles.Ran(workspace, "team-" + workspace,
                new LifecycleReport(LifecycleReport.Action.NONE, "wh-" + workspace, "active", 0, Optional.empty(), null));
    }
}
