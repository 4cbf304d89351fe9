package dev.clickupsync.testkit.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * AWS Lambda's Runtime API (version 2018-06-01), the HTTP interface a Lambda runtime polls for
 * events, served on a loopback port: exactly the calls a runtime makes, with the headers Lambda
 * sends, so that AWS's own runtime interface client can run a function against it.
 *
 * <ul>
 *   <li>{@code GET /2018-06-01/runtime/invocation/next} long-polls until an event is
 *       {@linkplain #submit submitted}, then answers it with {@code Lambda-Runtime-Aws-Request-Id},
 *       {@code Lambda-Runtime-Deadline-Ms}, {@code Lambda-Runtime-Invoked-Function-Arn} and
 *       {@code Lambda-Runtime-Trace-Id};</li>
 *   <li>{@code POST .../invocation/{id}/response} and {@code .../invocation/{id}/error} complete that
 *       invocation ({@code 202}); an unknown or already answered id is a {@code 400
 *       InvalidRequestID}, a response over Lambda's 6 MB synchronous limit a {@code 413};</li>
 *   <li>{@code POST /2018-06-01/runtime/init/error} records the init failure and fails every
 *       waiting invocation;</li>
 *   <li>{@code GET .../restore/next} / {@code POST .../restore/error}: the SnapStart restore
 *       handshake ({@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}).</li>
 * </ul>
 *
 * <p>It can also play the local credentials endpoint Lambda gives SnapStart functions instead of
 * credential environment variables ({@link #serveCredentials}: {@code AWS_CONTAINER_CREDENTIALS_FULL_URI}
 * with {@code AWS_CONTAINER_AUTHORIZATION_TOKEN}), which the AWS SDK's default provider chain reads.
 *
 * <p>Like Lambda, an invocation that has not answered by its deadline ends as
 * {@code Sandbox.Timedout} and the {@linkplain #onTimeout timeout listener} is told (Lambda resets
 * the execution environment; {@link LambdaFunction} kills the process). Plain JDK, no
 * dependencies.
 */
public final class RuntimeApiServer implements AutoCloseable {
    public static final String PREFIX = "/2018-06-01/runtime/";
    public static final String CREDENTIALS_PATH = "/2021-04-23/credentials";
    /** Lambda's limit for a synchronous invocation's response payload. */
    public static final int MAX_RESPONSE_BYTES = 6 * 1024 * 1024;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final String functionArn;
    private final HttpServer server;
    private final ExecutorService handlers;
    private final ScheduledExecutorService timers;
    private final LinkedBlockingQueue<Invocation> queued = new LinkedBlockingQueue<>();
    private final Map<String, Invocation> inFlight = new ConcurrentHashMap<>();
    private final CompletableFuture<InvocationResult> initError = new CompletableFuture<>();
    private final CompletableFuture<Long> firstPoll = new CompletableFuture<>();
    private final List<String> journal = new ArrayList<>();
    private final long createdNanos = System.nanoTime();
    private volatile Consumer<InvocationResult> onTimeout = r -> { };
    private volatile boolean restoreServed;
    private volatile String credentialsJson;
    private volatile String credentialsToken;
    private volatile boolean closed;

    private RuntimeApiServer(String functionArn) throws IOException {
        this.functionArn = functionArn;
        ThreadFactory daemons = r -> {
            Thread t = new Thread(r, "lambda-runtime-api-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        handlers = Executors.newCachedThreadPool(daemons);
        timers = Executors.newSingleThreadScheduledExecutor(daemons);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(handlers);
        server.createContext(PREFIX, this::handle);
        server.createContext(CREDENTIALS_PATH, this::credentials);
        server.start();
    }

    /** Starts a Runtime API for the function with this ARN (what {@code Lambda-Runtime-Invoked-Function-Arn} says). */
    public static RuntimeApiServer start(String functionArn) {
        try {
            return new RuntimeApiServer(functionArn);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Lambda Runtime API server", e);
        }
    }

    /** {@code host:port}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Queues one invocation; the runtime receives it on its next poll. The future completes with
     * the function's response or error, with {@code Sandbox.Timedout} after {@code timeout} from the
     * moment the runtime picked the event up, or exceptionally when the runtime reports an init error.
     */
    public CompletableFuture<InvocationResult> submit(String event, Duration timeout) {
        Invocation invocation = new Invocation(UUID.randomUUID().toString(), event.getBytes(StandardCharsets.UTF_8), timeout);
        if (initError.isDone()) {
            invocation.result.completeExceptionally(new IllegalStateException("the function failed to initialise: " + initError.join().payload()));
        } else {
            queued.add(invocation);
        }
        return invocation.result;
    }

    /**
     * Serves these credentials (valid for six hours) at {@link #CREDENTIALS_PATH} to callers that
     * present the returned token in {@code Authorization}; returns {@code {url, token}} for
     * {@code AWS_CONTAINER_CREDENTIALS_FULL_URI} and {@code AWS_CONTAINER_AUTHORIZATION_TOKEN}.
     */
    public String[] serveCredentials(String accessKeyId, String secretAccessKey, String sessionToken) {
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        credentialsToken = HexFormat.of().formatHex(random);
        credentialsJson = "{\"AccessKeyId\":\"" + accessKeyId + "\",\"SecretAccessKey\":\"" + secretAccessKey
                + "\",\"Token\":\"" + sessionToken + "\",\"Expiration\":\""
                + java.time.Instant.now().plus(Duration.ofHours(6)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "\"}";
        return new String[] {"http://" + address() + CREDENTIALS_PATH, credentialsToken};
    }

    /** Called with the {@code Sandbox.Timedout} result when an invocation overruns its deadline. */
    public void onTimeout(Consumer<InvocationResult> listener) {
        this.onTimeout = listener;
    }

    /** Completes when the runtime reports {@code /init/error} (or {@code /restore/error}). */
    public CompletableFuture<InvocationResult> initError() {
        return initError;
    }

    /** Completes with the milliseconds from this server's start to the runtime's first poll: the end of its init phase. */
    public CompletableFuture<Long> initialised() {
        return firstPoll;
    }

    /** Whether the runtime went through the SnapStart restore handshake ({@code GET /restore/next}). */
    public boolean restoreServed() {
        return restoreServed;
    }

    /** Every request the runtime made, as {@code METHOD path status @<ms since the server started>ms}, in order. */
    public List<String> journal() {
        synchronized (journal) {
            return List.copyOf(journal);
        }
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        handlers.shutdownNow();
        timers.shutdownNow();
        IllegalStateException gone = new IllegalStateException("the Runtime API server was closed");
        queued.forEach(i -> i.result.completeExceptionally(gone));
        inFlight.values().forEach(i -> i.result.completeExceptionally(gone));
    }

    // ------------------------------------------------------------------ HTTP

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
        try {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            if ("GET".equals(method) && "invocation/next".equals(path)) {
                next(exchange);
            } else if ("POST".equals(method) && path.startsWith("invocation/") && path.endsWith("/response")) {
                complete(exchange, path.substring("invocation/".length(), path.length() - "/response".length()), body, null);
            } else if ("POST".equals(method) && path.startsWith("invocation/") && path.endsWith("/error")) {
                complete(exchange, path.substring("invocation/".length(), path.length() - "/error".length()), body, errorType(exchange));
            } else if ("POST".equals(method) && ("init/error".equals(path) || "restore/error".equals(path))) {
                // Answer (and journal) first, so whoever sees the failure also sees the call.
                respond(exchange, 202, "{\"status\":\"OK\"}");
                initError.complete(new InvocationResult(null, utf8(body), errorType(exchange), 0));
                IllegalStateException failed = new IllegalStateException("the function failed to initialise (" + path + "): " + utf8(body));
                queued.forEach(i -> i.result.completeExceptionally(failed));
            } else if ("GET".equals(method) && "restore/next".equals(path)) {
                restoreServed = true;
                respond(exchange, 200, "");
            } else {
                respond(exchange, 404, error("not a Runtime API call: " + method + " " + PREFIX + path, "NotFound"));
            }
        } catch (RuntimeException | IOException e) {
            log(method, path, "failed: " + e);
            throw e;
        } finally {
            exchange.close();
        }
    }

    private void credentials(HttpExchange exchange) throws IOException {
        try {
            exchange.getRequestBody().readAllBytes();
            String token = exchange.getRequestHeaders().getFirst("Authorization");
            int status = credentialsJson == null ? 404 : credentialsToken.equals(token) ? 200 : 401;
            String body = status == 200 ? credentialsJson : error(status == 404 ? "no credentials here" : "bad token", "Unauthorized");
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
            synchronized (journal) {
                journal.add(exchange.getRequestMethod() + " " + CREDENTIALS_PATH + " " + status + " @" + sinceStart() + "ms");
            }
        } finally {
            exchange.close();
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        firstPoll.complete(sinceStart());
        Invocation invocation = null;
        try {
            while (invocation == null && !closed) {
                invocation = queued.poll(100, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (invocation == null) {
            respond(exchange, 503, error("shutting down", "ServiceUnavailable"));
            return;
        }
        long deadline = System.currentTimeMillis() + invocation.timeout.toMillis();
        invocation.dispatchedNanos = System.nanoTime();
        inFlight.put(invocation.id, invocation);
        Invocation dispatched = invocation;
        timers.schedule(() -> timeOut(dispatched), invocation.timeout.toMillis(), TimeUnit.MILLISECONDS);

        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", invocation.id);
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(deadline));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        headers.set("Lambda-Runtime-Trace-Id", traceId());
        exchange.sendResponseHeaders(200, invocation.event.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(invocation.event);
        }
        log("GET", "invocation/next", "200 " + invocation.id);
    }

    private void complete(HttpExchange exchange, String id, byte[] body, String errorType) throws IOException {
        Invocation invocation = inFlight.remove(id);
        if (invocation == null) {
            respond(exchange, 400, error("Invalid request ID", "InvalidRequestID"));
            return;
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - invocation.dispatchedNanos);
        // Answer (and journal) first, so whoever sees the result also sees the call.
        if (errorType == null && body.length > MAX_RESPONSE_BYTES) {
            respond(exchange, 413, error("Exceeded maximum allowed payload size (" + MAX_RESPONSE_BYTES + " bytes).",
                    "RequestEntityTooLarge"));
            invocation.result.complete(new InvocationResult(id,
                    error("Response payload size (" + body.length + " bytes) exceeded maximum allowed payload size ("
                            + MAX_RESPONSE_BYTES + " bytes).", "Function.ResponseSizeTooLarge"),
                    "Function.ResponseSizeTooLarge", ms));
            return;
        }
        respond(exchange, 202, "{\"status\":\"OK\"}");
        invocation.result.complete(new InvocationResult(id, utf8(body), errorType, ms));
    }

    private void timeOut(Invocation invocation) {
        if (inFlight.remove(invocation.id) == null) {
            return;
        }
        double seconds = invocation.timeout.toMillis() / 1000.0;
        InvocationResult timedOut = new InvocationResult(invocation.id,
                error(String.format(java.util.Locale.ROOT, "Task timed out after %.2f seconds", seconds), "Sandbox.Timedout"),
                "Sandbox.Timedout", invocation.timeout.toMillis());
        invocation.result.complete(timedOut);
        onTimeout.accept(timedOut);
    }

    private void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        log(exchange.getRequestMethod(), exchange.getRequestURI().getPath().substring(PREFIX.length()), Integer.toString(status));
    }

    private void log(String method, String path, String outcome) {
        synchronized (journal) {
            journal.add(method + " " + PREFIX + path + " " + outcome + " @" + sinceStart() + "ms");
        }
    }

    private long sinceStart() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - createdNanos);
    }

    private static String errorType(HttpExchange exchange) {
        String type = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
        return type == null || type.isBlank() ? "Unhandled" : type;
    }

    private static String error(String message, String type) {
        return "{\"errorMessage\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"errorType\":\"" + type + "\"}";
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** An X-Ray trace header in Lambda's shape (sampling off). */
    private static String traceId() {
        byte[] random = new byte[20];
        RANDOM.nextBytes(random);
        String hex = HexFormat.of().formatHex(random);
        return "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-" + hex.substring(0, 24)
                + ";Parent=" + hex.substring(24, 40) + ";Sampled=0";
    }

    private static final class Invocation {
        final String id;
        final byte[] event;
        final Duration timeout;
        final CompletableFuture<InvocationResult> result = new CompletableFuture<>();
        volatile long dispatchedNanos;

        Invocation(String id, byte[] event, Duration timeout) {
            this.id = id;
            this.event = event;
            this.timeout = timeout;
        }
    }
}
