package dev.clickupsync.reconcile;

import dev.clickupsync.infra.Provisioner;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.store.BackfillRuns;
import dev.clickupsync.support.AwsClients;
import dev.clickupsync.testkit.aws.EmbeddedDynamoDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backfill runs on dynalite: a rewind's run is adopted by the walk and counts across invocations;
 * a newer rewind replaces it and the older walk can no longer write into it; a finished run is not
 * adopted again; a table that refuses the write costs the walk nothing but a counted reason.
 */
class BackfillProgressTest {
    private static final String TABLE = "backfill-progress-test";
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");

    private static EmbeddedDynamoDb dynamoServer;
    private static DynamoDbClient dynamo;
    private static WatermarkStore store;

    private final Metrics metrics = Metrics.inMemory();
    private final BackfillProgress progress = new BackfillProgress(store.backfills(), metrics,
            Clock.fixed(NOW, ZoneOffset.UTC));

    @BeforeAll
    static void startDynamo() {
        dynamoServer = EmbeddedDynamoDb.start();
        dynamo = AwsClients.dynamo(dynamoServer.endpoint());
        new Provisioner(dynamo, null).ensureTable(TABLE);
        store = new WatermarkStore(dynamo, TABLE);
    }

    @AfterAll
    static void stopDynamo() {
        dynamo.close();
        dynamoServer.close();
    }

    @Test
    void aRequestedRunIsAdoptedByTheWalkAndCountsAcrossInvocationsUntilDone() {
        Scope scope = Scope.workspace("team-" + UUID.randomUUID());
        progress.requested(scope.teamId(), scope.key(), FROM);
        String runId = progress.adopt(scope, KeysetCursor.from(FROM.toEpochMilli())).orElseThrow();

        progress.page(scope, runId, 1, 100, 90, new KeysetCursor(FROM.toEpochMilli() + 1000, Set.of("a")), false);
        progress.stopped(scope, runId, ReconcileReport.Stop.DEADLINE);
        BackfillRuns.Run paused = run(scope);
        assertThat(paused.state()).isEqualTo("paused");
        assertThat(paused.stop()).isEqualTo("deadline");

        String resumed = progress.adopt(scope, KeysetCursor.from(FROM.toEpochMilli() + 1000)).orElseThrow();
        assertThat(resumed).as("the next invocation continues the same run").isEqualTo(runId);
        progress.page(scope, runId, 2, 150, 150, new KeysetCursor(FROM.toEpochMilli() + 5000, Set.of("b")), true);

        BackfillRuns.Run done = run(scope);
        assertThat(done.state()).isEqualTo("done");
        assertThat(done.stop()).as("the pause's reason is cleared").isNull();
        assertThat(done.pages()).isEqualTo(3);
        assertThat(done.tasksSeen()).isEqualTo(250);
        assertThat(done.tasksWritten()).isEqualTo(240);
        assertThat(done.cursorMillis()).isEqualTo(FROM.toEpochMilli() + 5000);
        assertThat(done.startedAt()).isEqualTo(NOW);
        assertThat(done.finishedAt()).isEqualTo(NOW);
    }

    @Test
    void aNewerRewindReplacesTheRunAndTheOlderWalkCannotWriteIntoIt() {
        Scope scope = Scope.workspace("team-" + UUID.randomUUID());
        progress.requested(scope.teamId(), scope.key(), FROM);
        String older = progress.adopt(scope, KeysetCursor.from(FROM.toEpochMilli())).orElseThrow();

        progress.requested(scope.teamId(), scope.key(), FROM.minusSeconds(3600));
        progress.page(scope, older, 1, 100, 100, KeysetCursor.from(FROM.toEpochMilli() + 10), false);
        progress.stopped(scope, older, ReconcileReport.Stop.ERROR);

        BackfillRuns.Run newer = run(scope);
        assertThat(newer.runId()).isNotEqualTo(older);
        assertThat(newer.state()).isEqualTo("requested");
        assertThat(newer.pages()).isZero();
        assertThat(newer.from()).isEqualTo(FROM.minusSeconds(3600));
    }

    @Test
    void aWalkAfterAFinishedRunStartsItsOwn() {
        Scope scope = Scope.workspace("team-" + UUID.randomUUID());
        progress.requested(scope.teamId(), scope.key(), FROM);
        String first = progress.adopt(scope, KeysetCursor.from(FROM.toEpochMilli())).orElseThrow();
        progress.page(scope, first, 1, 3, 3, KeysetCursor.from(FROM.toEpochMilli() + 10), true);

        String second = progress.adopt(scope, KeysetCursor.from(FROM.toEpochMilli() + 20)).orElseThrow();

        assertThat(second).isNotEqualTo(first);
        assertThat(run(scope).state()).isEqualTo("requested");
        assertThat(run(scope).tasksSeen()).isZero();
    }

    @Test
    void aTableThatRefusesTheWriteIsCountedAndTheWalkGoesOn() {
        BackfillProgress broken = new BackfillProgress(new BackfillRuns(dynamo, "no-such-table"), metrics,
                Clock.fixed(NOW, ZoneOffset.UTC));
        Scope scope = Scope.workspace("team-" + UUID.randomUUID());

        broken.requested(scope.teamId(), scope.key(), FROM);
        assertThat(broken.adopt(scope, KeysetCursor.from(FROM.toEpochMilli()))).isEmpty();

        assertThat(metrics.count("BackfillProgressError", "Reason", "aws_unavailable")).isEqualTo(2);
    }

    private static BackfillRuns.Run run(Scope scope) {
        return store.backfills().load(scope.teamId(), scope.key()).orElseThrow();
    }
}
