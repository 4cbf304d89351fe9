package dev.clickupsync.infra.secrets;

import dev.clickupsync.admin.AdminConfig;
import dev.clickupsync.clickup.ClickUpConfig;
import dev.clickupsync.testkit.aws.FakeSsm;
import dev.clickupsync.webhook.WebhookConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The SSM SecureString config source: which keys it reads, from which parameters, what wins, and how
 * start-up fails.
 *
 * <p><b>A stand-in, not SSM.</b> No real SSM-compatible server can run here (no Docker, so no
 * LocalStack; no AWS account): the testkit's {@link FakeSsm} speaks the one operation the factory
 * uses, {@code AmazonSSM.GetParameter}, in SSM's JSON 1.1 protocol. The client talking to it is the
 * real AWS SDK v2 {@code SsmClient} built by {@link SsmParameterStore}, so request signing,
 * marshalling and error mapping are the SDK's own; what only real SSM can show (KMS decryption, IAM)
 * is covered by the template's policies, not here.
 */
class SsmSecretsConfigSourceFactoryTest {
    private static FakeSsm ssm;
    private static final Map<String, String> savedProperties = new HashMap<>();

    @BeforeAll
    static void start() throws IOException {
        ssm = FakeSsm.start();
        // The SDK's default credentials chain reads these first; fake values, restored afterwards.
        for (String[] p : new String[][]{{"aws.accessKeyId", "test-access-key"}, {"aws.secretAccessKey", "test-secret-key"}}) {
            savedProperties.put(p[0], System.getProperty(p[0]));
            System.setProperty(p[0], p[1]);
        }
    }

    @AfterAll
    static void stop() {
        ssm.stop();
        savedProperties.forEach((k, v) -> {
            if (v == null) {
                System.clearProperty(k);
            } else {
                System.setProperty(k, v);
            }
        });
    }

    @BeforeEach
    void reset() {
        ssm.parameters.clear();
        ssm.requests.clear();
        ssm.denied.clear();
        ssm.parameters.put("/clickup-sync/dev/api-token", "pk_test_from_ssm");
        ssm.parameters.put("/clickup-sync/dev/webhook-secret", "webhook-secret-from-ssm");
        ssm.parameters.put("/clickup-sync/dev/webhook-previous-secret", "-");
        ssm.parameters.put("/clickup-sync/dev/admin-token", "admin-token-from-ssm");
    }

