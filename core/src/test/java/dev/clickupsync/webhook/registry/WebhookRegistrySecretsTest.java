package dev.clickupsync.webhook.registry;

import dev.clickupsync.infra.Provisioner;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.testkit.MutableClock;
import dev.clickupsync.testkit.WebhookSigning;
import dev.clickupsync.testkit.aws.EmbeddedAws;
import dev.clickupsync.testkit.aws.EmbeddedDynamoDb;
import dev.clickupsync.testkit.aws.EmbeddedSqs;
import dev.clickupsync.testkit.aws.FreePort;
import dev.clickupsync.webhook.SignatureVerifier;
import dev.clickupsync.webhook.registry.WebhookRegistry.Observed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ingest's view of the registry ({@link RegistrySecrets}) and the signature check that uses it, on
 * dynalite through a real SDK client that counts its Query calls, with a clock the test moves. With
 * several workspaces (issue #17) each record names its workspace, each workspace's lifecycle sees only its
 * own records, and a registry secret signs only for the workspace it belongs to; a record written before
 * records named a workspace is the default's.
 */
class WebhookRegistrySecretsTest {
    private static final Duration CACHE_FOR = Duration.ofSeconds(60);
    private static final Duration GRACE = Duration.ofHours(24);
    private static final String CONFIGURED = "configured-secret";
    private static final byte[] BODY = "{\"event\":\"taskCreated\"}".getBytes(StandardCharsets.UTF_8);

    private static EmbeddedDynamoDb dynamoServer;
    private static final AtomicInteger queries = new AtomicInteger();
    private static DynamoDbClient dynamo;

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    private final Metrics metrics = Metrics.inMemory();
    private String table;
    private WebhookRegistry registry;
    private RegistrySecrets secrets;
    private SignatureVerifier verifier;

    @BeforeAll
    static void start() {
        dynamoServer = EmbeddedDynamoDb.start();
        dynamo = client(dynamoServer.endpoint());
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        dynamoServer.close();
    }

    @BeforeEach
    void freshTable() {
        table = "webhook-secrets-" + UUID.randomUUID();
        new Provisioner(dynamo, null).ensureTable(table);
        registry = new WebhookRegistry(dynamo, table, clock);
        secrets = new RegistrySecrets(registry, metrics, clock, CACHE_FOR, Duration.ofSeconds(1), true);
        verifier = new SignatureVerifier(List.of(CONFIGURED), secrets);
        queries.set(0);
    }

    @AfterEach
    void dropTable() {
        try {
            dynamo.deleteTable(b -> b.tableName(table));
        } catch (RuntimeException alreadyGone) {
            // the unreachable-registry test deletes it itself
        }
    }

    @Test
    void readsTheRegistryOncePerCachePeriodAndEndsEachGraceOnTime() {
        live("w1", "live-secret");
        live("w2", "retired-secret");
        registry.retire("w2", clock.instant().plusSeconds(30));

        assertThat(secrets.secrets()).containsExactlyInAnyOrder("live-secret", "retired-secret");
        assertThat(verifies("retired-secret")).isTrue();
        clock.advance(Duration.ofSeconds(29));
        assertThat(verifies("retired-secret")).isTrue();
        assertThat(queries).as("one read serves the cache period").hasValue(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(secrets.secrets()).as("grace over, without a new read").containsExactly("live-secret");
        assertThat(queries).hasValue(1);

        clock.advance(CACHE_FOR);
        assertThat(verifies("live-secret")).isTrue();
        assertThat(queries).hasValue(2);
    }

    @Test
    void aSecretTheCacheDoesNotKnowYetWorksAfterOneFreshReadAtMostOncePerSecond() {
        assertThat(verifies(CONFIGURED)).isTrue();
        assertThat(queries).hasValue(1);
        live("w3", "recreated-secret");

        assertThat(verifies("recreated-secret")).as("just read: no second read within a second").isFalse();
        assertThat(queries).hasValue(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(verifies("recreated-secret")).as("a miss reads again").isTrue();
        assertThat(queries).hasValue(2);

        clock.advance(Duration.ofMillis(999));
        assertThat(verifies("forged")).isFalse();
        assertThat(queries).as("bad signatures cannot make ingest hammer the table").hasValue(2);
        secrets.invalidate();
        assertThat(verifies("forged")).isFalse();
        assertThat(queries).hasValue(3);
    }

    @Test
    void aRotatedWebhookSecretIsAcceptedWithTheOldOneUntilTheGraceEnds() {
        live("w4", "before-rotation");
        clock.advance(Duration.ofMinutes(1));
        registry.record(new Observed("w4", "9012345", "https://hooks.test.invalid", "after-rotation", "active", 0), true, GRACE);

        assertThat(verifies("before-rotation")).isTrue();
        assertThat(verifies("after-rotation")).isTrue();
        clock.advance(GRACE);
        assertThat(verifies("before-rotation")).isFalse();
        assertThat(verifies("after-rotation")).isTrue();
        assertThat(verifies(CONFIGURED)).isTrue();
    }

    @Test
    void aRegistryThatCannotBeReadLeavesTheConfiguredAndLastReadSecretsWorking() {
        live("w5", "known-before-the-outage");
        assertThat(verifies("known-before-the-outage")).isTrue();
        dynamo.deleteTable(b -> b.tableName(table));
        clock.advance(CACHE_FOR);

        assertThat(verifies(CONFIGURED)).isTrue();
        assertThat(verifies("known-before-the-outage")).as("last read, still valid").isTrue();
        assertThat(verifies("unknown")).isFalse();
        assertThat(metrics.count("WebhookRegistryUnavailable")).isEqualTo(1);
        int reads = queries.get();
        clock.advance(Duration.ofSeconds(9));
        verifies("unknown");
        assertThat(queries).as("no retry within 10 s").hasValue(reads);
        clock.advance(Duration.ofSeconds(1));
        verifies(CONFIGURED);
        assertThat(queries).hasValue(reads + 1);
        assertThat(metrics.count("WebhookRegistryUnavailable")).isEqualTo(2);
    }

    @Test
    void anUnreachableRegistryOnAColdStartStillAcceptsTheConfiguredSecret() {
        try (DynamoDbClient nowhere = client(URI.create("http://127.0.0.1:" + FreePort.pick()))) {
            RegistrySecrets cold = new RegistrySecrets(new WebhookRegistry(nowhere, table, clock), metrics, clock, CACHE_FOR,
                    Duration.ofSeconds(1), true);
            SignatureVerifier coldVerifier = new SignatureVerifier(List.of(CONFIGURED, "previous-secret"), cold);
            long started = System.nanoTime();

            assertThat(coldVerifier.verify(BODY, WebhookSigning.sign(BODY, CONFIGURED))).isTrue();
            assertThat(coldVerifier.verify(BODY, WebhookSigning.sign(BODY, "previous-secret"))).isTrue();
            assertThat(coldVerifier.verify(BODY, WebhookSigning.sign(BODY, "other"))).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("bounded by the read timeout")
                    .isLessThan(Duration.ofSeconds(3));
            assertThat(metrics.count("WebhookRegistryUnavailable")).isEqualTo(1);
        }
    }

    @Test
    void switchedOffItNeverReadsTheTable() {
        live("w6", "registry-only");
        RegistrySecrets off = new RegistrySecrets(registry, metrics, clock, CACHE_FOR, Duration.ofSeconds(1), false);
        SignatureVerifier configuredOnly = new SignatureVerifier(List.of(CONFIGURED), off);

        assertThat(configuredOnly.verify(BODY, WebhookSigning.sign(BODY, "registry-only"))).isFalse();
        assertThat(configuredOnly.verify(BODY, WebhookSigning.sign(BODY, CONFIGURED))).isTrue();
        assertThat(queries).hasValue(0);
    }

    // --- several workspaces (issue #17): each record names its workspace, a secret signs only for it ---

    private static final String ENDPOINT = "https://hooks.test.invalid/webhooks/clickup";

    @Test
    void aRegistrySecretSignsOnlyForTheWorkspaceItBelongsTo() {
        registry.record(new Observed("wh-acme", "9099999", ENDPOINT, "acme-registry", "active", 0, "acme"), true, GRACE);
        registry.record(new Observed("wh-default", "9012345", ENDPOINT, "default-registry", "active", 0, "default"), true, GRACE);

        assertThat(ownersOf("acme-registry")).containsExactly("acme");
        assertThat(ownersOf("default-registry")).containsExactly("default");
        assertThat(ownersOf("acme-configured")).containsExactly("acme");
        assertThat(verifier.webhookOwner("wh-acme")).contains("acme");
        assertThat(verifier.webhookOwner("wh-default")).contains("default");
        assertThat(verifier.webhookOwner("wh-unknown")).isEmpty();
    }

    @Test
    void aRetiredWebhooksSecretStaysItsWorkspacesDuringTheGrace() {
        registry.record(new Observed("wh-old", "9099999", ENDPOINT, "acme-old", "active", 0, "acme"), true, GRACE);
        registry.retire("wh-old", clock.instant().plus(Duration.ofHours(1)));

        assertThat(ownersOf("acme-old")).containsExactly("acme");
        assertThat(verifier.webhookOwner("wh-old")).contains("acme");
    }

    @Test
    void aSecretOfAWorkspaceThisIngestDoesNotKnowSignsForNobody() {
        // e.g. a workspace removed from the configuration while its record is still in the registry
        registry.record(new Observed("wh-gone", "9088888", ENDPOINT, "gone-registry", "active", 0, "gone"), true, GRACE);

        assertThat(ownersOf("gone-registry")).isEmpty();
    }

    @Test
    void aRecordWithoutAWorkspaceIsTheDefaultsAndAnUpdateKeepsItsWorkspace() {
        registry.record(new Observed("wh-legacy", "9012345", ENDPOINT, "legacy-secret", "active", 0), true, GRACE);
        dynamo.updateItem(b -> b.tableName(table)
                .key(Map.of("pk", AttributeValue.fromS(WebhookRegistry.PARTITION),
                        "sk", AttributeValue.fromS(WebhookRegistry.SORT_PREFIX + "wh-legacy")))
                .updateExpression("REMOVE workspace"));
        registry.record(new Observed("wh-acme", "9099999", ENDPOINT, "acme-registry", "active", 0, "acme"), true, GRACE);
        registry.record(new Observed("wh-acme", "9099999", ENDPOINT, null, "failing", 3), false, GRACE);

        assertThat(registry.get("wh-legacy").orElseThrow().workspace()).isEqualTo("default");
        assertThat(ownersOf("legacy-secret")).containsExactly("default");
        assertThat(registry.get("wh-acme").orElseThrow().workspace()).as("an update that names none keeps it")
                .isEqualTo("acme");
        assertThat(registry.forEndpoint(ENDPOINT, "default")).extracting(RegisteredWebhook::webhookId)
                .containsExactly("wh-legacy");
        assertThat(registry.forEndpoint(ENDPOINT, "acme")).extracting(RegisteredWebhook::webhookId)
                .containsExactly("wh-acme");
        assertThat(registry.forEndpoint(ENDPOINT)).hasSize(2);
    }

    /** The workspaces whose secrets sign {@link #BODY} with {@code secret}; default and acme are configured. */
    private Set<String> ownersOf(String secret) {
        return new SignatureVerifier(List.of(CONFIGURED), secrets, "default", Map.of("acme", List.of("acme-configured")))
                .signers(BODY, WebhookSigning.sign(BODY, secret));
    }

    private boolean verifies(String secret) {
        return verifier.verify(BODY, WebhookSigning.sign(BODY, secret));
    }

    private void live(String id, String secret) {
        registry.record(new Observed(id, "9012345", "https://hooks.test.invalid", secret, "active", 0), true, GRACE);
    }

    private static DynamoDbClient client(URI endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(EmbeddedSqs.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(EmbeddedAws.ACCESS_KEY, EmbeddedAws.SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if (context.request() instanceof QueryRequest) {
                            queries.incrementAndGet();
                        }
                    }
                }))
                .build();
    }
}
