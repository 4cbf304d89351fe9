package dev.clickupsync.llm;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * Which OpenAI-compatible chat-completions endpoint the digest calls.
 *
 * <p>Hosted: {@code https://api.openai.com/v1} (or any compatible provider's base URL) with a key.
 * Local: llama.cpp's {@code llama-server} at {@code http://127.0.0.1:8080/v1}, Ollama at
 * {@code http://127.0.0.1:11434/v1}; no key needed.
 */
@ConfigMapping(prefix = "sync.digest.llm")
public interface LlmConfig {

    /** Base URL including the API version, without {@code /chat/completions} ({@code SYNC_DIGEST_LLM_BASE_URL}). */
    @WithDefault("https://api.openai.com/v1")
    String baseUrl();

    /** Model name as the server knows it ({@code SYNC_DIGEST_LLM_MODEL}), e.g. {@code gpt-4o-mini} or {@code llama3.1:8b}. */
    @WithDefault("gpt-4o-mini")
    String model();

    /**
     * The API key, sent as {@code Authorization: Bearer <key>}; unset for local servers that need
     * none. On AWS it comes from the SSM SecureString named by {@code sync.digest.llm.api-key-parameter}
     * ({@code SYNC_DIGEST_LLM_API_KEY_PARAMETER}); never logged, never put in a prompt.
     */
    Optional<String> apiKey();

    /** Longest the whole request may take (a local model on CPU is slow; a hung one must not eat the invocation). */
    @WithDefault("60s")
    Duration timeout();

    /** Longest the connection may take. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** {@code max_tokens} of the answer; unset: the server's default. */
    Optional<Integer> maxTokens();

    /** {@code temperature}; unset: the server's default (some models accept no other). */
    Optional<Double> temperature();
}
