package dev.clickupsync.testkit.aws;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** dynalite as the testkit starts it: a real child process, spoken to through the real AWS SDK. */
class EmbeddedDynamoDbTest {

    @Test
    void answersTheSdkAndStopsItsChildOnClose() {
        EmbeddedDynamoDb dynamo = EmbeddedDynamoDb.start();
        ProcessHandle child = ProcessHandle.of(dynamo.pid()).orElseThrow();
        try (DynamoDbClient client = client(dynamo)) {
            createTable(client, "roundtrip");
            client.putItem(b -> b.tableName("roundtrip").item(Map.of("pk", AttributeValue.fromS("a"), "v", AttributeValue.fromN("1"))));
            assertThat(client.getItem(b -> b.tableName("roundtrip").key(Map.of("pk", AttributeValue.fromS("a")))
                    .consistentRead(true)).item()).containsEntry("v", AttributeValue.fromN("1"));
        } finally {
            dynamo.close();
        }
        assertThat(child.isAlive()).isFalse();
    }

    @Test
    void instancesStartedTogetherEachGetTheirOwnPortAndTables() {
        List<CompletableFuture<EmbeddedDynamoDb>> starting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            starting.add(CompletableFuture.supplyAsync(EmbeddedDynamoDb::start));
        }
        List<EmbeddedDynamoDb> started = starting.stream().map(CompletableFuture::join).toList();
        try {
            assertThat(started.stream().map(EmbeddedDynamoDb::endpoint).distinct()).hasSize(3);
            try (DynamoDbClient first = client(started.get(0)); DynamoDbClient second = client(started.get(1))) {
                createTable(first, "only-in-first");
                assertThat(second.listTables().tableNames()).doesNotContain("only-in-first");
            }
        } finally {
            started.forEach(EmbeddedDynamoDb::close);
        }
    }

    @Test
    void aPersistentFolderKeepsTablesAcrossARestart(@TempDir Path data) {
        try (EmbeddedDynamoDb first = EmbeddedDynamoDb.start(data); DynamoDbClient client = client(first)) {
            createTable(client, "kept");
            client.putItem(b -> b.tableName("kept").item(Map.of("pk", AttributeValue.fromS("x"))));
        }
        try (EmbeddedDynamoDb second = EmbeddedDynamoDb.start(data); DynamoDbClient client = client(second)) {
            assertThat(client.getItem(b -> b.tableName("kept").key(Map.of("pk", AttributeValue.fromS("x")))
                    .consistentRead(true)).hasItem()).isTrue();
        }
    }

    @Test
    void theChildEndsWhenItsJvmIsKilledWithoutAShutdownHook() throws Exception {
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HoldsDynalite.class.getName())
                .redirectErrorStream(true).start();
        long childPid;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
                assertThat(line).as("the helper JVM's output before it reported dynalite").isNotNull();
            } while (!line.startsWith("PID "));
            childPid = Long.parseLong(line.substring(4).trim());
            ProcessHandle child = ProcessHandle.of(childPid).orElseThrow();
            jvm.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no shutdown hook runs

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(child.isAlive()).as("dynalite pid %d outlived its killed JVM", childPid).isFalse();
        } finally {
            jvm.destroyForcibly();
        }
    }

    @Test
    void aChildThatDiesWhileInUseSaysWhyInsteadOfLeavingOnlyConnectionRefused() throws Exception {
        try (EmbeddedDynamoDb dynamo = EmbeddedDynamoDb.start()) {
            assertThat(dynamo.unexpectedExit()).as("while it runs").isEmpty();
            ProcessHandle child = ProcessHandle.of(dynamo.pid()).orElseThrow();
            child.destroyForcibly();
            child.onExit().get(10, TimeUnit.SECONDS);

            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (dynamo.unexpectedExit().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(dynamo.unexpectedExit()).get().asString()
                    .contains("dynalite on port " + dynamo.endpoint().getPort(), "exited unexpectedly", "exit code");
        }
    }

    @Test
    void aChildStoppedByTheShutdownHookIsNotReportedAsUnexpected() throws Exception {
        EmbeddedDynamoDb dynamo = EmbeddedDynamoDb.start();
        try {
            ProcessHandle child = ProcessHandle.of(dynamo.pid()).orElseThrow();
            dynamo.runShutdownHook(); // as when the JVM ends without close(), e.g. the local pipeline on Ctrl-C
            child.onExit().get(10, TimeUnit.SECONDS);
            Thread.sleep(100); // the exit callback runs asynchronously
            assertThat(dynamo.unexpectedExit()).isEmpty();
        } finally {
            dynamo.close();
        }
    }

    @Test
    void aChildStoppedByCloseIsNotReportedAsUnexpected() throws Exception {
        EmbeddedDynamoDb dynamo = EmbeddedDynamoDb.start();
        ProcessHandle child = ProcessHandle.of(dynamo.pid()).orElseThrow();
        dynamo.close();
        child.onExit().get(10, TimeUnit.SECONDS);
        Thread.sleep(100); // the exit callback runs asynchronously
        assertThat(dynamo.unexpectedExit()).isEmpty();
    }

    @Test
    void aMissingNodeIsOneClearErrorThatSaysWhatToInstall(@TempDir Path emptyDir) {
        assertThatThrownBy(() -> NodeRuntime.check(emptyDir.toString()))
                .isInstanceOf(EmulatorUnavailableException.class)
                .hasMessageContaining("`node` was not found on the PATH")
                .hasMessageContaining("Install Node.js 20+")
                .hasNoCause();
    }

    @Test
    void aNodeOlderThan20IsRefusedWithItsVersion(@TempDir Path dir) throws Exception {
        Path fake = dir.resolve("node");
        Files.writeString(fake, "#!/bin/sh\necho v18.19.0\n");
        assertThat(fake.toFile().setExecutable(true)).isTrue();
        assertThatThrownBy(() -> NodeRuntime.check(dir.toString()))
                .isInstanceOf(EmulatorUnavailableException.class)
                .hasMessageContaining("is v18.19.0")
                .hasMessageContaining("needs Node.js 20 or newer");
    }

    @Test
    void aDynaliteThatCannotStartSaysWhy(@TempDir Path dir) throws Exception {
        Path blocker = dir.resolve("a-file-not-a-folder");
        Files.writeString(blocker, "LevelDB cannot open this");
        assertThatThrownBy(() -> EmbeddedDynamoDb.start(blocker.resolve("db")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("dynalite did not start")
                .hasMessageNotContaining("its output: (none)");
    }

    static DynamoDbClient client(EmbeddedDynamoDb dynamo) {
        return DynamoDbClient.builder()
                .endpointOverride(dynamo.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(EmbeddedAws.ACCESS_KEY, EmbeddedAws.SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static void createTable(DynamoDbClient client, String name) {
        client.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()));
    }

    /** Run in its own JVM by the kill test: starts dynalite, prints the child's pid, waits to be killed. */
    public static final class HoldsDynalite {
        public static void main(String[] args) throws InterruptedException {
            EmbeddedDynamoDb dynamo = EmbeddedDynamoDb.start();
            System.out.println("PID " + dynamo.pid());
            System.out.flush();
            Thread.sleep(Duration.ofMinutes(2).toMillis());
        }
    }
}
