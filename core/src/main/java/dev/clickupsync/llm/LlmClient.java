package dev.clickupsync.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.clickupsync.json.Json;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One chat completion, one attempt: no retries here, because the digest leaves a failed run to the
 * next scheduled one. Every failure becomes an {@link LlmException} with a {@link LlmException.Reason}.
 * The REST client is built on first use, so an application that never runs a digest never needs a
 * base URL or a key.
 */
@ApplicationScoped
public class LlmClient {
    private final LlmConfig config;
    private volatile ChatCompletionsApi api;

    @Inject
    public LlmClient(LlmConfig config) {
        this.config = config;
    }

    public String model() {
        return config.model();
    }

    /** Sends the messages to the configured model and answers the completion. */
    public Completion complete(List<ChatRequest.Message> messages) {
        ChatRequest request = new ChatRequest(config.model(), messages, config.temperature().orElse(null),
                config.maxTokens().orElse(null), false);
        long started = System.nanoTime();
        String body = call(request);
        Duration latency = Duration.ofNanos(System.nanoTime() - started);
        ChatResponse response = parse(body);
        String content = response.choices() == null || response.choices().isEmpty() || response.choices().get(0).message() == null
                ? null : response.choices().get(0).message().content();
        if (content == null || content.isBlank()) {
            throw new LlmException(LlmException.Reason.EMPTY, 200, "chat completion has no content");
        }
        ChatResponse.Usage usage = response.usage() == null ? new ChatResponse.Usage(0, 0) : response.usage();
        String model = response.model() == null || response.model().isBlank() ? config.model() : response.model();
        return new Completion(content.strip(), model, usage.promptTokens(), usage.completionTokens(), latency);
    }

    private String call(ChatRequest request) {
        String authorization = config.apiKey().filter(k -> !k.isBlank()).map(k -> "Bearer " + k.trim()).orElse(null);
        try {
            return api().complete(authorization, request);
        } catch (WebApplicationException e) {
            int status = e.getResponse() == null ? 0 : e.getResponse().getStatus();
            LlmException.Reason reason = status == 429 ? LlmException.Reason.RATE_LIMITED
                    : status >= 500 ? LlmException.Reason.SERVER_ERROR : LlmException.Reason.CLIENT_ERROR;
            throw new LlmException(reason, status, "chat completion answered HTTP " + status);
        } catch (ProcessingException e) {
            LlmException.Reason reason = isTimeout(e) ? LlmException.Reason.TIMEOUT : LlmException.Reason.NETWORK;
            throw new LlmException(reason, 0, "chat completion failed: " + reason.code() + " ("
                    + rootType(e) + ")");
        }
    }

    private static ChatResponse parse(String body) {
        try {
            ChatResponse response = Json.MAPPER.readValue(body == null ? "" : body, ChatResponse.class);
            if (response == null) {
                throw new LlmException(LlmException.Reason.MALFORMED, 200, "chat completion body is empty");
            }
            return response;
        } catch (JsonProcessingException e) {
            // the body is neither logged nor kept: a provider may echo the prompt in it
            throw new LlmException(LlmException.Reason.MALFORMED, 200, "chat completion body is not a chat.completion");
        }
    }

    private ChatCompletionsApi api() {
        ChatCompletionsApi current = api;
        if (current == null) {
            synchronized (this) {
                if (api == null) {
                    api = QuarkusRestClientBuilder.newBuilder()
                            .baseUri(URI.create(config.baseUrl().replaceAll("/+$", "")))
                            .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                            .readTimeout(config.timeout().toMillis(), TimeUnit.MILLISECONDS)
                            .build(ChatCompletionsApi.class);
                }
                current = api;
            }
        }
        return current;
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String name = t.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
            if (name.contains("timeout")) {
                return true;
            }
        }
        return false;
    }

    private static String rootType(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName();
    }
}
