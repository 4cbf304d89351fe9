package dev.clickupsync.testkit.clickup;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One request the fake received, for assertions on what the system under test asked for.
 * {@code path} is the full path ({@code /api/v2/task/86c0aa001}); {@code headers} holds the first
 * value of each header, names in lower case, and never the Authorization header.
 * {@code authorization} says only how the caller authenticated: "none", "token" or "bearer".
 */
public record RecordedRequest(String method, String path, Map<String, List<String>> query, Map<String, String> headers,
        String authorization, Instant time) {

    public RecordedRequest {
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
    }

    /** The first value of a query parameter, or null. */
    public String queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