    /** The environment a function gets from template.yaml: parameter names, never values. */
    private static Map<String, String> templateEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("CLICKUP_API_TOKEN_PARAMETER", "/clickup-sync/dev/api-token");
        env.put("CLICKUP_WEBHOOK_SECRET_PARAMETER", "/clickup-sync/dev/webhook-secret");
        env.put("CLICKUP_WEBHOOK_PREVIOUS_SECRET_PARAMETER", "/clickup-sync/dev/webhook-previous-secret");
        env.put("SYNC_SECRETS_SSM_ENDPOINT", ssm.url());
        env.put("SYNC_SECRETS_SSM_REGION", "eu-west-1");
        return env;
    }

    private static SmallRyeConfig config(Map<String, String> env, Map<String, String> properties, ConfigSourceFactory factory) {
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                // "6s", "5m": Quarkus's duration syntax, as in the applications
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new EnvConfigSource(env, 300))
                .withSources(new PropertiesConfigSource(properties, "application.properties", 250))
                .withSources(factory)
                .withMapping(ClickUpConfig.class)
                .withMapping(WebhookConfig.class)
                .withMapping(AdminConfig.class)
                // as in Quarkus: every key under a mapped prefix must be declared by some mapping
                .withMapping(SecretParameterConfig.ApiToken.class)
                .withMapping(SecretParameterConfig.WebhookSecret.class)
                .withMapping(SecretParameterConfig.WebhookPreviousSecret.class)
                .withMapping(SecretParameterConfig.AdminToken.class)
                .withMapping(SecretParameterConfig.Ssm.class)
                .build();
    }

    @Test
    void secretsNamedByParameterEnvironmentVariablesAreReadDecryptedThroughTheSdkAndReachTheMappings() {
        SmallRyeConfig config = config(templateEnvironment(), Map.of(), new SsmSecretsConfigSourceFactory());

        assertThat(config.getConfigMapping(ClickUpConfig.class).token()).isEqualTo("pk_test_from_ssm");
        WebhookConfig webhook = config.getConfigMapping(WebhookConfig.class);
        assertThat(webhook.secret()).isEqualTo("webhook-secret-from-ssm");
        assertThat(webhook.previousSecret()).contains("-"); // "no previous secret", as the code reads it
        assertThat(config.getConfigMapping(AdminConfig.class).token()).isEmpty(); // no parameter named: not read

        assertThat(ssm.requests).extracting(FakeSsm.Request::name).containsExactly(
                "/clickup-sync/dev/api-token", "/clickup-sync/dev/webhook-secret", "/clickup-sync/dev/webhook-previous-secret");
        assertThat(ssm.requests).allSatisfy(r -> {
            assertThat(r.target()).isEqualTo("AmazonSSM.GetParameter");
            assertThat(r.withDecryption()).as("WithDecryption").isTrue();
            assertThat(r.contentType()).startsWith("application/x-amz-json-1.1");
            assertThat(r.authorization()).as("SigV4 for ssm in the configured region")
                    .startsWith("AWS4-HMAC-SHA256").contains("/eu-west-1/ssm/aws4_request");
        });
        assertThat(config.getConfigValue("clickup.api.token").getConfigSourceName()).isEqualTo("SsmSecureStringParameters");
        assertThat(config.getConfigValue("clickup.api.token").getConfigSourceOrdinal()).isEqualTo(275);
    }

    @Test
    void theDigestsLlmKeyComesFromItsParameterAndSitsBesideTheDigestMappings() {
        ssm.parameters.put("/clickup-sync/dev/llm-api-key", "sk-llm-key-from-ssm");
        Map<String, String> env = templateEnvironment();
        env.put("SYNC_DIGEST_LLM_API_KEY_PARAMETER", "/clickup-sync/dev/llm-api-key");
        env.put("SYNC_DIGEST_SCOPES", "list:1=2");
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new EnvConfigSource(env, 300))
                .withSources(new SsmSecretsConfigSourceFactory())
                .withMapping(dev.clickupsync.llm.LlmConfig.class)
                .withMapping(dev.clickupsync.digest.DigestConfig.class)
                .withMapping(SecretParameterConfig.LlmApiKey.class)
                .build();

        assertThat(config.getConfigMapping(dev.clickupsync.llm.LlmConfig.class).apiKey()).contains("sk-llm-key-from-ssm");
        assertThat(config.getConfigMapping(dev.clickupsync.digest.DigestConfig.class).scopes()).contains(java.util.List.of("list:1=2"));
        assertThat(config.getConfigMapping(SecretParameterConfig.LlmApiKey.class).name()).contains("/clickup-sync/dev/llm-api-key");
        assertThat(ssm.requests).extracting(FakeSsm.Request::name).contains("/clickup-sync/dev/llm-api-key");
    }

    @Test
    void aFurtherWorkspacesTokenAndWebhookSecretComeFromTheirParametersInEnvironmentForm() {
        ssm.parameters.put("/clickup-sync/dev/acme/token", "pk_acme_from_ssm");
        ssm.parameters.put("/clickup-sync/dev/acme/webhook-secret", "acme-secret-from-ssm");
        Map<String, String> env = templateEnvironment();
        env.put("SYNC_WORKSPACES_ACME_TEAM_ID", "777");
        env.put("SYNC_WORKSPACES_ACME_TOKEN_PARAMETER", "/clickup-sync/dev/acme/token");
        env.put("SYNC_WORKSPACES_ACME_WEBHOOK_SECRET_PARAMETER", "/clickup-sync/dev/acme/webhook-secret");
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withSources(new EnvConfigSource(env, 300))
                .withSources(new SsmSecretsConfigSourceFactory())
                .withMapping(dev.clickupsync.workspace.WorkspacesConfig.class)
                .build();

        dev.clickupsync.workspace.WorkspacesConfig.Entry acme =
                config.getConfigMapping(dev.clickupsync.workspace.WorkspacesConfig.class).named().get("acme");
        assertThat(acme.teamId()).isEqualTo("777");
        assertThat(acme.token()).contains("pk_acme_from_ssm");
        assertThat(acme.webhookSecret()).contains("acme-secret-from-ssm");
        assertThat(ssm.requests).extracting(FakeSsm.Request::name)
                .contains("/clickup-sync/dev/acme/token", "/clickup-sync/dev/acme/webhook-secret");
    }

    @Test
    void workspaceSecretKeysAreFoundInDottedAndEnvironmentFormAndNothingElseIsTakenForOne() {
        assertThat(SecretParameters.workspaceSecretKeys(List.of(
                "sync.workspaces.acme.token-parameter", "SYNC_WORKSPACES_B2_WEBHOOK_SECRET_PARAMETER",
                "sync.workspaces.acme.team-id", "SYNC_WORKSPACES_BAD-NAME_TOKEN_PARAMETER", "clickup.api.token-parameter")))
                .containsExactly("sync.workspaces.acme.token", "sync.workspaces.b2.webhook-secret");
    }

    @Test
    void anExplicitValueForTheKeyItselfWinsAndItsParameterIsNotRead() {
        Map<String, String> env = templateEnvironment();
        env.put("CLICKUP_API_TOKEN", "pk_explicit_env");
        Map<String, String> properties = Map.of("clickup.webhook.secret", "explicit-in-properties",
                "sync.admin.token-parameter", "/clickup-sync/dev/admin-token");

        SmallRyeConfig config = config(env, properties, new SsmSecretsConfigSourceFactory());

        assertThat(config.getConfigMapping(ClickUpConfig.class).token()).isEqualTo("pk_explicit_env");
        assertThat(config.getConfigMapping(WebhookConfig.class).secret()).isEqualTo("explicit-in-properties");
        assertThat(config.getConfigMapping(AdminConfig.class).token()).contains("admin-token-from-ssm");
        assertThat(ssm.requests).extracting(FakeSsm.Request::name).containsExactly(
                "/clickup-sync/dev/webhook-previous-secret", "/clickup-sync/dev/admin-token");
    }

    @Test
    void withoutParameterKeysNothingHappensAtAll() {
        AtomicInteger storesCreated = new AtomicInteger();
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(Map.of("clickup.api.token", "pk_local",
                        "clickup.webhook.previous-secret-parameter", "  "), "test", 250))
                .withSources(new SsmSecretsConfigSourceFactory((endpoint, region) -> {
                    storesCreated.incrementAndGet();
                    throw new AssertionError("no SSM client without a parameter to read");
                }))
                .build();

        assertThat(config.getValue("clickup.api.token", String.class)).isEqualTo("pk_local");
        assertThat(config.getOptionalValue("clickup.webhook.previous-secret", String.class)).isEmpty();
        assertThat(storesCreated).hasValue(0);
        assertThat(ssm.requests).isEmpty();
    }

    @Test
    void aMissingParameterFailsStartUpNamingTheParameterAndTheKeyButNoValue() {
        ssm.parameters.remove("/clickup-sync/dev/webhook-secret");

        assertThatThrownBy(() -> config(templateEnvironment(), Map.of(), new SsmSecretsConfigSourceFactory()))
                .hasStackTraceContaining("SSM parameter /clickup-sync/dev/webhook-secret")
                .hasStackTraceContaining("clickup.webhook.secret-parameter")
                .hasStackTraceContaining("does not exist")
                .satisfies(e -> assertThat(fullText(e)).doesNotContain("pk_test_from_ssm"));
    }

    @Test
    void anUnreadableParameterFailsStartUpWithTheAwsErrorCode() {
        ssm.denied.add("/clickup-sync/dev/api-token");

        assertThatThrownBy(() -> config(templateEnvironment(), Map.of(), new SsmSecretsConfigSourceFactory()))
                .hasStackTraceContaining("Could not read SSM parameter /clickup-sync/dev/api-token")
                .hasStackTraceContaining("AccessDeniedException (HTTP 400)")
                .hasStackTraceContaining("ssm:GetParameter");
    }

    @Test
    void theSourceNeverShowsValuesAndTheFactoryIsRegisteredAsAService() {
        var source = new SsmSecretsConfigSourceFactory.SecretsConfigSource(Map.of("clickup.api.token", "pk_secret_value"));
        assertThat(source.toString()).contains("clickup.api.token").doesNotContain("pk_secret_value");

        List<Class<?>> factories = new ArrayList<>();
        ServiceLoader.load(ConfigSourceFactory.class).forEach(f -> factories.add(f.getClass()));
        assertThat(factories).contains(SsmSecretsConfigSourceFactory.class);
    }

    /**
     * Quarkus validates every key under a registered mapping's prefix, and registers only the
     * mappings an application uses: the drain does not use WebhookConfig, yet gets
     * clickup.webhook.secret. The parameter keys' mappings must not claim such siblings.
     */
    @Test
    void theParameterKeysAreDeclaredWithoutClaimingTheirSiblings() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(Map.of(
                        "clickup.webhook.secret", "x", "clickup.webhook.max-body-bytes", "1", "clickup.api.url", "u",
                        "sync.admin.enabled", "true", "clickup.webhook.secret-parameter", "",
                        "clickup.api.token-parameter", "", "sync.admin.token-parameter", "",
                        "sync.secrets.ssm.region", "eu-west-1"), "application.properties", 250))
                .withMapping(SecretParameterConfig.ApiToken.class)
                .withMapping(SecretParameterConfig.WebhookSecret.class)
                .withMapping(SecretParameterConfig.WebhookPreviousSecret.class)
                .withMapping(SecretParameterConfig.AdminToken.class)
                .withMapping(SecretParameterConfig.Ssm.class)
                .build();

        assertThat(config.getConfigMapping(SecretParameterConfig.Ssm.class).region()).contains("eu-west-1");
        assertThat(config.getConfigMapping(SecretParameterConfig.ApiToken.class).name()).isEmpty();
    }

    @Test
    void theEndpointFallsBackToTheQuarkusSsmKey() {
        Map<String, String> env = templateEnvironment();
        env.remove("SYNC_SECRETS_SSM_ENDPOINT");
        env.put("QUARKUS_SSM_ENDPOINT_OVERRIDE", ssm.url());

        SmallRyeConfig config = config(env, Map.of(), new SsmSecretsConfigSourceFactory());

        assertThat(config.getConfigMapping(ClickUpConfig.class).token()).isEqualTo("pk_test_from_ssm");
    }

    private static String fullText(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(t).append('\n');
        }
        return text.toString();
    }
}
