package dev.clickupsync.read;

import dev.clickupsync.crypto.SecretTokens;
import dev.clickupsync.infra.secrets.SecretParameterConfig;
import dev.clickupsync.infra.secrets.SsmParameterStore;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may read: nobody while the API is disabled; otherwise a request that presents one of
 * {@code sync.read-api.tokens} the way ClickUp clients present theirs: {@code Authorization: <token>}
 * (ClickUp's personal tokens carry no scheme) or {@code Authorization: Bearer <token>} (OAuth
 * clients). Without any token configured, or while the tokens' SSM parameter cannot be read
 * ({@link ReadTokens}), it fails closed. Tokens are compared in constant time by
 * {@link SecretTokens}, never logged or echoed. The read tokens are a different set from the admin
 * token and {@code /admin} never consults them, so a read token cannot reach {@code /admin}.
 *
 * <p>With {@code sync.read-api.admit-iam-callers}, a request that API Gateway's {@code AWS_IAM}
 * authorizer has admitted ({@link dev.clickupsync.http.GatewayCaller}) needs no token: IAM has
 * already decided who it is and that it may call. The token is still compared first, so the work
 * done does not depend on which way a request is admitted.
 */
@ApplicationScoped
public class ReadAccess {
    private static final Logger LOG = Logger.getLogger(ReadAccess.class);

    /** What a request may do. */
    public enum Decision {
        /** The read API is switched off: answer as if the route did not exist. */
        DISABLED,
        /** Token missing or wrong (or none configured). */
        UNAUTHORIZED,
        /** The tokens' SSM parameter could not be read: refused like a wrong token (fail closed). */
        TOKENS_UNAVAILABLE,
        ALLOWED
    }

    private final boolean enabled;
    private final ReadTokens tokens;
    private final ReadPrefix prefix;
    private final boolean admitIamCallers;

    @Inject
    public ReadAccess(ReadApiConfig config, SecretParameterConfig.Ssm ssm) {
        this(config.enabled(), tokens(config, ssm), config.prefix(), config.admitIamCallers());
    }

    public ReadAccess(boolean enabled, List<String> tokens, String prefix) {
        this(enabled, ReadTokens.of(tokens), prefix);
    }

    public ReadAccess(boolean enabled, ReadTokens tokens, String prefix) {
        this(enabled, tokens, prefix, false);
    }

    public ReadAccess(boolean enabled, ReadTokens tokens, String prefix, boolean admitIamCallers) {
        this.enabled = enabled;
        this.tokens = tokens;
        this.prefix = new ReadPrefix(prefix);
        this.admitIamCallers = admitIamCallers;
    }

    /** Explicit tokens win; else the SSM parameter, read where the start-up secrets are read. */
    private static ReadTokens tokens(ReadApiConfig config, SecretParameterConfig.Ssm ssm) {
        List<String> explicit = config.tokens().orElse(List.of());
        Optional<String> parameter = config.tokensParameter().filter(p -> !p.isBlank());
        if (!explicit.isEmpty() || parameter.isEmpty()) {
            return ReadTokens.of(explicit);
        }
        return ReadTokens.fromParameter(parameter.get(), () -> SsmParameterStore.create(
                ssm.endpoint().filter(e -> !e.isBlank()).orElse(null), ssm.region().filter(r -> !r.isBlank()).orElse(null)),
                Clock.systemUTC());
    }

    void onStart(@Observes StartupEvent event) {
        if (enabled && !tokens.configured() && admitIamCallers) {
            LOG.infof("read API served under %s to IAM callers only (no sync.read-api.tokens)", prefix.prefix());
        } else if (enabled && !tokens.configured()) {
            LOG.warn("read API enabled without sync.read-api.tokens: every read request is refused (401)."
                    + " Set SYNC_READ_API_TOKENS (comma-separated, one per consumer) or SYNC_READ_API_TOKENS_PARAMETER");
        } else if (enabled) {
            // Read now, in init (and so, with SnapStart, into the snapshot); a failure is logged and retried.
            tokens.current();
            LOG.infof("read API served under %s, tokens from %s", prefix.prefix(), tokens.source());
        }
    }

    /** Decides on a request given its {@code Authorization} header (null when absent), with no IAM caller. */
    public Decision check(String authorization) {
        return check(authorization, Optional.empty());
    }

    /**
     * Decides on a request given its {@code Authorization} header (null when absent) and the IAM caller
     * API Gateway admitted for it, if any. A matching token admits; else an IAM caller admits when
     * IAM callers are admitted; else {@link Decision#TOKENS_UNAVAILABLE} when the tokens cannot be read,
     * {@link Decision#UNAUTHORIZED} otherwise.
     */
    public Decision check(String authorization, Optional<String> iamCaller) {
        if (!enabled) {
            return Decision.DISABLED;
        }
        Optional<SecretTokens> current = tokens.current();
        boolean tokenMatches = current.isPresent() && current.get().matches(presented(authorization));
        if (tokenMatches || (admitIamCallers && iamCaller.isPresent())) {
            return Decision.ALLOWED;
        }
        return current.isEmpty() ? Decision.TOKENS_UNAVAILABLE : Decision.UNAUTHORIZED;
    }

    ReadPrefix prefix() {
        return prefix;
    }

    /** The token in {@code <token>} or {@code Bearer <token>} (scheme case-insensitive), or null. */
    static String presented(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        int space = value.indexOf(' ');
        if (space > 0 && value.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
            value = value.substring(space + 1).strip();
        }
        return value.isEmpty() ? null : value;
    }
}
