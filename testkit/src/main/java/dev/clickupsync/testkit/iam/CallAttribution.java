package dev.clickupsync.testkit.iam;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.security.CodeSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Which function's code made an AWS call, from the stack of the calling thread. A module's tests
 * say how in {@code clickup-sync-iam.properties} on their classpath:
 * <pre>
 * entry.dev.clickupsync.drain.lambda.SqsDrainHandler = DrainFunction   # a class (or a package, ending in .)
 * thread.reconcile- = ReconcileFunction                                # a worker thread's name prefix
 * ignore.dev.clickupsync.infra.Provisioner =                           # local/test-only code
 * </pre>
 * A class entry also covers Quarkus's generated subclasses ({@code X_ClientProxy}, {@code X$...}).
 * Only the production frames from the call up to the first test-code frame count (above that is the
 * test harness), and among them the <em>outermost</em> entry decides: the work started there, as it
 * would on AWS (an admin backfill runs reconcile code, and is the admin function's call; a digest
 * test that runs the comment command inline through a test helper leaves the command's calls to the
 * commands function). A call whose innermost project frame is test code is the test's own fixture
 * and not attributed; production code with no entry is "unattributed" (counted, not checked).
 */
final class CallAttribution {
    static final String RESOURCE = "clickup-sync-iam.properties";
    private static final String PROJECT = "dev.clickupsync.";
    private static final String TESTKIT = "dev.clickupsync.testkit.";

    /** What the stack says. */
    record Decision(Kind kind, String function, String entry) {
        enum Kind { FUNCTION, TEST_FIXTURE, IGNORED, UNATTRIBUTED }
    }

    private final String project;
    private final Map<String, String> entries;
    private final Map<String, String> threads;
    private final List<String> ignored;

    CallAttribution(Map<String, String> entries, Map<String, String> threads, List<String> ignored) {
        this(PROJECT, entries, threads, ignored);
    }

    /** {@code project}: the package prefix of the code whose frames count (tests use another). */
    CallAttribution(String project, Map<String, String> entries, Map<String, String> threads, List<String> ignored) {
        this.project = project;
        this.entries = new TreeMap<>(entries);
        this.threads = new TreeMap<>(threads);
        this.ignored = List.copyOf(ignored);
    }

    /** The module's rules from its classpath, or none (then nothing is attributed). */
    static Optional<CallAttribution> fromClasspath(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return Optional.empty();
            }
            Properties p = new Properties();
            p.load(in);
            Map<String, String> entries = new TreeMap<>();
            Map<String, String> threads = new TreeMap<>();
            List<String> ignored = new java.util.ArrayList<>();
            for (String key : p.stringPropertyNames()) {
                String value = p.getProperty(key).trim();
                if (key.startsWith("entry.")) {
                    entries.put(key.substring("entry.".length()), value);
                } else if (key.startsWith("thread.")) {
                    threads.put(key.substring("thread.".length()), value);
                } else if (key.startsWith("ignore.")) {
                    ignored.add(key.substring("ignore.".length()));
                }
            }
            return Optional.of(new CallAttribution(entries, threads, ignored));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    Decision decide(List<Class<?>> stack, String threadName) {
        Class<?> innermostProject = null;
        String function = null;
        String entry = null;
        for (Class<?> frame : stack) { // innermost first
            String name = frame.getName();
            if (!name.startsWith(project)) {
                continue;
            }
            boolean test = isTestCode(frame);
            if (name.startsWith(TESTKIT) && !test) {
                continue; // the emulators and the fake, not the code under test
            }
            if (ignored.stream().anyMatch(name::startsWith)) {
                return new Decision(Decision.Kind.IGNORED, null, name);
            }
            if (test) {
                if (innermostProject == null) {
                    return new Decision(Decision.Kind.TEST_FIXTURE, null, name);
                }
                break; // the test harness starts here
            }
            if (innermostProject == null) {
                innermostProject = frame;
            }
            for (Map.Entry<String, String> e : entries.entrySet()) {
                if (covers(e.getKey(), name)) {
                    function = e.getValue(); // keep going: the outermost entry wins
                    entry = name;
                }
            }
        }
        if (innermostProject == null) {
            return new Decision(Decision.Kind.TEST_FIXTURE, null, null);
        }
        if (function == null) {
            for (Map.Entry<String, String> e : threads.entrySet()) {
                if (threadName.startsWith(e.getKey())) {
                    return new Decision(Decision.Kind.FUNCTION, e.getValue(), "thread " + threadName);
                }
            }
            return new Decision(Decision.Kind.UNATTRIBUTED, null, innermostProject.getName());
        }
        return new Decision(Decision.Kind.FUNCTION, function, entry);
    }

    /** A package entry ("a.b.") covers its classes; a class entry covers it and its generated subclasses. */
    private static boolean covers(String entry, String className) {
        return entry.endsWith(".") ? className.startsWith(entry)
                : className.equals(entry) || className.startsWith(entry + "_") || className.startsWith(entry + "$");
    }

    /** Classes compiled from src/test (Maven's test-classes), wherever their class loader put them. */
    static boolean isTestCode(Class<?> type) {
        CodeSource source = type.getProtectionDomain() == null ? null : type.getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        return location != null && location.toString().contains("/test-classes");
    }
}
