package dev.clickupsync.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An {@code application/problem+json} body (RFC 9457). {@code type} is a stable URN per failure
 * mode, so clients and dashboards can key on it; {@code detail} is for humans.
 */
public record Problem(String slug, String title, int status, String detail) {
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    public String type() {
        return "urn:clickup-sync:problem:" + slug;
    }

    public String toJson() {
        return toJson(java.util.Map.of());
    }

    /** With extension members (RFC 9457 §3.2): numbers a client can act on without parsing {@code detail}. */
    public String toJson(java.util.Map<String, Long> members) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", type());
        node.put("title", title);
        node.put("status", status);
        if (detail != null) {
            node.put("detail", detail);
        }
        members.forEach(node::put);
        return node.toString();
    }
}
