package dev.clickupsync.budget;

import dev.clickupsync.infra.Provisioner;
import dev.clickupsync.store.Item;
import dev.clickupsync.support.AwsClients;
import dev.clickupsync.testkit.aws.EmbeddedAws;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The budget item's minute window ({@link MinuteWindow}) on dynalite, through the real SDK and the
 * real {@link SharedRateBudget} writes, under the virtual clock of {@link SharedRateBudgetTest}.
 */
class MinuteWindowTest {
    private static final String TABLE = "budget-window-test-control";
    private static EmbeddedAws aws;
    private static DynamoDbClient dynamo;

    // Starts 10 s into a minute, so the first slots and the turn of the minute are both exercised.
    private final SharedRateBudgetTest.VirtualTime time = new SharedRateBudgetTest.VirtualTime(Instant.parse("2026-01-01T00:00:10Z"));
    private final Gcra gcra = new Gcra(100, Duration.ofMinutes(1), 0.1);
    private final String key = UUID.randomUUID().toString();

    @BeforeAll
    static void startDynamo() {
        aws = EmbeddedAws.start();
        dynamo = AwsClients.dynamo(aws.dynamoDbEndpoint());
        new Provisioner(dynamo, null).ensureTable(TABLE);
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        aws.close();
    }

    private SharedRateBudget instance() {
        return new SharedRateBudget(dynamo, TABLE, key, gcra, time, time::sleep);
    }

    private Item item() {
        return Item.of(dynamo.getItem(b -> b.tableName(TABLE).key(Item.key("budget#" + key, "budget")).consistentRead(true)).item());
    }

    @Test
    void countsEveryConcurrentSlotExactly() throws Exception {
        // Frozen clock: 8 instances race for the burst; the window counts exactly the slots granted.
        int total = race(8, 5, this::instance);

        assertThat(total).isEqualTo(gcra.burst());
        assertThat(item().longOr("win_count", -1)).isEqualTo(total);
        assertThat(MinuteWindow.usedLastMinute(item(), time.instant())).isEqualTo(total);
    }

