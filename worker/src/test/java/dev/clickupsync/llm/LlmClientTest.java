package dev.clickupsync.llm;

import dev.clickupsync.digest.DigestProfile;
import dev.clickupsync.testkit.llm.FakeLlm;
import dev.clickupsync.testkit.llm.LlmRequest;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import dev.clickupsync.testkit.quarkus.FakeLlmResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The chat-completions client against servers configured unlike the digest tests' one: a local
 * server that needs no key, a hosted one that rejects a missing key, an empty answer. Runs inside
 * the digest tests' application (same profile and resources, so no second boot), because the REST
 * client is built by Quarkus.
 */
@QuarkusTest
@TestProfile(DigestProfile.class)
@QuarkusTestResource(EmbeddedStackResource.class)
@QuarkusTestResource(FakeLlmResource.class)
class LlmClientTest {

    @Test
    void aLocalServerIsCalledWithoutAKeyAndGetsTheOptionalFieldsThatAreSet() {
        try (FakeLlm local = FakeLlm.start()) {
            LlmClient client = new LlmClient(config(local.baseUrl() + "/", Optional.empty(), Optional.of(300), Optional.of(0.2)));
            local.reply("  Two tasks moved.  ");

            Completion completion = client.complete(List.of(ChatRequest.Message.system("s"), ChatRequest.Message.user("facts")));

            assertThat(completion.content()).isEqualTo("Two tasks moved.");
            assertThat(completion.model()).isEqualTo("llama3.1:8b");
            assertThat(completion.promptTokens()).isEqualTo(FakeLlm.tokens("s\nfacts\n"));
            assertThat(completion.completionTokens()).isEqualTo(FakeLlm.tokens("  Two tasks moved.  "));
            LlmRequest request = local.requests().get(0);
            assertThat(request.path()).isEqualTo("/v1/chat/completions");
            assertThat(request.authorization()).isEqualTo("none");
            assertThat(request.body()).contains("\"max_tokens\":300", "\"temperature\":0.2", "\"stream\":false");
        }
    }

    @Test
    void unsetOptionalFieldsAreNotSentAndAMissingKeyIsAClientErrorThatNamesNoKey() {
        try (FakeLlm hosted = FakeLlm.builder().apiKey("sk-hosted-secret-key-123456").start()) {
            LlmClient client = new LlmClient(config(hosted.baseUrl(), Optional.empty(), Optional.empty(), Optional.empty()));

            assertThatThrownBy(() -> client.complete(List.of(ChatRequest.Message.user("facts"))))
                    .isInstanceOfSatisfying(LlmException.class, e -> {
                        assertThat(e.reason()).isEqualTo(LlmException.Reason.CLIENT_ERROR);
                        assertThat(e.status()).isEqualTo(401);
                        assertThat(e.getMessage()).doesNotContain("sk-hosted");
                    });
            assertThat(hosted.requests().get(0).body()).doesNotContain("max_tokens", "temperature");
        }
    }

    @Test
    void anAnswerWithoutContentIsAFailureNotAnEmptyComment() {
        try (FakeLlm local = FakeLlm.start()) {
            local.reply("   ");
            LlmClient client = new LlmClient(config(local.baseUrl(), Optional.of(" "), Optional.empty(), Optional.empty()));

            assertThatThrownBy(() -> client.complete(List.of(ChatRequest.Message.user("facts"))))
                    .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.reason()).isEqualTo(LlmException.Reason.EMPTY));
            assertThat(local.requests().get(0).authorization()).as("a blank key is no key").isEqualTo("none");
        }
    }

    private static LlmConfig config(String baseUrl, Optional<String> key, Optional<Integer> maxTokens, Optional<Double> temperature) {
        return new LlmConfig() {
            @Override
            public String baseUrl() {
                return baseUrl;
            }

            @Override
            public String model() {
                return "llama3.1:8b";
            }

            @Override
            public Optional<String> apiKey() {
                return key;
            }

            @Override
            public Duration timeout() {
                return Duration.ofSeconds(5);
            }

            @Override
            public Duration connectTimeout() {
                return Duration.ofSeconds(2);
            }

            @Override
            public Optional<Integer> maxTokens() {
                return maxTokens;
            }

            @Override
            public Optional<Double> temperature() {
                return temperature;
            }
        };
    }
}
