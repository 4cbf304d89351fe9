package dev.clickupsync.mirror;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.json.GzipJson;

import java.io.InputStream;
import java.util.Optional;

/**
 * A task's full JSON as the mirror stores it: compact UTF-8, gzip'd ({@link GzipJson}), in a binary attribute. A
 * ClickUp task is mostly repeated keys and small values, so gzip shrinks it several times (the
 * example {@code get_task.json}: 4.7 KB of compact JSON, 1.8 KB gzip'd), which is what a query page's
 * {@code BatchGetItem} pays for in read units.
 *
 * <p>DynamoDB refuses items over 400 KB. {@link #MAX_BYTES} leaves room for the typed snapshot and
 * the other attributes; a task whose compressed JSON is larger (a description of megabytes) is
 * stored without it ({@link #encode} is empty): the write still succeeds, the typed fields stay
 * exact and indexed, and the read API serves its reduced view (see {@code docs/read-api.md}).
 * Losing the task because its write failed would be worse.
 */
public final class TaskJsonCodec {
    /** The largest compressed JSON stored (bytes). */
    public static final int MAX_BYTES = 300_000;

    private TaskJsonCodec() {
    }

    /** The compressed JSON, or empty when it exceeds {@code maxBytes}. */
    public static Optional<byte[]> encode(ObjectNode json, int maxBytes) {
        return GzipJson.encode(json, maxBytes);
    }

    public static Optional<byte[]> encode(ObjectNode json) {
        return encode(json, MAX_BYTES);
    }

    public static ObjectNode decode(InputStream compressed) {
        if (!(GzipJson.decode(compressed, "task") instanceof ObjectNode object)) {
            throw new IllegalStateException("stored task JSON is not an object");
        }
        return object;
    }
}
