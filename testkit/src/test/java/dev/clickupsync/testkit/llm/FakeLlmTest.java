package dev.clickupsync.testkit.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fake OpenAI-compatible server, through a plain JDK HTTP client. */
class FakeLlmTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String KEY = "sk-test-key-42";
    private static final String BODY = """
            {"model":"m-1","messages":[{"role":"system","content":"be brief"},{"role":"user","content":"facts here"}]}""";

    private FakeLlm llm;

    @AfterEach
    void close() {
        if (llm != null) {
            llm.close();
        }
    }

    @Test
    void aChatCompletionAnswersTheCannedReplyWithUsageAndIsJournalledWithoutTheKey() throws Exception {
        llm = FakeLlm.builder().apiKey(KEY).start();
        llm.reply("All good.");

        HttpResponse<String> response = post(BODY, "Bearer " + KEY, Duration.ofSeconds(5));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.path("object").asText()).isEqualTo("chat.completion");
        assertThat(answer.path("model").asText()).isEqualTo("m-1");
        assertThat(answer.at("/choices/0/message/content").asText()).isEqualTo("All good.");
        assertThat(answer.at("/usage/prompt_tokens").asInt()).isEqualTo(FakeLlm.tokens("be brief\nfacts here\n"));
        assertThat(answer.at("/usage/completion_tokens").asInt()).isEqualTo(FakeLlm.tokens("All good."));
        assertThat(answer.at("/usage/total_tokens").asInt())
                .isEqualTo(answer.at("/usage/prompt_tokens").asInt() + answer.at("/usage/completion_tokens").asInt());

        LlmRequest recorded = llm.requests().get(0);
        assertThat(recorded.model()).isEqualTo("m-1");
        assertThat(recorded.messages()).extracting(LlmRequest.Message::role).containsExactly("system", "user");
        assertThat(recorded.content("user")).isEqualTo("facts here");
        assertThat(recorded.authorization()).isEqualTo("bearer");
        assertThat(recorded.keyAccepted()).isTrue();
        assertThat(recorded.answer()).isEqualTo(200);
        assertThat(recorded.toString()).doesNotContain(KEY);

        // once the canned replies are used up, the default answer names the model
        JsonNode second = JSON.readTree(post(BODY, "Bearer " + KEY, Duration.ofSeconds(5)).body());
        assertThat(second.at("/choices/0/message/content").asText()).contains("m-1");
    }

    @Test
    void aWrongOrMissingKeyIsRejectedLikeOpenAiButALocalServerAcceptsNone() throws Exception {
        llm = FakeLlm.builder().apiKey(KEY).start();
        HttpResponse<String> wrong = post(BODY, "Bearer nope", Duration.ofSeconds(5));
        HttpResponse<String> none = post(BODY, null, Duration.ofSeconds(5));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(wrong.body()).at("/error/code").asText()).isEqualTo("invalid_api_key");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(llm.requests()).extracting(LlmRequest::authorization).containsExactly("bearer", "none");
        assertThat(llm.requests()).extracting(LlmRequest::keyAccepted).containsExactly(false, false);
        llm.close();

        llm = FakeLlm.start();
        assertThat(post(BODY, null, Duration.ofSeconds(5)).statusCode()).isEqualTo(200);
    }

    @Test
    void cannedRepliesComeFirstThenAnswersComputedFromEachRequestUntilReset() throws Exception {
        llm = FakeLlm.start();
        llm.reply("canned").answerWith(request -> "read: " + request.content("user"));

        String first = JSON.readTree(post(BODY, null, Duration.ofSeconds(5)).body()).at("/choices/0/message/content").asText();
        JsonNode second = JSON.readTree(post(BODY, null, Duration.ofSeconds(5)).body());
        llm.reset();
        String afterReset = JSON.readTree(post(BODY, null, Duration.ofSeconds(5)).body()).at("/choices/0/message/content").asText();

        assertThat(first).isEqualTo("canned");
        assertThat(second.at("/choices/0/message/content").asText()).isEqualTo("read: facts here");
        assertThat(second.at("/usage/completion_tokens").asInt()).isEqualTo(FakeLlm.tokens("read: facts here"));
        assertThat(afterReset).as("the default answer again").contains("m-1");
    }

    @Test
    void faultsApplyToTheNextRequestsInOrderThenItRecovers() throws Exception {
        llm = FakeLlm.start();
        llm.faults().failNext(1, 500).failNext(1, 429).malformedNext(1);

        HttpResponse<String> fiveHundred = post(BODY, null, Duration.ofSeconds(5));
        HttpResponse<String> tooMany = post(BODY, null, Duration.ofSeconds(5));
        HttpResponse<String> malformed = post(BODY, null, Duration.ofSeconds(5));
        HttpResponse<String> fine = post(BODY, null, Duration.ofSeconds(5));

        assertThat(fiveHundred.statusCode()).isEqualTo(500);
        assertThat(JSON.readTree(fiveHundred.body()).at("/error/type").asText()).isEqualTo("server_error");
        assertThat(tooMany.statusCode()).isEqualTo(429);
        assertThat(JSON.readTree(tooMany.body()).at("/error/type").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(malformed.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> JSON.readTree(malformed.body())).isInstanceOf(IOException.class);
        assertThat(fine.statusCode()).isEqualTo(200);
        assertThat(llm.requests()).extracting(LlmRequest::answer).containsExactly(500, 429, 200, 200);
    }

    @Test
    void aSlowAnswerOutlastsAShortClientTimeout() throws Exception {
        llm = FakeLlm.start();
        llm.faults().slowNext(1, Duration.ofMillis(1500));
        assertThatThrownBy(() -> post(BODY, null, Duration.ofMillis(300))).isInstanceOf(HttpTimeoutException.class);
        assertThat(post(BODY, null, Duration.ofSeconds(5)).statusCode()).isEqualTo(200);
        assertThat(llm.requests()).hasSize(2);
    }

    @Test
    void otherPathsAndEmptyRequestsAreClientErrors() throws Exception {
        llm = FakeLlm.start();
        HttpRequest other = HttpRequest.newBuilder(URI.create(llm.baseUrl() + "/models")).GET().build();
        assertThat(HTTP.send(other, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        assertThat(post("{\"model\":\"m\",\"messages\":[]}", null, Duration.ofSeconds(5)).statusCode()).isEqualTo(400);
    }

    private HttpResponse<String> post(String body, String authorization, Duration timeout) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(llm.baseUrl() + "/chat/completions"))
                .timeout(timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
