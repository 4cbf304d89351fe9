package dev.clickupsync.llm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** The fields of a {@code chat.completion} answer the digest reads. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatResponse(@JsonProperty("model") String model,
                           @JsonProperty("choices") List<Choice> choices,
                           @JsonProperty("usage") Usage usage) {

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Choice(@JsonProperty("message") ChatRequest.Message message,
                         @JsonProperty("finish_reason") String finishReason) {
    }

    /** Token counts as the provider reports them (absent on some local servers: then zero). */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Usage(@JsonProperty("prompt_tokens") long promptTokens,
                        @JsonProperty("completion_tokens") long completionTokens) {
    }
}
