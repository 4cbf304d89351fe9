package dev.clickupsync.testkit.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A fake OpenAI-compatible server on 127.0.0.1: {@code POST /v1/chat/completions} as OpenAI,
 * llama.cpp's server and Ollama answer it (a {@code chat.completion} object with {@code choices}
 * and {@code usage}). Every request is journalled ({@link LlmRequest}, never the key); answers are
 * canned ({@link #reply}), computed from the request ({@link #answerWith}) or a default that names the
 * request's model; {@link #faults()} injects
 * 5xx/429, slow and malformed answers. With {@link Builder#apiKey} set, a request without that
 * {@code Bearer} key gets OpenAI's 401; without one (a local server), any or no key is accepted.
 *
 * <p>Token counts are deterministic (about four characters a token, at least one), so tests can
 * compare what the client recorded with what the fake reported: see {@link #tokens(String)}.
 */
public final class FakeLlm implements AutoCloseable {
    public static final String PATH = "/v1/chat/completions";
    private static final Logger LOG = Logger.getLogger(FakeLlm.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String apiKey;
    private final HttpServer server;
    private final ExecutorService executor;
    private final LlmFaults faults = new LlmFaults();
    private final Deque<String> replies = new ArrayDeque<>();
    private Function<LlmRequest, String> answerer;
    private final List<LlmRequest> journal = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    private FakeLlm(String apiKey) throws IOException {
        this.apiKey = apiKey;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "fake-llm-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
        LOG.debugf("fake LLM listening on %s", baseUrl());
    }

    /** Starts on a free port, accepting any key or none (like a local llama.cpp / Ollama server). */
    public static FakeLlm start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code http://127.0.0.1:PORT/v1}: what a client takes as its OpenAI base URL. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public LlmFaults faults() {
        return faults;
    }

    /** The next answers' content, in order; after they are used up, the default answer again. */
    public synchronized FakeLlm reply(String... contents) {
        replies.addAll(List.of(contents));
        return this;
    }

    /**
     * Once the canned replies are used up, answers are computed from each request by
     * {@code answerer} (e.g. a digest written from the prompt's facts, whatever order the requests
     * come in); null: the default answer again.
     */
    public synchronized FakeLlm answerWith(Function<LlmRequest, String> answerer) {
        this.answerer = answerer;
        return this;
    }

    /** Every request so far, oldest first. */
    public synchronized List<LlmRequest> requests() {
        return List.copyOf(journal);
    }

    /** Clears the journal, queued replies, the answerer and faults. */
    public synchronized void reset() {
        journal.clear();
        replies.clear();
        answerer = null;
        faults.clear();
    }

    /** The fake's token count of a text: ceil(characters / 4), at least 1. */
    public static int tokens(String text) {
        return Math.max(1, (text.length() + 3) / 4);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            respond(exchange);
        } catch (IOException e) {
            LOG.debugf("client went away: %s", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.errorf(e, "fake LLM failed on %s", exchange.getRequestURI());
        }
    }

    private void respond(HttpExchange exchange) throws IOException, InterruptedException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String path = exchange.getRequestURI().getPath();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        boolean accepted = apiKey == null || ("Bearer " + apiKey).equals(authorization);
        JsonNode json = parse(body);
        LlmRequest request = new LlmRequest(Instant.now(), path, json.path("model").asText(null), messages(json),
                authorization == null ? "none" : authorization.startsWith("Bearer ") ? "bearer" : "other", accepted, body, 0);
        int index = journal(request);

        if (!"POST".equals(exchange.getRequestMethod().toUpperCase(Locale.ROOT)) || !PATH.equals(path)) {
            send(exchange, index, 404, error("Unknown request URL: " + path, "invalid_request_error", null));
            return;
        }
        if (!accepted) {
            send(exchange, index, 401, error("Incorrect API key provided.", "invalid_request_error", "invalid_api_key"));
            return;
        }
        LlmFaults.Fault fault = faults.poll();
        if (fault != null && !fault.delay().isZero()) {
            Thread.sleep(fault.delay().toMillis());
        }
        if (fault != null && fault.status() != 0) {
            String type = fault.status() == 429 ? "rate_limit_exceeded" : "server_error";
            send(exchange, index, fault.status(), error("injected " + fault.status(), type, null));
            return;
        }
        if (fault != null && fault.malformed()) {
            send(exchange, index, 200, "{\"id\":\"chatcmpl-broken\",\"choices\":[{\"message\":");
            return;
        }
        if (json.isMissingNode() || !json.path("messages").isArray() || json.path("messages").isEmpty()) {
            send(exchange, index, 400, error("'messages' is a required property", "invalid_request_error", null));
            return;
        }
        send(exchange, index, 200, completion(request));
    }

    private String completion(LlmRequest request) {
        String content = nextReply(request);
        if (content == null) {
            content = "Standup summary from " + request.model() + ": " + request.messages().size() + " messages read.";
        }
        int promptTokens = tokens(request.promptText());
        int completionTokens = tokens(content);
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-fake-" + ids.incrementAndGet());
        root.put("object", "chat.completion");
        root.put("created", Instant.now().getEpochSecond());
        root.put("model", request.model());
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", content);
        choice.put("finish_reason", "stop");
        root.putObject("usage").put("prompt_tokens", promptTokens).put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
        return root.toString();
    }

    private synchronized String nextReply(LlmRequest request) {
        String canned = replies.poll();
        return canned != null || answerer == null ? canned : answerer.apply(request);
    }

    private synchronized int journal(LlmRequest request) {
        journal.add(request);
        return journal.size() - 1;
    }

    private synchronized void answered(int index, int status) {
        journal.set(index, journal.get(index).answered(status));
    }

    private void send(HttpExchange exchange, int index, int status, String body) throws IOException {
        answered(index, status);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String error(String message, String type, String code) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", message);
        error.put("type", type);
        error.putNull("param");
        if (code == null) {
            error.putNull("code");
        } else {
            error.put("code", code);
        }
        return root.toString();
    }

    private static JsonNode parse(String body) {
        try {
            return body.isBlank() ? JSON.missingNode() : JSON.readTree(body);
        } catch (IOException notJson) {
            return JSON.missingNode();
        }
    }

    private static List<LlmRequest.Message> messages(JsonNode json) {
        List<LlmRequest.Message> messages = new ArrayList<>();
        for (JsonNode m : json.path("messages")) {
            messages.add(new LlmRequest.Message(m.path("role").asText(null), m.path("content").asText(null)));
        }
        return messages;
    }

    /** Options of a fake server; {@link #start()} binds it. */
    public static final class Builder {
        private String apiKey;

        private Builder() {
        }

        /** Require {@code Authorization: Bearer <key>} (as hosted providers do); unset: accept anything. */
        public Builder apiKey(String key) {
            this.apiKey = key;
            return this;
        }

        public FakeLlm start() {
            try {
                return new FakeLlm(apiKey);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the fake LLM", e);
            }
        }
    }
}
