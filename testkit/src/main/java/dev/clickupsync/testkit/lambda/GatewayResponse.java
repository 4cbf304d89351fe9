package dev.clickupsync.testkit.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * An HTTP function's answer to an API Gateway v2 event, read as API Gateway reads it: the response
 * object (never a function error), its body (base64-decoded when flagged) and its headers (names in
 * any case). Shared by the runtime-interface-client tests of every HTTP function.
 */
public final class GatewayResponse {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GatewayResponse() {
    }

    /** The answer of {@code function} to {@code event}; an {@link AssertionError} when it is no API Gateway v2 response. */
    public static JsonNode invoke(LambdaFunction function, String event) {
        return of(function.invoke(event), function);
    }

    /** {@code result} as an API Gateway v2 response; an {@link AssertionError} naming the function when it is none. */
    public static JsonNode of(InvocationResult result, LambdaFunction function) {
        if (result.isError()) {
            throw new AssertionError("the function failed: " + result + "\n" + function.describe());
        }
        JsonNode response;
        try {
            response = JSON.readTree(result.payload());
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + result.payload(), e);
        }
        if (!response.has("statusCode")) {
            throw new AssertionError("not an API Gateway v2 response: " + result.payload());
        }
        return response;
    }

    public static String body(JsonNode response) {
        String body = response.path("body").asText("");
        return response.path("isBase64Encoded").asBoolean()
                ? new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8) : body;
    }

    /** The header's value (name in any case), or "" when absent. */
    public static String header(JsonNode response, String name) {
        Iterator<Map.Entry<String, JsonNode>> fields = response.path("headers").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equalsIgnoreCase(name)) {
                return field.getValue().asText();
            }
        }
        return "";
    }
}
