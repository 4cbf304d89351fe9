package dev.clickupsync.json;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * JSON as the mirror keeps its large documents: compact UTF-8, gzip'd, for a DynamoDB binary
 * attribute. ClickUp's JSON is mostly repeated keys and small values, so gzip shrinks it several
 * times, which is both read units and room under DynamoDB's 400 KB item limit. Used for a task's
 * full JSON ({@code mirror/TaskJsonCodec}) and a workspace's goal listing ({@code goal/GoalItems}).
 */
public final class GzipJson {
    private GzipJson() {
    }

    /** The compressed JSON, or empty when it is larger than {@code maxBytes}. */
    public static Optional<byte[]> encode(JsonNode json, int maxBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            Json.MAPPER.writeValue(gzip, json);
        } catch (IOException e) {
            throw new UncheckedIOException("JSON not compressible", e);
        }
        return out.size() > maxBytes ? Optional.empty() : Optional.of(out.toByteArray());
    }

    /** The JSON {@link #encode} compressed; an unreadable stream is a corrupt item, named by {@code what}. */
    public static JsonNode decode(InputStream compressed, String what) {
        try (InputStream in = new GZIPInputStream(compressed)) {
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("stored " + what + " JSON unreadable", e);
        }
    }
}
