package dev.clickupsync.store;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one item codec: typed reads of a stored DynamoDB item, and the attribute values every store
 * writes. Each store used to carry its own {@code putText}/{@code longOrNull}/{@code instant}
 * helpers; their conventions are fixed here once:
 * <ul>
 *   <li>strings are {@code S}; an absent or null Java value is an absent attribute, never {@code NULL};</li>
 *   <li>numbers are {@code N}; an instant is stored as epoch <b>milliseconds</b>, except
 *       {@link Tables#TTL}, which DynamoDB's TTL reads as epoch <b>seconds</b> ({@link Builder#expiresAt});</li>
 *   <li>booleans are {@code BOOL}.</li>
 * </ul>
 * Reads tolerate what older code or a hand edit may have left: a missing attribute, or one of
 * another type, reads as absent rather than throwing, so one odd item cannot stop a scan.
 * Immutable and null-safe: {@code Item.of(null)} is the empty item.
 */
public final class Item {
    private static final Item EMPTY = new Item(Map.of());

    private final Map<String, AttributeValue> attributes;

    private Item(Map<String, AttributeValue> attributes) {
        this.attributes = attributes;
    }

    /** Wraps an item as the SDK returned it ({@code null} or empty: no item). */
    public static Item of(Map<String, AttributeValue> attributes) {
        return attributes == null || attributes.isEmpty() ? EMPTY : new Item(attributes);
    }

    /** A new item (or update values) to write, starting from its key. */
    public static Builder with(Map<String, AttributeValue> key) {
        return new Builder(key);
    }

    /** A new, empty attribute map to fill (expression values, partial items). */
    public static Builder builder() {
        return new Builder(Map.of());
    }

    /** A string value. */
    public static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    /** A number value. */
    public static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    /** An instant as epoch milliseconds, the layout of every stored time but TTL. */
    public static AttributeValue millis(Instant value) {
        return n(value.toEpochMilli());
    }

    /** The {@code pk}/{@code sk} key of one item. */
    public static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(Tables.PK, s(pk), Tables.SK, s(sk));
    }

    public boolean exists() {
        return !attributes.isEmpty();
    }

    public boolean has(String name) {
        return attributes.containsKey(name);
    }

    /** The string attribute, or {@code null}. */
    public String text(String name) {
        AttributeValue v = attributes.get(name);
        return v == null ? null : v.s();
    }

    /** The number attribute, or {@code null} when absent or not a number. */
    public Long longOrNull(String name) {
        AttributeValue v = attributes.get(name);
        return v == null || v.n() == null ? null : Long.parseLong(v.n());
    }

    /** The number attribute, or {@code fallback}. */
    public long longOr(String name, long fallback) {
        Long value = longOrNull(name);
        return value == null ? fallback : value;
    }

    /** An instant stored as epoch milliseconds, or {@code null}. */
    public Instant instant(String name) {
        Long millis = longOrNull(name);
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    /** A boolean attribute; absent reads as {@code false}. */
    public boolean flag(String name) {
        AttributeValue v = attributes.get(name);
        return v != null && Boolean.TRUE.equals(v.bool());
    }

    public Optional<AttributeValue> raw(String name) {
        return Optional.ofNullable(attributes.get(name));
    }

    /** The attributes as the SDK wants them (unmodifiable). */
    public Map<String, AttributeValue> attributes() {
        return Collections.unmodifiableMap(attributes);
    }

    /**
     * Builds an attribute map by the conventions above: {@code null} values are skipped, so a
     * builder chain can name every optional field without an {@code if} each.
     */
    public static final class Builder {
        private final Map<String, AttributeValue> values;

        private Builder(Map<String, AttributeValue> start) {
            this.values = new HashMap<>(start);
        }

        public Builder text(String name, String value) {
            if (value != null) {
                values.put(name, s(value));
            }
            return this;
        }

        public Builder number(String name, Long value) {
            if (value != null) {
                values.put(name, n(value));
            }
            return this;
        }

        public Builder instant(String name, Instant value) {
            if (value != null) {
                values.put(name, millis(value));
            }
            return this;
        }

        /** The TTL attribute, in epoch seconds as DynamoDB's TTL expects. */
        public Builder expiresAt(Instant value) {
            if (value != null) {
                values.put(Tables.TTL, n(value.getEpochSecond()));
            }
            return this;
        }

        public Builder flag(String name, boolean value) {
            values.put(name, AttributeValue.fromBool(value));
            return this;
        }

        public Builder value(String name, AttributeValue value) {
            if (value != null) {
                values.put(name, value);
            }
            return this;
        }

        public Map<String, AttributeValue> build() {
            return Map.copyOf(values);
        }
    }
}
