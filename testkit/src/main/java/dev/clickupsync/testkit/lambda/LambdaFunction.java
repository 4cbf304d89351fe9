package dev.clickupsync.testkit.lambda;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A packaged Lambda function ({@code function.zip}) booted the way AWS Lambda's managed Java
 * runtime boots it, in a child JVM:
 *
 * <ul>
 *   <li>the zip is extracted into a fresh task root, which becomes the process's working directory
 *       ({@code /var/task} on Lambda);</li>
 *   <li>the JVM's class path holds only the runtime: AWS's runtime interface client
 *       ({@code com.amazonaws:aws-lambda-java-runtime-interface-client}) and its dependencies, taken
 *       from the caller's class path. The client's {@code AWSLambda} main class loads the function
 *       from the task root and {@code lib/*.jar} through its own class loader, exactly as Lambda
 *       does, then polls a {@link RuntimeApiServer} for events;</li>
 *   <li>the environment is built from nothing: Lambda's reserved variables
 *       ({@code AWS_LAMBDA_RUNTIME_API}, {@code _HANDLER}, {@code AWS_LAMBDA_FUNCTION_NAME},
 *       {@code AWS_LAMBDA_FUNCTION_MEMORY_SIZE}, {@code AWS_REGION}, credentials, ...) plus the
 *       function's own variables, so nothing leaks in from the test JVM;</li>
 *   <li>JVM options modelled on Lambda's Java runtimes (C1 only, serial GC, a heap of 85 % of the
 *       memory size).</li>
 * </ul>
 *
 * <p>{@link #invoke(String)} sends one event and waits for the answer. Whatever goes wrong (an init
 * error, the process dying, no answer in time) ends in a {@link LambdaFunctionException} whose message
 * carries the process's exit status, the Runtime API calls it made and the tail of its output, with
 * the values of secret-looking variables ({@code *TOKEN*}, {@code *SECRET*}, {@code *PASSWORD*},
 * {@code *_KEY*}) masked. {@link #close()} always kills the process (and its children) and a shutdown
 * hook does the same if the test JVM exits first.
 */
public final class LambdaFunction implements AutoCloseable {
    /** The handler {@code template.yaml} gives every Quarkus function. */
    public static final String QUARKUS_HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";
    /** The runtime interface client's entry point. */
    public static final String RUNTIME_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    /** Where the runtime's classes come from: the client itself and what it needs beside the function. */
    private static final List<String> RUNTIME_CLASSES = List.of(
            RUNTIME_MAIN,
            "com.amazonaws.services.lambda.runtime.RequestStreamHandler",            // aws-lambda-java-core
            "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer",    // aws-lambda-java-serialization
            "software.amazon.awssdk.utilslite.SdkInternalThreadLocal");              // utils-lite (client 2.8+)
    private static final Pattern SECRET_NAME = Pattern.compile(".*(TOKEN|SECRET|PASSWORD|CREDENTIAL|_KEY).*");
    private static final int OUTPUT_LINES_KEPT = 4000;
    private static final int OUTPUT_LINES_SHOWN = 300;

    private final String name;
    private final Path taskRoot;
    private final boolean ownsTaskRoot;
    private final RuntimeApiServer api;
    private final Process process;
    private final Thread shutdownHook;
    private final Thread pump;
    private final Deque<String> output = new ArrayDeque<>();
    private final Writer log;
    private final List<String> secrets;
    private final Duration timeout;
    private final Duration initTimeout;
    private final List<String> command;
    private final boolean snapStart;
    private final List<InvocationResult> invocations = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private LambdaFunction(Builder b, Path taskRoot, boolean ownsTaskRoot) throws IOException {
        this.name = b.functionName;
        this.taskRoot = taskRoot;
        this.ownsTaskRoot = ownsTaskRoot;
        this.timeout = b.timeout;
        this.initTimeout = b.initTimeout;
        this.snapStart = b.snapStart;
        String region = b.region;
        this.api = RuntimeApiServer.start("arn:aws:lambda:" + region + ":" + b.accountId + ":function:" + name);

        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin/:/bin:/opt/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("LAMBDA_RUNTIME_DIR", b.runtimeClasspath.get(0).getParent().toString());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        env.put("AWS_LAMBDA_FUNCTION_NAME", name);
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(b.memoryMb));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + name);
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy/MM/dd"))
                + "/[$LATEST]" + UUID.randomUUID().toString().replace("-", ""));
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", b.snapStart ? "snap-start" : "on-demand");
        env.put("AWS_REGION", region);
        env.put("AWS_DEFAULT_REGION", region);
        if (b.accessKeyId != null) {
            if (b.snapStart) {
                // SnapStart functions get the role's credentials from a local endpoint, not the environment.
                String[] endpoint = api.serveCredentials(b.accessKeyId, b.secretAccessKey, b.sessionToken);
                env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", endpoint[0]);
                env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", endpoint[1]);
            } else {
                env.put("AWS_ACCESS_KEY_ID", b.accessKeyId);
                env.put("AWS_SECRET_ACCESS_KEY", b.secretAccessKey);
                env.put("AWS_SESSION_TOKEN", b.sessionToken);
            }
        }
        env.putAll(b.env);
        env.put("AWS_LAMBDA_RUNTIME_API", api.address());
        env.put("_HANDLER", b.handler);
        this.secrets = env.entrySet().stream()
                .filter(e -> SECRET_NAME.matcher(e.getKey()).matches() && e.getValue() != null && e.getValue().length() >= 6)
                .map(Map.Entry::getValue).distinct().sorted(Comparator.comparingInt(String::length).reversed()).toList();

        List<String> cmd = new ArrayList<>();
        cmd.add(b.java.toString());
        cmd.addAll(b.jvmOptions != null ? b.jvmOptions : defaultJvmOptions(b.memoryMb));
        cmd.add("-cp");
        cmd.add(b.runtimeClasspath.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)));
        cmd.add(RUNTIME_MAIN);
        cmd.add(b.handler);
        this.command = List.copyOf(cmd);

        ProcessBuilder pb = new ProcessBuilder(cmd).directory(taskRoot.toFile()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(env);
        Writer logWriter = null;
        Process started;
        try {
            logWriter = b.logFile == null ? null : Files.newBufferedWriter(createParent(b.logFile), StandardCharsets.UTF_8);
            started = pb.start();
        } catch (IOException | RuntimeException e) {
            api.close();
            if (logWriter != null) {
                logWriter.close();
            }
            throw e;
        }
        this.log = logWriter;
        this.process = started;
        this.shutdownHook = new Thread(this::killOnShutdown, "lambda-function-kill-" + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        this.pump = new Thread(this::pumpOutput, "lambda-function-output-" + name);
        pump.setDaemon(true);
        pump.start();
        // Like Lambda, an invocation that overruns its timeout ends the execution environment.
        api.onTimeout(r -> kill());
    }

    public static Builder builder(Path functionZipOrTaskRoot) {
        return new Builder(functionZipOrTaskRoot);
    }

    /**
     * The Quarkus configuration key as an environment variable name, the way SmallRye Config maps
     * one onto the other: every character other than a letter or digit becomes {@code _}, then upper
     * case ({@code sync.tables.field-cache} becomes {@code SYNC_TABLES_FIELD_CACHE}).
     */
    public static String envName(String configKey) {
        StringBuilder sb = new StringBuilder(configKey.length());
        for (char c : configKey.toCharArray()) {
            sb.append(Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
        }
        return sb.toString();
    }

    /** Options modelled on Lambda's Java runtimes: C1 only, serial GC, 85 % of the memory as heap. */
    public static List<String> defaultJvmOptions(int memoryMb) {
        return List.of(
                "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-XX:MaxHeapSize=" + (memoryMb * 1024L * 85 / 100) + "k",
                "-Djava.net.preferIPv4Stack=true",
                // CRaC hooks (org.crac, used by Quarkus for SnapStart) run on the client's implementation.
                "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac");
    }

    /**
     * The jars of the runtime interface client and its runtime dependencies, found on the caller's
     * class path (a test-scoped dependency on {@code aws-lambda-java-runtime-interface-client}).
     */
    public static List<Path> runtimeClasspathFromCaller() {
        List<Path> jars = new ArrayList<>();
        for (String className : RUNTIME_CLASSES) {
            try {
                Class<?> c = Class.forName(className, false, LambdaFunction.class.getClassLoader());
                Path jar = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
                if (!jars.contains(jar)) {
                    jars.add(jar);
                }
            } catch (ClassNotFoundException e) {
                if (className.equals(RUNTIME_MAIN)) {
                    throw new IllegalStateException("AWS's Lambda runtime interface client is not on the class path: add "
                            + "com.amazonaws:aws-lambda-java-runtime-interface-client (test scope)", e);
                }
            } catch (URISyntaxException | RuntimeException e) {
                throw new IllegalStateException("cannot locate the jar of " + className, e);
            }
        }
        return jars;
    }

    // ------------------------------------------------------------------ invoking

    /** Invokes the function with this event JSON and waits (init, then the function's timeout) for its answer. */
    public InvocationResult invoke(String event) {
        CompletableFuture<InvocationResult> result = api.submit(event, timeout);
        awaitInit();
        long waitMs = timeout.toMillis() + 5_000;
        try {
            CompletableFuture.anyOf(result, process.onExit(), api.initError()).get(waitMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // judged below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while waiting for the invocation", e);
        }
        try {
            // An answer already on its way when the process ended still counts.
            InvocationResult answer = result.get(result.isDone() ? 0 : 500, TimeUnit.MILLISECONDS);
            invocations.add(answer);
            return answer;
        } catch (ExecutionException e) {
            throw failure("the invocation failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while waiting for the invocation", e);
        } catch (TimeoutException e) {
            if (api.initError().isDone()) {
                throw failure("the function reported an init error: " + api.initError().join(), null);
            }
            if (!process.isAlive()) {
                throw failure("the runtime exited before answering the invocation", null);
            }
            throw failure("no answer to the invocation within " + waitMs + " ms", null);
        }
    }

    /** Invokes the function and fails, with the function's output, unless it answered without a function error. */
    public String invokeOk(String event) {
        InvocationResult result = invoke(event);
        if (result.isError()) {
            throw failure("the function answered with an error: " + result, null);
        }
        return result.payload();
    }

    /** Waits for the end of the init phase (the runtime's first poll), failing like Lambda when it takes longer than the init timeout. */
    public long awaitInit() {
        try {
            CompletableFuture.anyOf(api.initialised(), process.onExit(), api.initError())
                    .get(initTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw failure("init did not complete within " + initTimeout.toMillis() + " ms", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted during init", e);
        } catch (ExecutionException e) {
            throw failure("init failed", e.getCause());
        }
        if (api.initError().isDone()) {
            throw failure("the function reported an init error: " + api.initError().join(), null);
        }
        if (!api.initialised().isDone()) {
            throw failure("the runtime exited during init", null);
        }
        return api.initialised().join();
    }

    // ------------------------------------------------------------------ inspecting

    public String name() {
        return name;
    }

    public Path taskRoot() {
        return taskRoot;
    }

    public RuntimeApiServer runtimeApi() {
        return api;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Every answered invocation, in order. */
    public List<InvocationResult> invocations() {
        return List.copyOf(invocations);
    }

    /** One line for a test log: init mode and time (process start to first poll) and each invocation's duration. */
    public String summary() {
        String init = api.initialised().isDone() ? api.initialised().join() + " ms" : "not finished";
        return name + ": " + (snapStart ? "snap-start" : "on-demand") + " init " + init
                + (api.restoreServed() ? " (restore handshake done)" : "") + ", invocations "
                + invocations.stream().map(r -> r.durationMs() + " ms" + (r.isError() ? " (" + r.errorType() + ")" : ""))
                        .collect(Collectors.joining(", ", "[", "]"));
    }

    /** The function's output so far (stdout and stderr, last lines kept), secrets masked. */
    public String output() {
        return redact(String.join("\n", outputLines()));
    }

    /** The function's output lines so far, as written (not masked: for assertions, not for messages). */
    public List<String> outputLines() {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    /**
     * Everything needed to understand a failure: the process's state, the command line, the Runtime
     * API calls and the last {@value #OUTPUT_LINES_SHOWN} lines of output, secrets masked. Use it as
     * an assertion's description.
     */
    public String describe() {
        List<String> lines = outputLines();
        List<String> tail = lines.subList(Math.max(0, lines.size() - OUTPUT_LINES_SHOWN), lines.size());
        String state = process.isAlive() ? "running" : "exited with code " + process.exitValue();
        return redact(summary() + "\nfunction " + name + " (" + state + ", task root " + taskRoot + ")\n"
                + "command: " + String.join(" ", command) + "\n"
                + "Runtime API calls: " + api.journal() + "\n"
                + "--- function output (" + (lines.size() > tail.size() ? "last " + tail.size() + " of " + lines.size() + " lines" : lines.size() + " lines")
                + ") ---\n" + String.join("\n", tail) + "\n--- end of function output ---");
    }

    private LambdaFunctionException failure(String what, Throwable cause) {
        // Let the output of a dying process arrive before it is shown.
        if (!process.isAlive()) {
            try {
                pump.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new LambdaFunctionException(what + "\n" + describe(), cause);
    }

    private String redact(String text) {
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, "****");
        }
        return out;
    }

    // ------------------------------------------------------------------ lifecycle

    private void pumpOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (output) {
                    output.addLast(line);
                    if (output.size() > OUTPUT_LINES_KEPT) {
                        output.removeFirst();
                    }
                }
                if (log != null) {
                    log.write(redact(line));
                    log.write('\n');
                    log.flush();
                }
            }
        } catch (IOException ignored) {
            // the process is gone
        } finally {
            if (log != null) {
                try {
                    log.close();
                } catch (IOException ignored) {
                    // nothing to do
                }
            }
        }
    }

    private void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** The test JVM is exiting without {@link #close()}: the process must not outlive it. */
    private void killOnShutdown() {
        kill();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ownsTaskRoot) {
            deleteTree(taskRoot);
        }
    }

    /** Prints {@link #summary()} and the Runtime API's journal for the test log, then {@link #close()}s. */
    public void closeWithSummary() {
        System.out.println(summary() + "\n  Runtime API calls: " + runtimeApi().journal());
        close();
    }

    /** Kills the process (and any children), stops the Runtime API and deletes the extracted task root. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            kill();
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run
            }
            api.close();
            try {
                pump.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (ownsTaskRoot) {
                deleteTree(taskRoot);
            }
        }
    }

    private static Path createParent(Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        return file;
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }

    // ------------------------------------------------------------------ builder

    /** How to boot the function. Defaults: 512 MB, 30 s timeout, on-demand init. */
    public static final class Builder {
        private final Path code;
        private String functionName = "clickup-sync-it";
        private String handler = QUARKUS_HANDLER;
        private String accountId = "000000000000";
        private String region = "us-east-1";
        private String accessKeyId;
        private String secretAccessKey;
        private String sessionToken;
        private int memoryMb = 512;
        private Duration timeout = Duration.ofSeconds(30);
        private Duration initTimeout;
        private boolean snapStart;
        private final Map<String, String> env = new LinkedHashMap<>();
        private List<Path> runtimeClasspath;
        private List<String> jvmOptions;
        private Path java = currentJava();
        private Path logFile;

        private Builder(Path code) {
            this.code = code;
        }

        /** {@code AWS_LAMBDA_FUNCTION_NAME}, also in the ARN, the log group and the masked output. */
        public Builder functionName(String functionName) {
            this.functionName = functionName;
            return this;
        }

        /** {@code _HANDLER} and the runtime client's argument; default {@link #QUARKUS_HANDLER}. */
        public Builder handler(String handler) {
            this.handler = handler;
            return this;
        }

        public Builder accountId(String accountId) {
            this.accountId = accountId;
            return this;
        }

        /** {@code AWS_LAMBDA_FUNCTION_MEMORY_SIZE}, and the heap size derived from it. */
        public Builder memoryMb(int memoryMb) {
            this.memoryMb = memoryMb;
            return this;
        }

        /** The function's timeout: the deadline each invocation carries, after which it ends as {@code Sandbox.Timedout}. */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /**
         * How long the init phase (JVM start to the runtime's first poll) may take. Default: Lambda's
         * 10 s for on-demand init; 90 s with SnapStart (Lambda allows far more for the snapshot's
         * init, this keeps a stuck test short).
         */
        public Builder initTimeout(Duration initTimeout) {
            this.initTimeout = initTimeout;
            return this;
        }

        /**
         * {@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}: after init the runtime client runs the
         * CRaC {@code beforeCheckpoint} hooks, waits for {@code /restore/next}, then runs the
         * {@code afterRestore} hooks, as on a SnapStart restore (without a real snapshot).
         */
        public Builder snapStart(boolean snapStart) {
            this.snapStart = snapStart;
            return this;
        }

        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        public Builder env(Map<String, String> variables) {
            env.putAll(variables);
            return this;
        }

        /** Quarkus configuration, passed as environment variables ({@link #envName}). */
        public Builder config(Map<String, String> config) {
            config.forEach((k, v) -> env.put(envName(k), v));
            return this;
        }

        /** {@code AWS_REGION} and {@code AWS_DEFAULT_REGION}, and the region in the function's ARN. */
        public Builder region(String region) {
            this.region = region;
            return this;
        }

        /**
         * The execution role's session, delivered as Lambda delivers it: {@code AWS_ACCESS_KEY_ID},
         * {@code AWS_SECRET_ACCESS_KEY} and {@code AWS_SESSION_TOKEN} for on-demand init; for SnapStart
         * a local credentials endpoint ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI} and
         * {@code AWS_CONTAINER_AUTHORIZATION_TOKEN}) served by the Runtime API server.
         */
        public Builder awsCredentials(String accessKeyId, String secretAccessKey, String sessionToken) {
            this.accessKeyId = accessKeyId;
            this.secretAccessKey = secretAccessKey;
            this.sessionToken = sessionToken;
            return this;
        }

        /** The runtime's jars; default {@link #runtimeClasspathFromCaller()}. */
        public Builder runtimeClasspath(List<Path> jars) {
            this.runtimeClasspath = List.copyOf(jars);
            return this;
        }

        /** Replaces {@link #defaultJvmOptions(int)}. */
        public Builder jvmOptions(List<String> options) {
            this.jvmOptions = List.copyOf(options);
            return this;
        }

        public Builder java(Path java) {
            this.java = java;
            return this;
        }

        /** Also writes the function's output (secrets masked) to this file. */
        public Builder logFile(Path logFile) {
            this.logFile = logFile;
            return this;
        }

        /** Extracts the zip (unless given a directory), starts the Runtime API and the process. Init runs in the background. */
        public LambdaFunction start() {
            if (runtimeClasspath == null) {
                runtimeClasspath = runtimeClasspathFromCaller();
            }
            if (initTimeout == null) {
                initTimeout = Duration.ofSeconds(snapStart ? 90 : 10);
            }
            boolean extract = !Files.isDirectory(code);
            Path root = extract ? FunctionZip.extract(code) : code;
            try {
                return new LambdaFunction(this, root, extract);
            } catch (IOException | RuntimeException e) {
                if (extract) {
                    deleteTree(root);
                }
                if (e instanceof IOException io) {
                    throw new UncheckedIOException("cannot start function " + functionName, io);
                }
                throw (RuntimeException) e;
            }
        }

        private static Path currentJava() {
            return ProcessHandle.current().info().command().map(Path::of)
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java"));
        }
    }
}
