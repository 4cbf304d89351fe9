package dev.clickupsync.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ProblemTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void rendersRfc9457Json() throws Exception {
        Problem problem = new Problem("invalid-signature", "Invalid signature", 401, "X-Signature is \"wrong\".");

        JsonNode json = JSON.readTree(problem.toJson());

        assertThat(json.get("type").asText()).isEqualTo("urn:clickup-sync:problem:invalid-signature");
        assertThat(json.get("title").asText()).isEqualTo("Invalid signature");
        assertThat(json.get("status").asInt()).isEqualTo(401);
        assertThat(json.get("status").isInt()).isTrue();
        assertThat(json.get("detail").asText()).isEqualTo("X-Signature is \"wrong\".");
        assertThat(Problem.MEDIA_TYPE).isEqualTo("application/problem+json");
    }

    @Test
    void leavesOutAMissingDetail() throws Exception {
        JsonNode json = JSON.readTree(new Problem("queue-unavailable", "Queue unavailable", 503, null).toJson());

        assertThat(json.has("detail")).isFalse();
        assertThat(json.size()).isEqualTo(3);
    }
}
