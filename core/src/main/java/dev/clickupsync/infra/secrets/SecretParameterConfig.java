package dev.clickupsync.infra.secrets;

import io.quarkus.arc.Unremovable;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;

import java.util.Optional;

/**
 * Declares the keys {@link SsmSecretsConfigSourceFactory} reads, so that the configuration knows
 * them: Quarkus rejects an unknown key under a mapped prefix ({@code clickup.api},
 * {@code clickup.webhook}, {@code sync}) at start-up, and the template check
 * ({@code TemplateMatchesCodeTest}) collects every deployable key from the {@code @ConfigMapping}s.
 * The factory itself reads the keys before any mapping exists; nothing injects these, hence
 * {@code @Unremovable}: Quarkus registers (and so knows the keys of) only the mappings that are
 * injected somewhere or marked so.
 *
 * <p>Each {@code *-parameter} key names the SSM SecureString parameter holding the secret key of
 * the same name, e.g. {@code CLICKUP_API_TOKEN_PARAMETER=/clickup-sync/dev/api-token}; an explicit
 * value for the secret key itself wins (see {@link SecretParameters}).
 */
public final class SecretParameterConfig {
    private SecretParameterConfig() {
    }

    // Each mapping's prefix is the key itself (@WithParentName), not its parent: a mapping on
    // clickup.webhook would make Quarkus validate every clickup.webhook.* key against it in an
    // application that does not use WebhookConfig (the drain), and reject clickup.webhook.secret.

    /** {@code clickup.api.token-parameter}: the SSM parameter holding {@code clickup.api.token}. */
    @Unremovable
    @ConfigMapping(prefix = "clickup.api.token-parameter")
    public interface ApiToken {
        @WithParentName
        Optional<String> name();
    }

    /** {@code clickup.webhook.secret-parameter}: the SSM parameter holding the webhook's signing secret. */
    @Unremovable
    @ConfigMapping(prefix = "clickup.webhook.secret-parameter")
    public interface WebhookSecret {
        @WithParentName
        Optional<String> name();
    }

    /** {@code clickup.webhook.previous-secret-parameter}: the SSM parameter holding the previous secret. */
    @Unremovable
    @ConfigMapping(prefix = "clickup.webhook.previous-secret-parameter")
    public interface WebhookPreviousSecret {
        @WithParentName
        Optional<String> name();
    }

    /** {@code sync.admin.token-parameter}: the SSM parameter holding {@code sync.admin.token}. */
    @Unremovable
    @ConfigMapping(prefix = "sync.admin.token-parameter")
    public interface AdminToken {
        @WithParentName
        Optional<String> name();
    }

    /** {@code sync.digest.llm.api-key-parameter}: the SSM parameter holding the digest's LLM API key. */
    @Unremovable
    @ConfigMapping(prefix = "sync.digest.llm.api-key-parameter")
    public interface LlmApiKey {
        @WithParentName
        Optional<String> name();
    }

    /** Where the parameters are read. */
    @Unremovable
    @ConfigMapping(prefix = "sync.secrets.ssm")
    public interface Ssm {
        /**
         * Endpoint override ({@code SYNC_SECRETS_SSM_ENDPOINT}), e.g. LocalStack. Unset or blank: the
         * regional endpoint; {@code quarkus.ssm.endpoint-override} is read as a fallback.
         */
        Optional<String> endpoint();

        /** Region ({@code SYNC_SECRETS_SSM_REGION}). Unset: {@code AWS_REGION}, as the SDK finds it. */
        Optional<String> region();
    }
}
