package dev.clickupsync.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.TaskSnapshot;
import dev.clickupsync.mirror.TaskSnapshot.Person;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import dev.clickupsync.support.DynaliteTable;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What one task write costs in index writes, counted by an SDK interceptor on the mirror's client
 * (dynalite): the numbers docs/read-api.md ("Task queries", write cost) quotes. A task in a list
 * with a custom id has 9 index items (4 orders x list and workspace, plus the custom-id lookup), and
 * each write gives its list's and workspace's partitions a new generation ({@link PageClock}: 2 puts).
 */
class TaskWriteCostTest {
    private static final String TABLE = "task-write-cost";
    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");
    private static final Calls CALLS = new Calls();
    @RegisterExtension
    static final DynaliteTable DYNALITE = new DynaliteTable(TABLE, CALLS);
    private static DynamoDbClient dynamo;
    private static MirrorStore mirror;

    @BeforeAll
    static void start() {
        dynamo = DYNALITE.dynamo();
        mirror = new MirrorStore(dynamo, TABLE, Clock.systemUTC(), new TaskIndex(dynamo, TABLE));
    }

    @BeforeEach
    void reset() {
        CALLS.reset();
    }

    @Test
    void aNewTaskCostsNineIndexPutsOneReReadAndOneQueryOfItsTimeEntries() {
        mirror.upsert(task("t-new", T, "to do"));

        assertThat(CALLS.counts()).isEqualTo("entryPuts=1 indexPuts=9 indexDeletes=0 gets=1 queries=1 clockPuts=2");
    }

    @Test
    void aNewerVersionInTheSameListCostsNinePutsAndTwoDeletes() {
        mirror.upsert(task("t-upd", T, "to do"));
        CALLS.reset();

        mirror.upsert(task("t-upd", T.plusSeconds(60), "review"));

        // the updated-order keys move (list and workspace); the workspace stays, so no time-entry query
        assertThat(CALLS.counts()).isEqualTo("entryPuts=1 indexPuts=9 indexDeletes=2 gets=1 queries=0 clockPuts=2");
    }

    @Test
    void aTombstoneDeletesEveryIndexItemAndUnfilesTheTimeEntries() {
        mirror.upsert(task("t-del", T, "to do"));
        CALLS.reset();

        mirror.tombstone("t-del", T.plusSeconds(60));

        // the partitions it left get new generations too, so no kept page still shows it;
        // the tombstone reads the entry first (1 get), re-reads after the index write (1 get)
        assertThat(CALLS.counts()).isEqualTo("entryPuts=1 indexPuts=0 indexDeletes=9 gets=2 queries=1 clockPuts=2");
    }

    private static TaskSnapshot task(String id, Instant updated, String status) {
        return new TaskSnapshot(id, "CU-" + id, "Task " + id, status, "custom", null, null, List.of(new Person(1, "ada")),
                List.of(), "list-1", "f", "s", "team-1", null, T, updated, null, null, null, null, null,
                null, null, List.of(), false, false, null);
    }

    static final class Calls implements ExecutionInterceptor {
        volatile int entryPuts;
        volatile int indexPuts;
        volatile int indexDeletes;
        volatile int gets;
        volatile int queries;
        volatile int clockPuts;

        void reset() {
            entryPuts = indexPuts = indexDeletes = gets = queries = clockPuts = 0;
        }

        String counts() {
            return "entryPuts=" + entryPuts + " indexPuts=" + indexPuts + " indexDeletes=" + indexDeletes
                    + " gets=" + gets + " queries=" + queries + " clockPuts=" + clockPuts;
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof PutItemRequest) {
                entryPuts++;
            } else if (context.request() instanceof BatchWriteItemRequest b) {
                b.requestItems().values().forEach(writes -> writes.forEach(w -> {
                    if (w.putRequest() != null && PageClock.SK.equals(w.putRequest().item().get("sk").s())) {
                        clockPuts++;
                    } else if (w.putRequest() != null) {
                        indexPuts++;
                    } else {
                        indexDeletes++;
                    }
                }));
            } else if (context.request() instanceof GetItemRequest) {
                gets++;
            } else if (context.request() instanceof QueryRequest) {
                queries++;
            }
        }
    }
}
