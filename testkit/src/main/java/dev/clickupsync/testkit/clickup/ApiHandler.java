package dev.clickupsync.testkit.clickup;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Handles each HTTP request in ClickUp's order: journal, injected faults, authentication
 * ({@code Authorization: <token>} or {@code Bearer <token>}), per-token rate limit, then the route. A test
 * oracle's read ({@link FakeClickUp#ORACLE_TOKEN}) goes from the journal straight to the route.
 * Every answer is JSON and carries the X-RateLimit-* headers. Counts every 429 it answers (rate limit
 * or injected) atomically, so concurrent clients are counted exactly.
 */
final class ApiHandler implements HttpHandler {

    private static final Logger LOG = Logger.getLogger(ApiHandler.class);

    private final String token;
    private final Clock clock;
    private final FakeFaults faults;
    private final RateLimiter limiter;
    private final ApiRoutes routes;
    private final List<RecordedRequest> journal = new ArrayList<>();
    private final AtomicInteger answered429 = new AtomicInteger();

    ApiHandler(String token, Clock clock, FakeFaults faults, RateLimiter limiter, ApiRoutes routes) {
        this.token = token;
        this.clock = clock;
        this.faults = faults;
        this.limiter = limiter;
        this.routes = routes;
    }

    @Override
    public void handle(HttpExchange exchange) {
        try (exchange) {
            respond(exchange);
        } catch (IOException e) {
            LOG.debugf("client went away: %s", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.errorf(e, "fake ClickUp failed on %s", exchange.getRequestURI());
        }
    }

    private void respond(HttpExchange exchange) throws IOException, InterruptedException {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = exchange.getRequestURI().getRawPath();
        Map<String, List<String>> query = parseQuery(exchange.getRequestURI().getRawQuery());
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String presented = presentedToken(authorization);
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        record(exchange, method, path, query, authorization, body);
        if (FakeClickUp.ORACLE_TOKEN.equals(presented) && "GET".equals(method)) {
            ApiRoutes.Response response = routes.route(method, path, query, body); // no fault, no limit: see ORACLE_TOKEN
            send(exchange, response.status(), response.body(), limiter.headers(limiter.peek(presented), false));
            return;
        }

        FakeFaults.Plan plan = faults.planFor(path);
        if (plan.delayMillis() > 0) {
            Thread.sleep(plan.delayMillis());
        }
        if (plan.hang()) {
            plan.awaitRelease();
        }
        if (plan.fails()) {
            RateLimiter.Snapshot state = limiter.peek(presented);
            send(exchange, plan.status(), plan.body(), limiter.headers(state, plan.status() == 429));
            return;
        }
        if (authorization == null || authorization.isBlank()) {
            send(exchange, 401, ClickUpErrors.body("Authorization header required", ClickUpErrors.AUTH_HEADER_REQUIRED),
                    limiter.headers(limiter.peek(presented), false));
            return;
        }
        if (!token.equals(presented)) {
            send(exchange, 401, ClickUpErrors.body("Token invalid", ClickUpErrors.TOKEN_INVALID),
                    limiter.headers(limiter.peek(presented), false));
            return;
        }
        RateLimiter.Snapshot state = limiter.take(presented);
        if (!state.allowed()) {
            send(exchange, 429, ClickUpErrors.body("Rate limit reached", ClickUpErrors.RATE_LIMITED), limiter.headers(state, true));
            return;
        }
        ApiRoutes.Response response = routes.route(method, path, query, body);
        send(exchange, response.status(), response.body(), limiter.headers(state, false));
    }

    List<RecordedRequest> requests() {
        synchronized (journal) {
            return List.copyOf(journal);
        }
    }

    /** How many 429s were answered, by the rate limit or as injected faults. */
    int rateLimited() {
        return answered429.get();
    }

    int count(String method, String pathRegex) {
        Pattern pattern = Pattern.compile(pathRegex);
        return (int) requests().stream()
                .filter(r -> method == null || r.method().equalsIgnoreCase(method))
                .filter(r -> pattern.matcher(r.path()).find())
                .count();
    }

    void resetJournal() {
        synchronized (journal) {
            journal.clear();
        }
        answered429.set(0);
    }

    /** The token the caller presents: the header as is, or what follows "Bearer ". */
    private static String presentedToken(String authorization) {
        if (authorization == null) {
            return "";
        }
        String value = authorization.trim();
        return value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7).trim() : value;
    }

    private void record(HttpExchange exchange, String method, String path, Map<String, List<String>> query, String authorization,
            String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Authorization") && !values.isEmpty()) {
                headers.put(name.toLowerCase(Locale.ROOT), values.get(0));
            }
        });
        String scheme = authorization == null || authorization.isBlank() ? "none"
                : authorization.trim().regionMatches(true, 0, "Bearer ", 0, 7) ? "bearer" : "token";
        RecordedRequest request = new RecordedRequest(method, path, query, headers, scheme, clock.instant(), body);
        synchronized (journal) {
            journal.add(request);
        }
    }

    private void send(HttpExchange exchange, int status, String body, Map<String, String> headers) throws IOException {
        if (status == 429) {
            answered429.incrementAndGet();
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        faults.rateLimitHeaders(headers).forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Map.of();
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        Map<String, List<String>> frozen = new LinkedHashMap<>();
        query.forEach((name, values) -> frozen.put(name, List.copyOf(values)));
        return frozen;
    }
}
