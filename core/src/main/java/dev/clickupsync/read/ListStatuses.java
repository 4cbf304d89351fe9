package dev.clickupsync.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.clickupsync.hierarchy.HierarchyKind;
import dev.clickupsync.hierarchy.HierarchyObject;
import dev.clickupsync.hierarchy.HierarchyStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * A list's statuses as the mirror keeps them ({@code GET /list/{id}}'s {@code statuses}), which time in
 * status needs for each status's {@code color} and {@code orderindex} ({@link StatusLooks}). Kept per
 * list for the answer cache's bound ({@code sync.read-api.answer-cache.max-staleness}, default 1 s), so
 * a burst of time-in-status reads of one list's tasks costs one {@code GetItem} of the list a second
 * instead of one per read.
 *
 * <p>Why the answer cache's bound: a whole answer may already be that old ({@link AnswerCache}'s
 * comment says why that is safe), so a part of one may be too; and an operator who sets it to
 * {@code 0s} for exact reads turns this off as well. A list not mirrored (or deleted) is remembered
 * as such for the same time. At most {@link #MAX_LISTS} lists, the least used out first; evictions run
 * on the calling thread, as a Lambda instance is frozen between requests.
 */
@ApplicationScoped
class ListStatuses {
    static final int MAX_LISTS = 1_000;

    private final Function<String, Optional<JsonNode>> read;
    private final Cache<String, Optional<JsonNode>> kept;

    @Inject
    ListStatuses(HierarchyStore hierarchy, ReadApiConfig config) {
        this(id -> hierarchy.find(HierarchyKind.LIST, id).filter(list -> !list.deleted())
                .map(HierarchyObject::json).map(json -> json.path("statuses")), config.answerCache().maxStaleness(),
                Ticker.systemTicker());
    }

    /** With the list reader and the clock staleness is measured on (tests count reads and step time). */
    ListStatuses(Function<String, Optional<JsonNode>> read, Duration maxStaleness, Ticker ticker) {
        this.read = read;
        this.kept = maxStaleness.isZero() || maxStaleness.isNegative() ? null
                : Caffeine.newBuilder().maximumSize(MAX_LISTS).expireAfterWrite(maxStaleness).ticker(ticker)
                        .executor(Runnable::run).build();
    }

    /** The list's {@code statuses} as mirrored, or empty when the mirror holds no live list of that id. */
    Optional<JsonNode> of(String listId) {
        return kept == null ? read.apply(listId) : kept.get(listId, read);
    }
}
