package dev.clickupsync.testkit.iam;

import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Records every AWS request the code under test sends, for {@link IamCheck}: an SDK
 * {@link ExecutionInterceptor} that a module adds to its Quarkus-managed clients in test mode
 * ({@code %test.quarkus.dynamodb.interceptors}, {@code %test.quarkus.sqs.interceptors}). Not as an SDK
 * "global" interceptor: the SDK would load it from the class path outside Quarkus's class loader,
 * where it does not implement Quarkus's copy of the interface.
 *
 * <p>Active only when the system property {@value #DIR_PROPERTY} names a folder (the build sets it for
 * surefire). Each JVM appends JSON lines to its own file there ({@link #fileOfThisJvm}): a file, not
 * a static list, because Quarkus loads this class once per application class loader, and the check
 * runs in yet another one. The calling function comes from {@link CallAttribution}; test fixtures
 * and local-only code are left out.
 */
public final class AwsCallRecorder implements ExecutionInterceptor {
    public static final String DIR_PROPERTY = "clickupsync.aws-calls.dir";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StackWalker STACK = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final Pattern PK_CONDITION = Pattern.compile("\\bpk\\s*=\\s*(:[A-Za-z0-9_]+)");
    private static final String REGION = "us-east-1";
    private static final String ACCOUNT = "000000000000";
    private static final Map<String, String> SQS_BATCH_ACTIONS = Map.of(
            "SendMessageBatch", "SendMessage", "DeleteMessageBatch", "DeleteMessage",
            "ChangeMessageVisibilityBatch", "ChangeMessageVisibility");

    private final Optional<CallAttribution> attribution =
            CallAttribution.fromClasspath(AwsCallRecorder.class.getClassLoader());

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String dir = System.getProperty(DIR_PROPERTY);
        if (dir == null || attribution.isEmpty()) {
            return;
        }
        List<Class<?>> stack = STACK.walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass).toList());
        CallAttribution.Decision decision = attribution.get().decide(stack, Thread.currentThread().getName());
        if (decision.kind() == CallAttribution.Decision.Kind.TEST_FIXTURE
                || decision.kind() == CallAttribution.Decision.Kind.IGNORED) {
            return;
        }
        String service = iamService(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME));
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        String action = service + ":" + ("sqs".equals(service) ? SQS_BATCH_ACTIONS.getOrDefault(operation, operation) : operation);
        String function = decision.kind() == CallAttribution.Decision.Kind.FUNCTION ? decision.function() : null;
        for (Map.Entry<String, Set<String>> target : targets(service, context.request()).entrySet()) {
            append(Path.of(dir), new AwsCall(function == null ? "" : function, action, target.getKey(),
                    target.getValue(), decision.entry() == null ? "" : decision.entry()));
        }
    }

    /** This JVM's file in {@code dir}: pid and start time, so a reused pid never reads an old run. */
    public static Path fileOfThisJvm(Path dir) {
        ProcessHandle self = ProcessHandle.current();
        long started = self.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
        return dir.resolve("calls-" + self.pid() + "-" + started + ".jsonl");
    }

    /** The calls recorded so far by this JVM. */
    public static List<AwsCall> recordedByThisJvm() {
        String dir = System.getProperty(DIR_PROPERTY);
        if (dir == null) {
            return List.of();
        }
        Path file = fileOfThisJvm(Path.of(dir));
        try {
            if (!Files.exists(file)) {
                return List.of();
            }
            List<AwsCall> calls = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    calls.add(JSON.readValue(line, AwsCall.class));
                }
            }
            return calls;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static synchronized void append(Path dir, AwsCall call) {
        // synchronized per class loader; lines are short single writes in APPEND mode, which the OS
        // keeps whole across the JVM's class loaders
        try {
            Files.createDirectories(dir);
            Files.writeString(fileOfThisJvm(dir), JSON.writeValueAsString(call) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record an AWS call in " + dir, e);
        }
    }

    /** Each resource the request names, as an ARN, with the partition keys it touches there. */
    static Map<String, Set<String>> targets(String service, SdkRequest request) {
        Map<String, Set<String>> targets = new LinkedHashMap<>();
        switch (service) {
            case "dynamodb" -> dynamoDbTargets(request, targets);
            case "sqs" -> field(request, "QueueUrl").map(String.class::cast)
                    .ifPresent(url -> targets.put("arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":" + url.substring(url.lastIndexOf('/') + 1), Set.of()));
            case "ssm" -> field(request, "Name").map(String.class::cast)
                    .ifPresent(name -> targets.put("arn:aws:ssm:" + REGION + ":" + ACCOUNT + ":parameter" + (name.startsWith("/") ? "" : "/") + name, Set.of()));
            default -> { }
        }
        if (targets.isEmpty()) {
            targets.put("*", Set.of());
        }
        return targets;
    }

    @SuppressWarnings("unchecked")
    private static void dynamoDbTargets(SdkRequest request, Map<String, Set<String>> targets) {
        Optional<Object> requestItems = field(request, "RequestItems");
        if (requestItems.isPresent()) { // BatchGetItem, BatchWriteItem
            ((Map<String, Object>) requestItems.get()).forEach((table, items) -> {
                Set<String> keys = new LinkedHashSet<>();
                if (items instanceof SdkPojo keysAndAttributes) { // BatchGetItem
                    field(keysAndAttributes, "Keys").ifPresent(list -> ((Collection<Object>) list)
                            .forEach(key -> pk((Map<String, Object>) key).ifPresent(keys::add)));
                } else if (items instanceof Collection<?> writes) { // BatchWriteItem
                    for (Object write : writes) {
                        field((SdkPojo) write, "PutRequest").flatMap(put -> field((SdkPojo) put, "Item"))
                                .or(() -> field((SdkPojo) write, "DeleteRequest").flatMap(d -> field((SdkPojo) d, "Key")))
                                .flatMap(item -> pk((Map<String, Object>) item)).ifPresent(keys::add);
                    }
                }
                targets.put(tableArn(table, null), keys);
            });
            return;
        }
        Optional<Object> table = field(request, "TableName");
        if (table.isEmpty()) {
            return;
        }
        Set<String> keys = new LinkedHashSet<>();
        field(request, "Key").or(() -> field(request, "Item"))
                .flatMap(item -> pk((Map<String, Object>) item)).ifPresent(keys::add);
        field(request, "KeyConditionExpression").ifPresent(expression -> {
            Matcher m = PK_CONDITION.matcher((String) expression);
            if (m.find()) {
                field(request, "ExpressionAttributeValues")
                        .map(values -> ((Map<String, Object>) values).get(m.group(1)))
                        .flatMap(value -> field((SdkPojo) value, "S")).ifPresent(s -> keys.add((String) s));
            }
        });
        targets.put(tableArn((String) table.get(), (String) field(request, "IndexName").orElse(null)), keys);
    }

    private static String tableArn(String table, String index) {
        return "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":table/" + table + (index == null ? "" : "/index/" + index);
    }

    private static Optional<String> pk(Map<String, Object> item) {
        Object value = item.get("pk");
        return value instanceof SdkPojo pojo ? field(pojo, "S").map(String.class::cast) : Optional.empty();
    }

    /** A field of an SDK model object by its wire name, without the service's model classes. */
    private static Optional<Object> field(SdkPojo pojo, String wireName) {
        for (SdkField<?> field : pojo.sdkFields()) {
            if (wireName.equals(field.locationName())) {
                Object value = field.getValueOrDefault(pojo);
                if (value instanceof Collection<?> c && c.isEmpty() || value instanceof Map<?, ?> m && m.isEmpty()) {
                    return Optional.empty(); // the SDK's "auto-construct" empty containers mean absent
                }
                return Optional.ofNullable(value);
            }
        }
        return Optional.empty();
    }

    private static String iamService(String sdkServiceName) {
        return switch (sdkServiceName == null ? "" : sdkServiceName.toLowerCase(java.util.Locale.ROOT)) {
            case "dynamodb" -> "dynamodb";
            case "sqs" -> "sqs";
            case "ssm" -> "ssm";
            default -> sdkServiceName == null ? "unknown" : sdkServiceName.toLowerCase(java.util.Locale.ROOT);
        };
    }
}
