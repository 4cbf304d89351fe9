package dev.clickupsync.webhook.registry;

import dev.clickupsync.infra.Provisioner;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.testkit.MutableClock;
import dev.clickupsync.testkit.WebhookSigning;
import dev.clickupsync.testkit.aws.EmbeddedAws;
import dev.clickupsync.testkit.aws.EmbeddedDynamoDb;
import dev.clickupsync.testkit.aws.EmbeddedSqs;
import dev.clickupsync.webhook.SignatureVerifier;
import dev.clickupsync.webhook.registry.WebhookRegistry.Observed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registry with several workspaces (issue #17), on dynalite through the real SDK: each record names
 * its workspace, each workspace's lifecycle sees only its own records, and a registry secret signs only for
 * the workspace it belongs to. A record written before records named a workspace is the default's.
 */
class RegistrySecretsPerWorkspaceTest {
    private static final Duration GRACE = Duration.ofHours(24);
    private static final String ENDPOINT = "https://hooks.test.invalid/webhooks/clickup";
    private static final byte[] BODY = "{\"event\":\"taskCreated\"}".getBytes(StandardCharsets.UTF_8);

    private static EmbeddedDynamoDb dynamoServer;
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
        dynamo = DynamoDbClient.builder().endpointOverride(dynamoServer.endpoint()).region(Region.of(EmbeddedSqs.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(EmbeddedAws.ACCESS_KEY, EmbeddedAws.SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        dynamoServer.close();
    }

    @BeforeEach
    void freshTable() {
        table = "webhook-workspaces-" + UUID.randomUUID();
        new Provisioner(dynamo, null).ensureTable(table);
        registry = new WebhookRegistry(dynamo, table, clock);
        secrets = new RegistrySecrets(registry, metrics, clock, Duration.ofSeconds(60), Duration.ofSeconds(1), true);
        verifier = new SignatureVerifier(List.of("default-configured"), secrets, "default",
                Map.of("acme", List.of("acme-configured")));
    }

    @AfterEach
    void dropTable() {
        dynamo.deleteTable(b -> b.tableName(table));
    }

    @Test
    void aRegistrySecretSignsOnlyForTheWorkspaceItBelongsTo() {
        registry.record(new Observed("wh-acme", "9099999", ENDPOINT, "acme-registry", "active", 0, "acme"), true, GRACE);
        registry.record(new Observed("wh-default", "9012345", ENDPOINT, "default-registry", "active", 0, "default"), true, GRACE);

        assertThat(signers("acme-registry")).containsExactly("acme");
        assertThat(signers("default-registry")).containsExactly("default");
        assertThat(signers("acme-configured")).containsExactly("acme");
        assertThat(verifier.webhookOwner("wh-acme")).contains("acme");
        assertThat(verifier.webhookOwner("wh-default")).contains("default");
        assertThat(verifier.webhookOwner("wh-unknown")).isEmpty();
    }

    @Test
    void aRetiredWebhooksSecretStaysItsWorkspacesDuringTheGrace() {
        registry.record(new Observed("wh-old", "9099999", ENDPOINT, "acme-old", "active", 0, "acme"), true, GRACE);
        registry.retire("wh-old", clock.instant().plus(Duration.ofHours(1)));

        assertThat(signers("acme-old")).containsExactly("acme");
        assertThat(verifier.webhookOwner("wh-old")).contains("acme");
    }

    @Test
    void aSecretOfAWorkspaceThisIngestDoesNotKnowSignsForNobody() {
        // e.g. a workspace removed from the configuration while its record is still in the registry
        registry.record(new Observed("wh-gone", "9088888", ENDPOINT, "gone-registry", "active", 0, "gone"), true, GRACE);

        assertThat(signers("gone-registry")).isEmpty();
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
        assertThat(signers("legacy-secret")).containsExactly("default");
        assertThat(registry.get("wh-acme").orElseThrow().workspace()).as("an update that names none keeps it")
                .isEqualTo("acme");
        assertThat(registry.forEndpoint(ENDPOINT, "default")).extracting(RegisteredWebhook::webhookId)
                .containsExactly("wh-legacy");
        assertThat(registry.forEndpoint(ENDPOINT, "acme")).extracting(RegisteredWebhook::webhookId)
                .containsExactly("wh-acme");
        assertThat(registry.forEndpoint(ENDPOINT)).hasSize(2);
    }

    private java.util.Set<String> signers(String secret) {
        return verifier.signers(BODY, WebhookSigning.sign(BODY, secret));
    }
}