    /** {@code threads} racers, each asking {@code asks} times without waiting, each through its own budget from {@code budgets}; the slots granted. */
    private static int race(int threads, int asks, Supplier<RateBudget> budgets) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Integer>> racers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                racers.add(() -> {
                    RateBudget budget = budgets.get();
                    int granted = 0;
                    for (int ask = 0; ask < asks; ask++) {
                        granted += budget.tryAcquire().isZero() ? 1 : 0;
                    }
                    return granted;
                });
            }
            int total = 0;
            for (Future<Integer> f : pool.invokeAll(racers)) {
                total += f.get();
            }
            return total;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void instancesTakingTurnsAcrossMinutesCountEachMinutesSlotsExactly() {
        List<SharedRateBudget> instances = List.of(instance(), instance(), instance());
        Map<Long, Integer> granted = new java.util.TreeMap<>();
        for (int call = 0; call < 200; call++) {
            instances.get(call % instances.size()).acquire(Duration.ofMinutes(2)); // waits (virtually) for its slot
            granted.merge(MinuteWindow.minute(time.instant()), 1, Integer::sum);
        }
        long minute = MinuteWindow.minute(time.instant());
        assertThat(granted.keySet()).as("the run spans at least two minutes").hasSizeGreaterThanOrEqualTo(3);

        Item item = item();
        assertThat(item.longOr("win_start", -1)).isEqualTo(minute);
        assertThat(item.longOr("win_count", -1)).isEqualTo((long) granted.get(minute));
        assertThat(item.longOr("win_prev", -1)).isEqualTo((long) granted.getOrDefault(minute - 1, 0));
        assertThat(item.attributes().keySet()).as("a fixed set of attributes, nothing piles up")
                .containsExactlyInAnyOrder("pk", "sk", "tat", "win_start", "win_count", "win_prev");
    }

    @Test
    void anIdleWindowReadsZeroAndTheNextSlotRestartsIt() {
        SharedRateBudget budget = instance();
        for (int i = 0; i < 5; i++) {
            assertThat(budget.tryAcquire()).isZero();
        }
        time.sleep(Duration.ofMinutes(1)); // the next minute: the five now count as the previous window's
        assertThat(budget.tryAcquire()).isZero();
        assertThat(item().longOr("win_prev", -1)).isEqualTo(5);
        assertThat(item().longOr("win_count", -1)).isEqualTo(1);

        time.sleep(Duration.ofMinutes(3));
        assertThat(MinuteWindow.usedLastMinute(item(), time.instant())).as("nothing in the last minute").isZero();
        assertThat(budget.tryAcquire()).isZero();
        assertThat(item().longOr("win_prev", -1)).as("the window before was not the minute before").isZero();
        assertThat(item().longOr("win_count", -1)).isEqualTo(1);
    }

    @Test
    void anItemWrittenBeforeTheWindowExistedReadsZeroAndStartsCounting() {
        long tat = time.micros() - 1_000_000;
        dynamo.putItem(b -> b.tableName(TABLE).item(Item.builder().text("pk", "budget#" + key).text("sk", "budget")
                .number("tat", tat).build()));
        assertThat(MinuteWindow.usedLastMinute(item(), time.instant())).isZero();

        assertThat(instance().tryAcquire()).isZero();

        assertThat(item().longOr("win_count", -1)).isEqualTo(1);
        assertThat(item().longOr("win_prev", -1)).isZero();
    }

    @Test
    void aWriterWhoseClockLagsCountsIntoTheNewerWindow() {
        SharedRateBudgetTest.VirtualTime early = new SharedRateBudgetTest.VirtualTime(Instant.parse("2026-01-01T00:05:01Z"));
        assertThat(new SharedRateBudget(dynamo, TABLE, key, gcra, early, early::sleep).tryAcquire()).isZero();
        long minute = MinuteWindow.minute(early.instant());
        // 2 s behind, in the minute before, with a free slot at once: its slot time is in that minute.
        SharedRateBudgetTest.VirtualTime behind = new SharedRateBudgetTest.VirtualTime(early.instant().minusSeconds(2));
        assertThat(MinuteWindow.minute(behind.instant())).isEqualTo(minute - 1);

        assertThat(new SharedRateBudget(dynamo, TABLE, key, gcra, behind, behind::sleep).tryAcquire()).isZero();

        assertThat(item().longOr("win_start", -1)).isEqualTo(minute);
        assertThat(item().longOr("win_count", -1)).isEqualTo(2);
    }

    @Test
    void theEstimateWeighsThePreviousWindowByItsOverlapWithTheLastMinute() {
        Instant now = Instant.parse("2026-01-01T00:10:15Z"); // a quarter into minute m
        long m = MinuteWindow.minute(now);
        Item current = Item.of(Item.builder().number("win_start", m).number("win_count", 10L).number("win_prev", 40L).build());
        Item previous = Item.of(Item.builder().number("win_start", m - 1).number("win_count", 40L).number("win_prev", 7L).build());
        Item older = Item.of(Item.builder().number("win_start", m - 2).number("win_count", 40L).build());

        assertThat(MinuteWindow.usedLastMinute(current, now)).isEqualTo(10 + 30);
        assertThat(MinuteWindow.usedLastMinute(previous, now)).isEqualTo(30);
        assertThat(MinuteWindow.usedLastMinute(older, now)).isZero();
        assertThat(MinuteWindow.usedLastMinute(Item.of(Map.of()), now)).isZero();
    }

    // ------------------------------------------------------------------ the same window in memory

    @Test
    void theInMemoryBudgetGivesTheNumbersTheItemGivesForTheSameCalls() {
        SharedRateBudgetTest.VirtualTime localTime = new SharedRateBudgetTest.VirtualTime(time.instant());
        LocalRateBudget local = new LocalRateBudget(gcra, localTime, localTime::sleep);
        List<SharedRateBudget> instances = List.of(instance(), instance(), instance());
        for (int call = 0; call < 200; call++) {
            instances.get(call % instances.size()).acquire(Duration.ofMinutes(2));
            local.acquire(Duration.ofMinutes(2));
            assertThat(localTime.instant()).isEqualTo(time.instant()); // same slots, so the same virtual times
            if (call % 25 == 0 || call == 199) {
                assertThat(local.usedLastMinute()).as("call %d at %s", call, time.instant())
                        .isEqualTo(MinuteWindow.usedLastMinute(item(), time.instant()));
            }
        }
        // The estimate reaches 0 once a whole calendar minute passed without a slot: within two minutes
        // of the last one (60 s after it, the previous window still overlaps the last 60 s).
        localTime.sleep(Duration.ofSeconds(120));
        assertThat(local.usedLastMinute()).as("a whole calendar minute idle").isZero();
    }

    @Test
    void theInMemoryBudgetCountsEveryConcurrentSlotExactly() throws Exception {
        // A limit high enough that every ask is granted: 8 threads x 500 asks, all counted, none twice.
        LocalRateBudget local = new LocalRateBudget(new Gcra(100_000, Duration.ofMinutes(1), 0.1), time, time::sleep);

        assertThat(race(8, 500, () -> local)).isEqualTo(4_000);
        assertThat(local.usedLastMinute()).isEqualTo(4_000);
    }

    @Test
    void headersAndRateLimitsMoveTheInMemoryTatButCountNoSlot() {
        LocalRateBudget local = new LocalRateBudget(gcra, time, time::sleep);
        assertThat(local.tryAcquire()).isZero();
        local.onRateLimited(time.instant().plusSeconds(30).toEpochMilli());
        local.observe(0, time.instant().plusSeconds(30).toEpochMilli());

        assertThat(local.tryAcquire()).as("closed until the reset").isPositive();
        assertThat(local.usedLastMinute()).isEqualTo(1);
    }
}
