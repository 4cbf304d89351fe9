package dev.clickupsync.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One conditional UpdateItem, built by attribute name instead of by hand-written expression maps:
 * {@code set("state", s("QUEUED"))} becomes {@code SET #state = :state}, so every store writes its
 * placeholders the same way and reserved words ({@code state}, {@code owner}, {@code type}) are
 * always escaped.
 *
 * <p>Conventions: an attribute {@code a} is {@code #a} and the value written to it {@code :a}; a
 * {@code #a} in a condition stands for the attribute {@code a} (the names map is derived from the
 * text, so DynamoDB never sees an unused name); {@code :now} is {@link #now()} in epoch milliseconds,
 * bound only where used. Binding one placeholder to two different values is a programming error
 * ({@link IllegalArgumentException}), never a silent overwrite. Conditions added with {@link #onlyIf}
 * are AND-ed. Mutable, for one write; {@link #copy()} before extending a shared one.
 */
public final class ItemUpdate {
    private static final Pattern NAME = Pattern.compile("#([A-Za-z0-9_]+)");
    private static final Pattern NOW = Pattern.compile(":now(?![A-Za-z0-9_])");
    private static final Pattern ATTRIBUTE = Pattern.compile("[A-Za-z0-9_]+");

    private final Instant now;
    private final List<String> set = new ArrayList<>();
    private final List<String> add = new ArrayList<>();
    private final List<String> remove = new ArrayList<>();
    private final List<String> conditions = new ArrayList<>();
    private final Map<String, AttributeValue> values = new HashMap<>();

    private ItemUpdate(Instant now) {
        this.now = Objects.requireNonNull(now, "now");
    }

    /** An empty update whose {@code :now} is {@code now}. */
    public static ItemUpdate at(Instant now) {
        return new ItemUpdate(now);
    }

    public Instant now() {
        return now;
    }

    /** {@code SET #a = :a}. */
    public ItemUpdate set(String attribute, AttributeValue value) {
        set.add(name(attribute) + " = " + bind(":" + attribute, value));
        return this;
    }

    /** {@code SET #a = :now}. */
    public ItemUpdate setNow(String attribute) {
        set.add(name(attribute) + " = :now");
        return this;
    }

    /** {@code SET #a = if_not_exists(#a, :a)}: written only where the item has none. */
    public ItemUpdate setIfAbsent(String attribute, AttributeValue value) {
        set.add(name(attribute) + " = if_not_exists(#" + attribute + ", " + bind(":" + attribute, value) + ")");
        return this;
    }

    /** {@code SET #a = if_not_exists(#a, :now)}. */
    public ItemUpdate setNowIfAbsent(String attribute) {
        set.add(name(attribute) + " = if_not_exists(#" + attribute + ", :now)");
        return this;
    }

    /** {@code ADD #a :a}: a counter (an absent one counts from zero). */
    public ItemUpdate add(String attribute, long amount) {
        add.add(name(attribute) + " " + bind(":" + attribute, Item.n(amount)));
        return this;
    }

    /** {@code REMOVE #a, ...}. */
    public ItemUpdate remove(String... attributes) {
        for (String attribute : attributes) {
            remove.add(name(attribute));
        }
        return this;
    }

    /** AND-s a condition; {@code #a} names attribute {@code a}, {@code values} binds its other placeholders. */
    public ItemUpdate onlyIf(String condition, Map<String, AttributeValue> values) {
        conditions.add(condition);
        values.forEach(this::bind);
        return this;
    }

    /** Binds a placeholder a condition written elsewhere uses (a lease's claim condition). */
    public ItemUpdate bindValue(String placeholder, AttributeValue value) {
        bind(placeholder, value);
        return this;
    }

    /** A copy to extend without changing this one. */
    public ItemUpdate copy() {
        ItemUpdate copy = new ItemUpdate(now);
        copy.set.addAll(set);
        copy.add.addAll(add);
        copy.remove.addAll(remove);
        copy.conditions.addAll(conditions);
        copy.values.putAll(values);
        return copy;
    }

    /** The update expression ({@code SET ... ADD ... REMOVE ...}). */
    public String expression() {
        StringBuilder text = new StringBuilder();
        clause(text, "SET", set);
        clause(text, "ADD", add);
        clause(text, "REMOVE", remove);
        return text.toString();
    }

    /** The AND of the conditions, each in parentheses; null when there is none. */
    public String condition() {
        return conditions.isEmpty() ? null : "(" + String.join(") AND (", conditions) + ")";
    }

    /** The request for {@code key} in {@code table} under {@code condition} (null: unconditional). */
    public UpdateItemRequest.Builder request(String table, Map<String, AttributeValue> key, String condition) {
        String expression = expression();
        UpdateItemRequest.Builder request = UpdateItemRequest.builder().tableName(table).key(key)
                .updateExpression(expression)
                .expressionAttributeNames(names(expression, condition))
                .expressionAttributeValues(values(expression, condition));
        return condition == null ? request : request.conditionExpression(condition);
    }

    /** Writes the update under its own conditions. False when they did not hold (nothing written). */
    public boolean apply(DynamoDbClient dynamo, String table, Map<String, AttributeValue> key) {
        UpdateItemRequest request = request(table, key, condition()).build();
        try {
            dynamo.updateItem(request);
            return true;
        } catch (ConditionalCheckFailedException notWritten) {
            return false;
        }
    }

    /** {@code #a} → {@code a} for every name in these texts (nulls skipped). */
    public static Map<String, String> names(String... texts) {
        Map<String, String> names = new HashMap<>();
        for (String text : texts) {
            if (text != null) {
                Matcher m = NAME.matcher(text);
                while (m.find()) {
                    names.put(m.group(), m.group(1));
                }
            }
        }
        return names;
    }

    /** The bound values, and {@code :now} where one of these texts uses it. */
    public Map<String, AttributeValue> values(String... texts) {
        Map<String, AttributeValue> bound = new HashMap<>(values);
        for (String text : texts) {
            if (text != null && NOW.matcher(text).find()) {
                bound.put(":now", Item.millis(now));
            }
        }
        return bound;
    }

    private String bind(String placeholder, AttributeValue value) {
        if (placeholder.equals(":now")) {
            throw new IllegalArgumentException(":now is the update's own time");
        }
        AttributeValue before = values.putIfAbsent(placeholder, Objects.requireNonNull(value, placeholder));
        if (before != null && !before.equals(value)) {
            throw new IllegalArgumentException(placeholder + " is bound to two different values");
        }
        return placeholder;
    }

    private static String name(String attribute) {
        if (!ATTRIBUTE.matcher(attribute).matches()) {
            throw new IllegalArgumentException("not a plain attribute name: " + attribute);
        }
        return "#" + attribute;
    }

    private static void clause(StringBuilder text, String keyword, List<String> parts) {
        if (!parts.isEmpty()) {
            text.append(text.length() == 0 ? "" : " ").append(keyword).append(' ').append(String.join(", ", parts));
        }
    }
}
