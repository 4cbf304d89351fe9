package dev.clickupsync.testkit.clickup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Faults to inject into the fake's answers, for retry, back-off and timeout tests: fail the next N
 * requests (optionally only those whose path matches a regex, found anywhere in the path) with a
 * status and a ClickUp-style body; fail a random share of requests (seeded, so a run repeats); delay
 * every response; hang the next N requests until {@link #clear()} or the server closes (10 minutes
 * at most); or make every answer's rate-limit headers say something of your own (a misbehaving
 * ClickUp: a reset in the far future, a remaining count that is not a number). Faults come before authentication and rate limiting, and an injected answer does not
 * count against the rate limit. For ClickUp-shaped bodies see {@link ClickUpErrors#tokenInvalid()}
 * (401) and {@link ClickUpErrors#fieldValueInvalid()} (400).
 */
public final class FakeFaults {

    /** Upper bound of a hang, so a forgotten hang cannot keep a thread for ever. */
    static final Duration MAX_HANG = Duration.ofMinutes(10);

    /**
     * What to do with one request: wait, then hang (on {@code hangGate}, taken when the plan was made
     * so a {@link #clear()} in between still releases it), or answer with a fault, or serve normally.
     */
    record Plan(long delayMillis, CountDownLatch hangGate, int status, String body) {
        boolean hang() {
            return hangGate != null;
        }

        boolean fails() {
            return status != 0;
        }

        /** Blocks a hanging request until released (at most {@link #MAX_HANG}). */
        void awaitRelease() throws InterruptedException {
            hangGate.await(MAX_HANG.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static final class Rule {
        final Pattern path;
        final int status;
        final String body;
        int remaining;
        /** Matching requests still let through before this rule starts answering. */
        int pass;

        Rule(int pass, int remaining, int status, String pathRegex, String body) {
            this.pass = pass;
            this.remaining = remaining;
            this.status = status;
            this.path = pathRegex == null ? null : Pattern.compile(pathRegex);
            this.body = body;
        }

        boolean matches(String requestPath) {
            return remaining > 0 && (path == null || path.matcher(requestPath).find());
        }
    }

    /** A random share of matching requests fails, until cleared. */
    private record RateRule(double share, int status, Pattern path, Random random) {
    }

    private final List<Rule> failures = new ArrayList<>();
    private RateRule rate;
    private int injected;
    /** Injected answers per status and hangs begun, so a chaos run can report each kind it caused. */
    private final Map<Integer, Integer> injectedByStatus = new TreeMap<>();
    private int hangsBegun;
    private final List<Rule> hangs = new ArrayList<>();
    private long delayMillis;
    private CountDownLatch hangGate = new CountDownLatch(1);
    private String remainingHeader;
    private String resetHeader;

    FakeFaults() {
    }

    /** The next {@code count} requests answer {@code status} (e.g. 500, 502, 503, 429). */
    public FakeFaults failNext(int count, int status) {
        return failNext(count, status, null);
    }

    /** The next {@code count} requests whose path matches {@code pathRegex} answer {@code status}. */
    public FakeFaults failNext(int count, int status, String pathRegex) {
        return failNext(count, status, pathRegex, ClickUpErrors.faultBody(status));
    }

    /** As {@link #failNext(int, int, String)} with a body of your own (sent as application/json). */
    public FakeFaults failNext(int count, int status, String pathRegex, String body) {
        return failAfter(0, count, status, pathRegex, body);
    }

    /**
     * Lets the next {@code pass} requests whose path matches {@code pathRegex} through, then fails
     * {@code count} of them with {@code status}: "the third listing fails", whatever the timing of
     * the caller (e.g. a page requested ahead while the previous one is still being processed).
     */
    public FakeFaults failAfter(int pass, int count, int status, String pathRegex) {
        return failAfter(pass, count, status, pathRegex, ClickUpErrors.faultBody(status));
    }

    private synchronized FakeFaults failAfter(int pass, int count, int status, String pathRegex, String body) {
        if (pass < 0 || count < 1 || status < 400 || status > 599) {
            throw new IllegalArgumentException("need pass >= 0, count >= 1 and an error status, got " + pass + " / "
                    + count + " / " + status);
        }
        failures.add(new Rule(pass, count, status, pathRegex, body));
        return this;
    }

    /**
     * From now until {@link #clear()}, each request fails with {@code status} with probability
     * {@code share}, drawn from a {@link Random} seeded with {@code seed} (one draw per request, in
     * arrival order). Replaces an earlier rate. One-off {@link #failNext} rules are applied first.
     */
    public FakeFaults failRate(double share, int status, long seed) {
        return failRate(share, status, seed, null);
    }

    /** As {@link #failRate(double, int, long)}, only for requests whose path matches {@code pathRegex}. */
    public synchronized FakeFaults failRate(double share, int status, long seed, String pathRegex) {
        if (share < 0 || share > 1 || status < 400 || status > 599) {
            throw new IllegalArgumentException("need 0 <= share <= 1 and an error status, got " + share + " / " + status);
        }
        rate = new RateRule(share, status, pathRegex == null ? null : Pattern.compile(pathRegex), new Random(seed));
        return this;
    }

    /** How many answers were injected failures (failNext or failRate) since the start or the last clear. */
    public synchronized int injectedFailures() {
        return injected;
    }

    /** How many injected answers had this status since the start or the last clear. */
    public synchronized int injectedFailures(int status) {
        return injectedByStatus.getOrDefault(status, 0);
    }

    /** How many requests were made to hang since the start or the last clear. */
    public synchronized int hangsBegun() {
        return hangsBegun;
    }

    /** Every response waits this long first (until cleared). */
    public synchronized FakeFaults delayResponses(Duration delay) {
        this.delayMillis = delay.toMillis();
        return this;
    }

    /** The next {@code count} requests get no answer until {@link #clear()} (or close). */
    public FakeFaults hangNext(int count) {
        return hangNext(count, null);
    }

    public synchronized FakeFaults hangNext(int count, String pathRegex) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1");
        }
        hangs.add(new Rule(0, count, 0, pathRegex, null));
        return this;
    }

    /**
     * Until {@link #clear()}, every answer's {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset}
     * carry these values verbatim instead of the fake's own (null: the fake's own). The rate limit
     * itself is unchanged; only what the headers claim.
     */
    public synchronized FakeFaults rateLimitHeaders(String remaining, String reset) {
        this.remainingHeader = remaining;
        this.resetHeader = reset;
        return this;
    }

    /** The rate-limit headers an answer carries: the fake's own, or the ones set by {@link #rateLimitHeaders}. */
    synchronized Map<String, String> rateLimitHeaders(Map<String, String> own) {
        if (remainingHeader == null && resetHeader == null) {
            return own;
        }
        Map<String, String> said = new TreeMap<>(own);
        if (remainingHeader != null) {
            said.put("X-RateLimit-Remaining", remainingHeader);
        }
        if (resetHeader != null) {
            said.put("X-RateLimit-Reset", resetHeader);
        }
        return said;
    }

    /** Removes every fault and releases hanging requests. */
    public synchronized void clear() {
        remainingHeader = null;
        resetHeader = null;
        failures.clear();
        hangs.clear();
        rate = null;
        injected = 0;
        injectedByStatus.clear();
        hangsBegun = 0;
        delayMillis = 0;
        releaseHangs();
    }

    /** Decides, and consumes, the fault for one request. */
    synchronized Plan planFor(String path) {
        if (consume(hangs, path) != null) {
            hangsBegun++;
            return new Plan(delayMillis, hangGate, 0, null);
        }
        Rule failure = consume(failures, path);
        if (failure != null) {
            injected++;
            injectedByStatus.merge(failure.status, 1, Integer::sum);
            return new Plan(delayMillis, null, failure.status, failure.body);
        }
        if (rate != null && (rate.path() == null || rate.path().matcher(path).find()) && rate.random().nextDouble() < rate.share()) {
            injected++;
            injectedByStatus.merge(rate.status(), 1, Integer::sum);
            return new Plan(delayMillis, null, rate.status(), ClickUpErrors.faultBody(rate.status()));
        }
        return new Plan(delayMillis, null, 0, null);
    }

    synchronized void releaseHangs() {
        hangGate.countDown();
        hangGate = new CountDownLatch(1);
    }

    private static Rule consume(List<Rule> rules, String path) {
        for (Iterator<Rule> it = rules.iterator(); it.hasNext();) {
            Rule rule = it.next();
            if (rule.matches(path)) {
                if (rule.pass > 0) {
                    rule.pass--; // let through: no other one-off rule consumes this request either
                    return null;
                }
                if (--rule.remaining == 0) {
                    it.remove();
                }
                return rule;
            }
        }
        return null;
    }
}
