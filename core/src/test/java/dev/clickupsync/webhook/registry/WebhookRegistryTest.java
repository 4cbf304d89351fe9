package dev.clickupsync.webhook.registry;

import dev.clickupsync.store.Tables;
import dev.clickupsync.testkit.MutableClock;
import dev.clickupsync.webhook.registry.WebhookRegistry.Observed;
import dev.clickupsync.webhook.registry.WebhookRegistry.SecretGrant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import dev.clickupsync.support.DynaliteTable;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The webhook registry on dynalite, with a clock the test moves. */
class WebhookRegistryTest {
    private static final String TABLE = "webhook-registry-test";
    @RegisterExtension
    static final DynaliteTable DYNALITE = new DynaliteTable(TABLE);
    private static final Duration GRACE = Duration.ofHours(1);
    private static DynamoDbClient dynamo;

    // Near real time: an emulator with TTL (LocalStack) deletes items whose expires_at has passed, whatever our clock says.
    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    private final WebhookRegistry registry = new WebhookRegistry(dynamo, TABLE, clock);
    private final String endpoint = "https://hooks.test.invalid/" + UUID.randomUUID();

    @BeforeAll
    static void start() {
        dynamo = DYNALITE.dynamo();
    }

    @Test
    void recordsWhatClickUpReportedAndNeverPrintsTheSecret() {
        String id = id();
        RegisteredWebhook stored = registry.record(observed(id, "s3cr3t-one", "active", 0), true, GRACE);

        assertThat(registry.get(id)).contains(stored);
        assertThat(stored.secret()).isEqualTo("s3cr3t-one");
        assertThat(stored.endpoint()).isEqualTo(endpoint);
        assertThat(stored.teamId()).isEqualTo("9012345");
        assertThat(stored.status()).isEqualTo("active");
        assertThat(stored.lastHealthyAt()).isEqualTo(clock.instant());
        assertThat(stored.createdAt()).isEqualTo(clock.instant());
        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.toString()).doesNotContain("s3cr3t-one").contains(id);
        assertThat(registry.forEndpoint(endpoint)).containsExactly(stored);
        assertThat(registry.secretGrants(Duration.ofSeconds(1))).filteredOn(g -> g.webhookId().equals(id))
                .singleElement().satisfies(g -> {
                    assertThat(g.secret()).isEqualTo("s3cr3t-one");
                    assertThat(g.validUntil()).as("live: valid until further notice").isNull();
                    assertThat(g.toString()).doesNotContain("s3cr3t-one");
                });
    }

    @Test
    void anUnhealthyObservationKeepsTheLastHealthyTimeAndANullSecretKeepsTheStoredOne() {
        String id = id();
        Instant healthyAt = clock.instant();
        registry.record(observed(id, "secret-a", "active", 0), true, GRACE);
        clock.advance(Duration.ofMinutes(5));

        RegisteredWebhook failing = registry.record(observed(id, null, "failing", 12), false, GRACE);

        assertThat(failing.status()).isEqualTo("failing");
        assertThat(failing.failCount()).isEqualTo(12);
        assertThat(failing.lastHealthyAt()).isEqualTo(healthyAt);
        assertThat(failing.secret()).isEqualTo("secret-a");
        assertThat(failing.createdAt()).isEqualTo(healthyAt);
        assertThat(failing.version()).isEqualTo(2);
    }

    @Test
    void aChangedSecretKeepsThePreviousOneValidForTheGrace() {
        String id = id();
        registry.record(observed(id, "old-secret", "active", 0), true, GRACE);
        clock.advance(Duration.ofMinutes(1));

        RegisteredWebhook rotated = registry.record(observed(id, "new-secret", "active", 0), true, GRACE);

        assertThat(rotated.previousValidUntil()).isEqualTo(clock.instant().plus(GRACE));
        assertThat(rotated.toString()).doesNotContain("old-secret").doesNotContain("new-secret");
        assertThat(secretsOf(id)).containsExactlyInAnyOrder("old-secret", "new-secret");
        clock.advance(GRACE.minusMillis(1));
        assertThat(secretsOf(id)).containsExactlyInAnyOrder("old-secret", "new-secret");
        clock.advance(Duration.ofMillis(1));
        assertThat(secretsOf(id)).containsExactly("new-secret");
    }

    @Test
    void aRetiredWebhooksSecretIsValidUntilItsGraceEndsAndRetiringAgainNeverExtendsIt() {
        String id = id();
        registry.record(observed(id, "retiring-secret", "suspended", 0), false, GRACE);
        Instant until = clock.instant().plus(Duration.ofMinutes(10));

        assertThat(registry.retire(id, until)).isTrue();
        assertThat(registry.retire(id, until.plus(Duration.ofHours(5)))).as("already retired").isFalse();
        assertThat(registry.retire(id()/* unknown */, until)).isFalse();

        RegisteredWebhook retired = registry.get(id).orElseThrow();
        assertThat(retired.retired()).isTrue();
        assertThat(retired.validUntil()).isEqualTo(until);
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(TABLE).key(Map.of(
                Tables.PK, AttributeValue.fromS("webhook-registry"),
                Tables.SK, AttributeValue.fromS("webhook#" + id)))).item();
        assertThat(Long.parseLong(item.get(Tables.TTL).n())).as("kept a week after the grace, then expired")
                .isEqualTo(until.plus(Duration.ofDays(7)).getEpochSecond());
        assertThat(registry.secretGrants(Duration.ofSeconds(1))).filteredOn(g -> g.webhookId().equals(id))
                .extracting(SecretGrant::validUntil).containsExactly(until);

        clock.advance(Duration.ofMinutes(10));
        assertThat(secretsOf(id)).isEmpty();
    }

    @Test
    void aRetiredWebhookThatClickUpReportsAgainIsLiveAgain() {
        String id = id();
        registry.record(observed(id, "back-again", "active", 0), true, GRACE);
        registry.retire(id, clock.instant().plusSeconds(1));

        RegisteredWebhook live = registry.record(observed(id, "back-again", "active", 0), true, GRACE);

        assertThat(live.retired()).isFalse();
        assertThat(live.validUntil()).isNull();
        clock.advance(Duration.ofHours(48));
        assertThat(secretsOf(id)).containsExactly("back-again");
    }

    @Test
    void concurrentWritersNeverLoseAnUpdate() throws Exception {
        String id = id();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                int failCount = i;
                writes.add(pool.submit(() -> registry.record(observed(id, "same", "failing", failCount), false, GRACE)));
            }
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(registry.get(id).orElseThrow().version()).as("every write applied on top of the last").isEqualTo(12);
    }

    private List<String> secretsOf(String id) {
        return new WebhookRegistry(dynamo, TABLE, clock).secretGrants(Duration.ofSeconds(1)).stream()
                .filter(g -> g.webhookId().equals(id)).map(SecretGrant::secret).toList();
    }

    private Observed observed(String id, String secret, String status, int failCount) {
        return new Observed(id, "9012345", endpoint, secret, status, failCount);
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
