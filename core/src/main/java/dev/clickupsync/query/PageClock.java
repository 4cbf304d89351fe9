package dev.clickupsync.query;

import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.store.Batches;
import dev.clickupsync.store.Item;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A generation per task-query partition ({@code tq#l#<list>#<a>}, {@code tq#t#<team>#<a>}): one
 * item in the partition itself, sort key {@value #SK}, attribute {@code g}, a random value that
 * changes after every write of an index item in that partition. A reader that remembers an answer
 * together with the generation it read <em>before</em> computing it may serve the answer again for
 * as long as the generation is unchanged: one strongly consistent {@code GetItem} instead of the
 * index walk and the {@code BatchGetItem} ({@code read/PageCache}).
 *
 * <h2>Why it is safe</h2>
 * Writers ({@link TaskIndex}) tick the partitions they touched <em>after</em> their index writes
 * (and the entry write precedes those). A reader reads the generation first, then walks. If it read
 * the generation before a writer's tick, whatever it computed (old or half-new) is remembered under
 * the old value, which the tick has replaced: the next reader sees a new value and recomputes. If it
 * read after the tick, the writes the tick follows were all visible to its walk. Two writers each
 * tick after their own writes, so the last value is always newer than every write it follows. A
 * random value rather than a counter: ticks are then blind puts, batched into one
 * {@code BatchWriteItem} with no read and no condition, and a lost race between two ticks still
 * leaves a value no reader has cached under.
 *
 * <h2>What it costs, what can go wrong</h2>
 * One {@code BatchWriteItem} of 2 puts (list and workspace partition; 4 when a task moves) per
 * indexed task write, and 1 read unit per cached page answered. Every write in a workspace ticks the
 * workspace's partition, so team queries are cached only while the workspace is quiet; one hot item
 * per partition is well under DynamoDB's 1,000 writes a second per key at the drain's pace. A tick
 * that fails (or a crash between index writes and tick) leaves answers cached under the old value:
 * they are counted like a failed index write ({@code MirrorIndexWriteFailed{Index=page_clock}}) and
 * age out of the cache after its {@code max-age} at the latest.
 */
@ApplicationScoped
public class PageClock {
    static final String SK = "gen";
    /** The value of a partition that was never ticked (a mirror indexed before the clock existed). */
    static final String NEVER = "-";

    private final DynamoDbClient dynamo;
    private final String table;

    @Inject
    public PageClock(DynamoDbClient dynamo, SyncConfig config) {
        this(dynamo, config.tables().mirror());
    }

    public PageClock(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The current generation of the partition this query reads (strongly consistent). */
    public String generation(TaskQuery query) {
        String pk = IndexKeys.partition(query.scope(), query.archived());
        Item item = Item.of(dynamo.getItem(b -> b.tableName(table).key(Item.key(pk, SK)).consistentRead(true)).item());
        String g = item.text("g");
        return g == null ? NEVER : g;
    }

    /** Gives each of these partitions a new generation; call it after the index writes it follows. */
    void tick(Collection<String> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        List<WriteRequest> puts = partitions.stream().distinct().map(pk -> Batches.put(Item.with(Item.key(pk, SK))
                .text("g", Long.toHexString(ThreadLocalRandom.current().nextLong())).build())).toList();
        Batches.write(dynamo, table, puts, "page clock");
    }
}
