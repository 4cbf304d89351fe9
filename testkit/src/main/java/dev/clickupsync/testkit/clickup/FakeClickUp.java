package dev.clickupsync.testkit.clickup;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * A fake ClickUp API v2 server on 127.0.0.1, faithful enough that a real REST client cannot tell it
 * from ClickUp for what the system uses: token auth with ClickUp's error codes, per-token rate limit
 * headers and 429s, GET task / list tasks / team tasks / list fields / user / team, time entries,
 * comments and webhook management shaped as ClickUp answers them (see {@link ApiRoutes}), injectable
 * faults, a journal of requests, and an opt-in push mode that POSTs webhook deliveries itself. Its
 * data is a {@link FakeWorkspace}, shared with the test.
 */
public final class FakeClickUp implements AutoCloseable {

    public static final String DEFAULT_TOKEN = "pk_local_fake_token";
    /**
     * The token a test's oracle reads ClickUp's truth with: accepted for {@code GET} on every route, never
     * rate-limited, never given an injected fault (nor consuming one), and journaled like any request. So a
     * test comparing the system with ClickUp neither spends the system's 100 calls a minute nor waits for them,
     * and a fault a test plans still reaches the system. Any other method with it is refused as an invalid token:
     * the oracle only looks. Not a ClickUp feature.
     */
    public static final String ORACLE_TOKEN = "pk_test_oracle_unlimited";

    static {
        // The JDK HttpServer leaves Nagle's algorithm on unless this is set before its first use; then
        // every small answer waits ~40 ms for the client's delayed ACK (measured: 45 ms vs 1 ms a request).
        // JVM-wide, but it only makes later JDK HttpServers answer sooner; an explicit setting wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static final Logger LOG = Logger.getLogger(FakeClickUp.class);

    private final FakeWorkspace workspace;
    private final String token;
    private final HttpServer server;
    private final ExecutorService executor;
    private final FakeFaults faults = new FakeFaults();
    private final RateLimiter limiter;
    private final ApiRoutes routes;
    private final ApiHandler handler;
    private WebhookPusher pusher;

    private FakeClickUp(Builder builder) throws IOException {
        this.workspace = builder.workspace == null ? FakeWorkspace.demo() : builder.workspace;
        this.token = builder.token;
        this.limiter = new RateLimiter(builder.clock, builder.rateLimit, builder.rateWindow);
        this.limiter.resetInMillis(builder.resetInMillis);
        this.routes = new ApiRoutes(workspace);
        this.routes.unknownIdsAsTeamNotAuthorized(builder.unknownIdsAsTeamNotAuthorized);
        this.handler = new ApiHandler(token, builder.clock, faults, limiter, routes);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), builder.port), 0);
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "fake-clickup-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.createContext("/", handler);
        server.setExecutor(executor);
        server.start();
        LOG.debugf("fake ClickUp listening on %s", baseUrl());
    }

    /** Starts on a free port with the demo workspace and the default token. */
    public static FakeClickUp start() {
        return builder().start();
    }

    public static FakeClickUp start(FakeWorkspace workspace) {
        return builder().workspace(workspace).start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code http://127.0.0.1:PORT/api/v2}, the base every ClickUp path hangs from. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + ApiRoutes.PREFIX;
    }

    public URI baseUri() {
        return URI.create(baseUrl());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public FakeWorkspace workspace() {
        return workspace;
    }

    /** The one accepted token; send it as is, or as {@code Bearer <token>}. */
    public String token() {
        return token;
    }

    public FakeFaults faults() {
        return faults;
    }

    public void clearFaults() {
        faults.clear();
    }

    /** Changes the per-token fixed window; every token starts a fresh window. */
    public void setRateLimit(int perWindow, Duration window) {
        limiter.configure(perWindow, window);
    }

    /** X-RateLimit-Reset in Unix milliseconds instead of seconds. */
    public void setRateLimitResetInMillis(boolean millis) {
        limiter.resetInMillis(millis);
    }

    /**
     * Unknown task and list ids answer 401 {@code OAUTH_027} "Team not authorized", as live ClickUp is
     * reported to do, instead of the default 404. Deleted tasks still answer 404 {@code ITEM_013}.
     */
    public void setUnknownIdsAnswerTeamNotAuthorized(boolean enabled) {
        routes.unknownIdsAsTeamNotAuthorized(enabled);
    }

    /** Every request received so far, oldest first (immutable). */
    public List<RecordedRequest> requests() {
        return handler.requests();
    }

    /** How many requests had this method (null for any) and a path in which {@code pathRegex} is found. */
    public int count(String method, String pathRegex) {
        return handler.count(method, pathRegex);
    }

    /** How many requests were received (journalled) so far, whatever their answer. */
    public int requestCount() {
        return handler.requests().size();
    }

    /** How many 429 answers were given (rate limit or injected 429), counted exactly under concurrency. */
    public int rateLimited() {
        return handler.rateLimited();
    }

    /** Clears the journal and the 429 count. */
    public void resetJournal() {
        handler.resetJournal();
    }

    /**
     * Turns push mode on (off by default): from now on the fake POSTs each delivery of its workspace
     * to the webhook's endpoint itself, keeping the webhook's health; see {@link WebhookPusher}.
     * Replaces an earlier pusher. Deliveries are still returned to the caller as before.
     */
    public synchronized WebhookPusher pushWebhooks(WebhookPusher.Options options) {
        stopPushingWebhooks();
        pusher = WebhookPusher.attach(workspace, options);
        return pusher;
    }

    /** Push mode dropping {@code dropShare} of deliveries (seeded), with ClickUp's retry defaults. */
    public WebhookPusher pushWebhooks(double dropShare, long seed) {
        return pushWebhooks(WebhookPusher.Options.of(dropShare, seed));
    }

    public synchronized void stopPushingWebhooks() {
        if (pusher != null) {
            pusher.close();
            pusher = null;
        }
    }

    @Override
    public void close() {
        stopPushingWebhooks();
        faults.releaseHangs();
        server.stop(0);
        executor.shutdownNow();
    }

    /** Options of a fake server; {@link #start()} binds it. */
    public static final class Builder {
        private FakeWorkspace workspace;
        private String token = DEFAULT_TOKEN;
        private int port;
        private int rateLimit = 100;
        private Duration rateWindow = Duration.ofMinutes(1);
        private boolean resetInMillis;
        private boolean unknownIdsAsTeamNotAuthorized;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        public Builder workspace(FakeWorkspace workspace) {
            this.workspace = Objects.requireNonNull(workspace, "workspace");
            return this;
        }

        public Builder token(String token) {
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException("token must not be blank");
            }
            this.token = token;
            return this;
        }

        /** A fixed port (0, the default, picks a free one). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder rateLimit(int perWindow, Duration window) {
            this.rateLimit = perWindow;
            this.rateWindow = window;
            return this;
        }

        public Builder rateLimitResetInMillis(boolean millis) {
            this.resetInMillis = millis;
            return this;
        }

        public Builder unknownIdsAnswerTeamNotAuthorized(boolean enabled) {
            this.unknownIdsAsTeamNotAuthorized = enabled;
            return this;
        }

        /** The clock of the rate-limit windows and the journal (the workspace has its own). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public FakeClickUp start() {
            try {
                return new FakeClickUp(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the fake ClickUp server", e);
            }
        }
    }
}
