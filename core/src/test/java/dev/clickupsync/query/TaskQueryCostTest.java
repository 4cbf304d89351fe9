package dev.clickupsync.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickupsync.infra.Provisioner;
import dev.clickupsync.mirror.MirrorSeeds;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.TaskSnapshot;
import dev.clickupsync.mirror.TaskSnapshot.Person;
import dev.clickupsync.support.AwsClients;
import dev.clickupsync.testkit.aws.EmbeddedDynamoDb;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * The cost of a page in a list of 10,000 tasks, counted in DynamoDB round trips and items read (an
 * SDK interceptor on the engine's client), not in wall time: a first page is one {@code Query} of 101
 * index items and one {@code BatchGetItem}; the last page of the list walks every item in at most
 * three {@code Query}s; a filter passing a quarter of the tasks walks about four times a page. The
 * walk is strongly consistent (what the page cache's generation argument needs). Under one
 * generation, page starts found by earlier walks spare later pages the walk before them
 * ({@link PageCursors}): the whole list read page after page walks each index item about once.
 */
class TaskQueryCostTest {
    private static final String TABLE = "task-query-cost";
    private static final String LIST = "880000";
    private static final int TASKS = 10_000;
    private static final long T0 = 1_767_225_600_000L;

    private static EmbeddedDynamoDb dynamoServer;
    private static DynamoDbClient writer;
    private static DynamoDbClient reader;
    private static final Calls CALLS = new Calls();
    private static TaskQueryEngine engine;
    private static List<TaskSnapshot> byCreatedNewestFirst;

    @BeforeAll
    static void tenThousandTasksInOneList() {
        dynamoServer = EmbeddedDynamoDb.start();
        writer = AwsClients.dynamo(dynamoServer.endpoint());
        reader = AwsClients.dynamo(dynamoServer.endpoint(), CALLS);
        new Provisioner(writer, null).ensureTable(TABLE);
        List<TaskSnapshot> tasks = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            tasks.add(task(i));
        }
        MirrorSeeds.seed(writer, TABLE, tasks);
        new TaskIndex(writer, TABLE).rebuild(tasks);
        engine = new TaskQueryEngine(reader, TABLE, new MirrorStore(reader, TABLE));
        byCreatedNewestFirst = tasks.stream().sorted(Comparator.comparing(TaskSnapshot::dateCreated).reversed()).toList();
    }

    @AfterAll
    static void stop() {
        writer.close();
        reader.close();
        dynamoServer.close();
    }

    @BeforeEach
    void resetCounts() {
        CALLS.reset();
    }

    @Test
    void theFirstPageIsOneQueryOfOneHundredAndOneItemsAndOneBatchGet() {
        TaskPage page = engine.run(TaskQuery.parse(Scope.list(LIST), Map.of()));

        assertThat(page.tasks()).isEqualTo(byCreatedNewestFirst.subList(0, 100));
        assertThat(page.lastPage()).isFalse();
        assertThat(CALLS.queries).isEqualTo(1);
        assertThat(CALLS.consistentQueries).as("the page cache relies on it: PageClock").isEqualTo(1);
        assertThat(CALLS.indexItemsRead).isEqualTo(101);
        assertThat(CALLS.batchGets).isEqualTo(1);
        assertThat(CALLS.entriesRead).isEqualTo(100);
        assertThat(CALLS.scans).isZero();
    }

    @Test
    void theLastPageWalksTheListInAtMostThreeQueries() {
        TaskPage page = engine.run(TaskQuery.parse(Scope.list(LIST), Map.of("page", List.of("99"))));

        assertThat(page.tasks()).isEqualTo(byCreatedNewestFirst.subList(9_900, 10_000));
        assertThat(page.lastPage()).isTrue();
        assertThat(CALLS.queries).isBetween(1, 3);
        assertThat(CALLS.indexItemsRead).isEqualTo(TASKS);
        assertThat(CALLS.batchGets).isEqualTo(1);
        assertThat(CALLS.entriesRead).isEqualTo(100);
    }

    @Test
    void aMiddlePageInAnotherOrderReadsOnlyUpToItsEnd() {
        TaskPage page = engine.run(TaskQuery.parse(Scope.list(LIST),
                Map.of("order_by", List.of("updated"), "reverse", List.of("true"), "page", List.of("40"))));

        assertThat(page.tasks()).extracting(TaskSnapshot::id)
                .isEqualTo(byCreatedNewestFirst.stream().sorted(Comparator.comparing(TaskSnapshot::dateUpdated))
                        .skip(4_000).limit(100).map(TaskSnapshot::id).toList());
        assertThat(CALLS.queries).isBetween(1, 2);
        assertThat(CALLS.indexItemsRead).isLessThanOrEqualTo(4_101 + 100);
        assertThat(CALLS.batchGets).isEqualTo(1);
    }

    @Test
    void aFilterPassingAQuarterWalksAboutFourPagesOfIndexItems() {
        TaskPage page = engine.run(TaskQuery.parse(Scope.list(LIST), Map.of("assignees[]", List.of("3"))));

        assertThat(page.tasks()).hasSize(100).allSatisfy(t -> assertThat(t.assignees()).extracting(Person::id).contains(3L));
        assertThat(CALLS.queries).isBetween(1, 2);
        assertThat(CALLS.indexItemsRead).isLessThanOrEqualTo(1_212);
        assertThat(CALLS.batchGets).isEqualTo(1);
        assertThat(CALLS.entriesRead).isEqualTo(100);
    }

    @Test
    void readingTheWholeListPageAfterPageUnderOneGenerationWalksEachIndexItemAboutOnce() {
        TaskQueryEngine paged = new TaskQueryEngine(reader, TABLE, new MirrorStore(reader, TABLE), new PageCursors(PageCursors.MAX_STARTS, java.time.Duration.ofMinutes(5)));
        List<String> ids = new ArrayList<>();
        for (int n = 0; n < TASKS / 100; n++) {
            TaskPage page = paged.run(TaskQuery.parse(Scope.list(LIST), Map.of("page", List.of(String.valueOf(n)))), "gen-1");
            page.tasks().forEach(t -> ids.add(t.id()));
            assertThat(page.lastPage()).isEqualTo(n == TASKS / 100 - 1);
        }

        assertThat(ids).as("every task once, in order").isEqualTo(byCreatedNewestFirst.stream().map(TaskSnapshot::id).toList());
        assertThat(CALLS.indexItemsRead).as("from the start each time: 100 N + 101 for page N, 505,000 in all")
                .isLessThanOrEqualTo(TASKS + 2 * (TASKS / 100));
        assertThat(CALLS.batchGets).isEqualTo(TASKS / 100);
    }

    @Test
    void aDeepPageStartsFromTheNearestPageAnEarlierWalkPassedAndNotUnderAnotherGeneration() {
        TaskQueryEngine paged = new TaskQueryEngine(reader, TABLE, new MirrorStore(reader, TABLE), new PageCursors(PageCursors.MAX_STARTS, java.time.Duration.ofMinutes(5)));
        paged.run(TaskQuery.parse(Scope.list(LIST), Map.of("page", List.of("30"))), "gen-1"); // passes pages 1 to 31
        CALLS.reset();

        TaskPage page40 = paged.run(TaskQuery.parse(Scope.list(LIST), Map.of("page", List.of("40"))), "gen-1");
        int fromPage31 = CALLS.indexItemsRead;
        CALLS.reset();
        TaskPage again = paged.run(TaskQuery.parse(Scope.list(LIST), Map.of("page", List.of("40"))), "gen-2");

        assertThat(page40.tasks()).isEqualTo(byCreatedNewestFirst.subList(4_000, 4_100)).isEqualTo(again.tasks());
        assertThat(fromPage31).as("9 pages skipped from page 31's start, then the page").isBetween(1_000, 1_101);
        assertThat(CALLS.indexItemsRead).as("another generation: from the partition's start").isEqualTo(4_101);
    }

    private static TaskSnapshot task(int i) {
        String id = String.format("t%06d", i);
        Instant created = Instant.ofEpochMilli(T0 + (long) i * 60_000L);
        Instant updated = created.plusMillis(((i * 7919L) % TASKS) * 1_000L + 500);
        return new TaskSnapshot(id, null, "Task " + i, "to do", "open", null, null, List.of(new Person(i % 4, "user")),
                List.of("tag" + i % 3), LIST, "88000", "8800", null, null, created, updated, null, null,
                created.plusSeconds(86_400L * (i % 30)), null, null, null, null, List.of(), false, false, null);
    }

    /** Counts the engine's DynamoDB calls and the items they read. */
    static final class Calls implements ExecutionInterceptor {
        volatile int queries;
        volatile int consistentQueries;
        volatile int indexItemsRead;
        volatile int batchGets;
        volatile int entriesRead;
        volatile int scans;
        final List<String> log = new CopyOnWriteArrayList<>();

        void reset() {
            queries = consistentQueries = indexItemsRead = batchGets = entriesRead = scans = 0;
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            if (context.response() instanceof QueryResponse q) {
                queries++;
                if (Boolean.TRUE.equals(((QueryRequest) context.request()).consistentRead())) {
                    consistentQueries++;
                }
                indexItemsRead += q.scannedCount();
            } else if (context.response() instanceof BatchGetItemResponse b) {
                batchGets++;
                entriesRead += b.responses().values().stream().mapToInt(List::size).sum();
            } else if (context.request() instanceof ScanRequest) {
                scans++;
            }
        }
    }
}
