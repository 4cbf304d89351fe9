package dev.clickupsync.read;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The configured prefix and how a request path maps onto the resources' static
 * {@link #CANONICAL} paths. JAX-RS {@code @Path} is fixed at build time, so the resources are
 * declared under {@code /api/v2} and {@link ReadApiFilter} rewrites a request under another
 * configured prefix onto it, before matching; the same code then serves both the Quarkus HTTP
 * server and the Lambda HTTP adapter (which feeds the same request pipeline).
 */
public final class ReadPrefix {
    /**
     * Where the resources are declared: ClickUp's own base path. Public for the OpenAPI document's
     * build-time filter ({@code local/openapi/ReadRoutesOpenApi}), which finds the read routes by it.
     */
    public static final String CANONICAL = "/api/v2";
    private static final Pattern SHAPE = Pattern.compile("(/[A-Za-z0-9._~-]+)+");
    private static final List<String> RESERVED = List.of("admin", "webhooks", "health", "tasks", "local", "q");

    /** What a request path is to the read API. */
    enum Kind {
        /** Not a read route: leave it alone. */
        OTHER,
        /** Under the configured prefix: a read request (rewritten to {@link #CANONICAL} if needed). */
        READ,
        /** Under {@code /api/v2} while another prefix is configured: answered 404. */
        HIDDEN
    }

    private final String prefix;

    ReadPrefix(String prefix) {
        if (prefix == null || !SHAPE.matcher(prefix).matches()) {
            throw new IllegalArgumentException("sync.read-api.prefix must be path segments like /api/v2, not: "
                    + (prefix == null ? "null" : '"' + prefix.replaceAll("[^\\x20-\\x7E]", "?") + '"'));
        }
        String first = prefix.substring(1).split("/", 2)[0];
        if (RESERVED.contains(first)) {
            throw new IllegalArgumentException("sync.read-api.prefix must not be under /" + first
                    + ": the application's own routes live there");
        }
        this.prefix = prefix;
    }

    String prefix() {
        return prefix;
    }

    Kind classify(String path) {
        if (under(path, prefix)) {
            return Kind.READ;
        }
        return under(path, CANONICAL) ? Kind.HIDDEN : Kind.OTHER;
    }

    /** The canonical path of a {@link Kind#READ} path, or empty when it needs no rewrite. */
    Optional<String> rewrite(String path) {
        if (prefix.equals(CANONICAL) || !under(path, prefix)) {
            return Optional.empty();
        }
        return Optional.of(CANONICAL + path.substring(prefix.length()));
    }

    private static boolean under(String path, String base) {
        return path.equals(base) || path.startsWith(base + "/");
    }
}
