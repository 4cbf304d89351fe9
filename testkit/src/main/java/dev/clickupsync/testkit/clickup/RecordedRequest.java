package dev.clickupsync.testkit.clickup;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One request the fake received, for assertions on what the system under test asked for.
 * {@code path} is the full path ({@code /api/v2/task/86c0aa001}); {@code headers} holds the first
 * value of each header, names in lower case, and never the Authorization header.
 * {@code authorization} says only how the caller authenticated: "none", "token" or "bearer".
 * {@code body} is the request body as UTF-8 text ("" for none), so POST/PUT payloads can be checked.
 */
public record RecordedRequest(String method, String path, Map<String, List<String>> query, Map<String, String> headers,
        String authorization, Instant time, String body) {

    public RecordedRequest {
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
        body = body == null ? "" : body;
    }

    /** A request without a body (the shape before bodies were recorded). */
    public RecordedRequest(String method, String path, Map<String, List<String>> query, Map<String, String> headers,
            String authorization, Instant time) {
        this(method, path, query, headers, authorization, time, "");
    }

    /** The first value of a query parameter, or null. */
    public String queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
