package dev.clickupsync.query;

import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.TaskSnapshot;
import dev.clickupsync.mirror.TeamTimeIndex;
import dev.clickupsync.mirror.TimePlace;
import dev.clickupsync.store.Tables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Rebuilds the mirror's index items (task queries, custom-id lookups, team time entries) from its
 * entries, in bounded, resumable steps: for a mirror written before an index existed, or restored
 * from a backup. A step scans pages of {@value #PAGE} items of the mirror table (the only
 * {@code Scan} the code makes; a filter keeps the entries' items, but every item scanned costs read
 * units) and, for the live entries of each page, puts their items ({@link TaskIndex#rebuild}, and one
 * {@code Query} of each task's time entries to file them: {@link TeamTimeIndex#moveTask}), until its
 * time budget is spent or the table ends. It answers a cursor (the scan's last key, opaque base64)
 * that the next step starts from; a step never starts a page after its budget, so a step ends at
 * most one page past it. Idempotent: only puts of what the entries say, so a repeated or overlapping
 * step changes nothing, and the live listener keeps writing meanwhile (an item rebuilt from an entry
 * a newer write has since replaced carries the old version, which queries never serve, and the newer
 * write's own index update supersedes it). Items no entry explains any more are not removed.
 */
@ApplicationScoped
public class MirrorReindex {
    static final int PAGE = 100;
    private static final Pattern KEY_PART = Pattern.compile("[^\\n\\r]{1,2048}");

    /** One step's outcome: items scanned, live entries indexed, and where the next step starts (null: done). */
    public record Step(int scanned, int indexed, String cursor) {
        public boolean complete() {
            return cursor == null;
        }
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final TaskIndex index;
    private final TeamTimeIndex teamTime;
    private final Clock clock;

    @Inject
    public MirrorReindex(DynamoDbClient dynamo, SyncConfig config) {
        this(dynamo, config.tables().mirror(), Clock.systemUTC());
    }

    public MirrorReindex(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.index = new TaskIndex(dynamo, table);
        this.teamTime = new TeamTimeIndex(dynamo, table);
        this.clock = clock;
    }

    /**
     * One step from {@code cursor} (null: the start) for about {@code budget}.
     *
     * @throws IllegalArgumentException for a cursor no step answered
     */
    public Step step(String cursor, Duration budget) {
        Instant deadline = clock.instant().plus(budget);
        Map<String, AttributeValue> start = decode(cursor);
        int scanned = 0;
        int indexed = 0;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = dynamo.scan(b -> {
                b.tableName(table).limit(PAGE).filterExpression("sk = :snapshot")
                        .expressionAttributeValues(Map.of(":snapshot", AttributeValue.fromS("snapshot")));
                if (from != null) {
                    b.exclusiveStartKey(from);
                }
            });
            scanned += page.scannedCount();
            List<TaskSnapshot> live = new ArrayList<>();
            for (Map<String, AttributeValue> item : page.items()) {
                MirrorStore.entryOf(item).map(MirrorStore.Entry::snapshot).filter(s -> !s.deleted()).ifPresent(live::add);
            }
            index.rebuild(live);
            live.forEach(s -> teamTime.moveTask(s.id(), null, TimePlace.of(s)));
            indexed += live.size();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && clock.instant().isBefore(deadline));
        return new Step(scanned, indexed, encode(start));
    }

    private static String encode(Map<String, AttributeValue> key) {
        if (key == null) {
            return null;
        }
        String raw = key.get(Tables.PK).s() + "\n" + key.get(Tables.SK).s();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, AttributeValue> decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8).split("\n", -1);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cursor is not one this endpoint answered");
        }
        if (parts.length != 2 || !KEY_PART.matcher(parts[0]).matches() || !KEY_PART.matcher(parts[1]).matches()) {
            throw new IllegalArgumentException("cursor is not one this endpoint answered");
        }
        return Map.of(Tables.PK, AttributeValue.fromS(parts[0]), Tables.SK, AttributeValue.fromS(parts[1]));
    }
}
