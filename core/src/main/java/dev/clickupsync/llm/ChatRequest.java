package dev.clickupsync.llm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * The request body of {@code POST /chat/completions}: only fields every OpenAI-compatible server
 * accepts; optional ones are left out when unset (some models reject {@code temperature}).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatRequest(@JsonProperty("model") String model,
                          @JsonProperty("messages") List<Message> messages,
                          @JsonProperty("temperature") Double temperature,
                          @JsonProperty("max_tokens") Integer maxTokens,
                          @JsonProperty("stream") boolean stream) {

    /** One message: role {@code system}, {@code user} or {@code assistant}. */
    @RegisterForReflection
    public record Message(@JsonProperty("role") String role, @JsonProperty("content") String content) {
        public static Message system(String content) {
            return new Message("system", content);
        }

        public static Message user(String content) {
            return new Message("user", content);
        }
    }
}
