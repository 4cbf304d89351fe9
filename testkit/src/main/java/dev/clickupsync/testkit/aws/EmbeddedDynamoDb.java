package dev.clickupsync.testkit.aws;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * dynalite (npm, Apache-2.0: DynamoDB's wire protocol on LevelDB) in a child process on a loopback
 * port: the DynamoDB of the tests, the local run and the bench.
 *
 * <p>The protocol with the child ({@code dynalite-child.js}, bundled in this jar with dynalite,
 * see {@link DynaliteBundle}):
 * <ol>
 *   <li>it listens on port 0, so the OS picks a free port and parallel JVMs never race for one, and
 *       prints {@code DYNALITE_READY <port>} once it listens;</li>
 *   <li>we then wait until it answers a real DynamoDB request (ListTables), so a caller's first
 *       call never meets a half-started server;</li>
 *   <li>it must not outlive this JVM: {@link #close()} stops it, a shutdown hook does when the JVM
 *       ends without a close, and, because neither runs on SIGKILL, the child also exits when its
 *       stdin (a pipe held by this JVM) closes.</li>
 * </ol>
 *
 * <p>In memory by default; {@link #start(Path)} keeps the tables in a LevelDB folder. Table
 * creation is immediate ({@code createTableMs=0}). What dynalite does differently from DynamoDB
 * (no old item on a failed condition, no TTL, no transactions) is listed in {@code BUILD-NOTES}
 * and handled by the production code.
 */
public final class EmbeddedDynamoDb implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final String READY = "DYNALITE_READY ";
    private static final String FAILED = "DYNALITE_FAILED ";
    private static final String UNCAUGHT = "DYNALITE_UNCAUGHT ";
    private static final int KEPT_OUTPUT_LINES = 40;

    private final Process process;
    private final int port;
    private final Thread shutdownHook;
    private final ChildOutput output;
    /** Set by {@link #close()} and by the shutdown hook: an exit after either is the one asked for. */
    private final AtomicBoolean closing;
    private volatile String unexpectedExit;

    private EmbeddedDynamoDb(Process process, int port, Thread shutdownHook, ChildOutput output, AtomicBoolean closing) {
        this.process = process;
        this.port = port;
        this.shutdownHook = shutdownHook;
        this.output = output;
        this.closing = closing;
        // A child that dies while the JVM still uses it turns every later call into "Connection refused",
        // which names neither dynalite nor why: say both, once, on stderr (and to unexpectedExit()).
        process.onExit().thenAccept(ended -> {
            if (!closing.get()) {
                unexpectedExit = "dynalite on port " + port + " exited unexpectedly with exit code "
                        + ended.exitValue() + "; its output: " + output;
                System.err.println(unexpectedExit);
            }
        });
    }

    /** dynalite in memory: every start is empty. */
    public static EmbeddedDynamoDb start() {
        return launch(Optional.empty());
    }

    /** dynalite persisted in {@code dataDir} (LevelDB): a restart on the same folder keeps the tables. */
    public static EmbeddedDynamoDb start(Path dataDir) {
        return launch(Optional.of(dataDir));
    }

    private static EmbeddedDynamoDb launch(Optional<Path> dataDir) {
        String node = NodeRuntime.require();
        Path bundle = DynaliteBundle.extracted();
        List<String> command = new ArrayList<>(List.of(node, bundle.resolve("dynalite-child.js").toString(),
                "--host", "127.0.0.1", "--port", "0"));
        dataDir.ifPresent(dir -> command.addAll(List.of("--path", dir.toAbsolutePath().toString())));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(bundle.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start dynalite with " + node + ": " + e.getMessage(), e);
        }
        AtomicBoolean closing = new AtomicBoolean();
        Thread hook = new Thread(() -> {
            closing.set(true); // the JVM is ending: the child's exit is expected, not worth a line on stderr
            stop(process);
        }, "dynalite-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            ChildOutput output = new ChildOutput();
            int port = awaitReady(process, output);
            awaitAnswer(port, process, output);
            return new EmbeddedDynamoDb(process, port, hook, output, closing);
        } catch (RuntimeException e) {
            stop(process);
            removeHook(hook);
            throw e;
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The child's process id (tests check that it ends). */
    public long pid() {
        return process.pid();
    }

    /**
     * Why the child ended while it was still in use, if it did (the reason "Connection refused" has
     * on the SDK's side); empty while it runs or after {@link #close()}.
     */
    public Optional<String> unexpectedExit() {
        return Optional.ofNullable(unexpectedExit);
    }

    @Override
    public void close() {
        closing.set(true);
        stop(process);
        removeHook(shutdownHook);
    }

    /** Runs, on the calling thread, what the JVM's shutdown hook runs when the JVM ends without a {@link #close()}. */
    void runShutdownHook() {
        shutdownHook.run();
    }

    /** Reads the child's output until its readiness line; keeps draining (and remembering the tail of) it. */
    private static int awaitReady(Process process, ChildOutput output) {
        CompletableFuture<Integer> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (!ready.isDone() && line.startsWith(READY)) {
                        ready.complete(Integer.parseInt(line.substring(READY.length()).trim()));
                    } else {
                        if (line.startsWith(UNCAUGHT)) {
                            System.err.println("dynalite: " + line); // a request it failed on: say so at once
                        }
                        output.add(line);
                    }
                }
            } catch (IOException | RuntimeException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IllegalStateException("dynalite exited"));
        }, "dynalite-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return ready.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("dynalite did not report ready within " + START_TIMEOUT.toSeconds()
                    + " s; its output: " + output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dynalite started", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("dynalite did not start (" + exitCode(process) + "); its output: " + output);
        }
    }

    /** One ListTables with a SigV4-shaped header (dynalite wants one): the server answers requests. */
    private static void awaitAnswer(int port, Process process, ChildOutput output) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest listTables = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810.ListTables")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + EmbeddedAws.ACCESS_KEY
                        + "/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0")
                .header("X-Amz-Date", "20260101T000000Z")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                HttpResponse<String> response = http.send(listTables, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("TableNames")) {
                    return;
                }
                last = "HTTP " + response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for dynalite", e);
            }
            sleep(50);
        }
        sleep(100); // let a crashing child finish writing why
        throw new IllegalStateException("dynalite did not start: on port " + port + " it did not answer ListTables ("
                + last + ", " + exitCode(process) + "); its output: " + output);
    }

    private static void stop(Process process) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting: the hook runs (or ran) and stops the child itself
        }
    }

    private static String exitCode(Process process) {
        try {
            return process.waitFor(1, TimeUnit.SECONDS) ? "exit code " + process.exitValue() : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "exit code unknown";
        }
    }

    /** The last lines the child printed, for error messages (bounded: a chatty child costs nothing). */
    private static final class ChildOutput {
        private final Deque<String> lines = new ArrayDeque<>();

        synchronized void add(String line) {
            if (lines.size() == KEPT_OUTPUT_LINES) {
                lines.removeFirst();
            }
            lines.addLast(line.replace(FAILED, ""));
        }

        @Override
        public synchronized String toString() {
            return lines.isEmpty() ? "(none)" : String.join(" | ", lines);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for dynalite", e);
        }
    }
}
