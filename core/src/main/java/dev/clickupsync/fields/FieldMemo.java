package dev.clickupsync.fields;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One instance's memory of the definitions it has seen, so hot lookups cost no DynamoDB read.
 *
 * <p>Policy: an entry is used only while fresh by {@code ttl} (the same rule as the table), and
 * only fresh definitions are remembered (a stale copy served after a failed discovery is not, so the
 * next call tries again); of two copies of a list the later-fetched one stays. At most
 * {@value #MAX_MEMO} lists are kept: then the memo starts over, which costs one read per list, never
 * a wrong answer. {@link FieldCache#refresh} forgets the list first, so a newer copy another instance
 * stored is seen. Thread-safe.
 */
final class FieldMemo {
    static final int MAX_MEMO = 1024;

    private final Duration ttl;
    private final ConcurrentMap<String, FieldDefinitions> memo = new ConcurrentHashMap<>();

    FieldMemo(Duration ttl) {
        this.ttl = ttl;
    }

    /** The remembered definitions of the list while fresh at {@code now}, else null. */
    FieldDefinitions fresh(String listId, Instant now) {
        FieldDefinitions memoised = memo.get(listId);
        return memoised != null && memoised.isFresh(now, ttl) ? memoised : null;
    }

    void forget(String listId) {
        memo.remove(listId);
    }

    /** Remembers the definitions if fresh at {@code now} (the newer copy wins); returns them either way. */
    FieldDefinitions remember(FieldDefinitions definitions, Instant now) {
        if (definitions.isFresh(now, ttl)) {
            if (memo.size() >= MAX_MEMO && !memo.containsKey(definitions.listId())) {
                memo.clear();
            }
            memo.merge(definitions.listId(), definitions,
                    (old, neu) -> old.fetchedAt().isAfter(neu.fetchedAt()) ? old : neu);
        }
        return definitions;
    }
}
