package dev.clickupsync.admin;

import dev.clickupsync.crypto.SecretTokens;
import dev.clickupsync.http.GatewayCaller;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may call the admin API: nobody while it is disabled; with a token configured, only requests
 * that present it as {@code Authorization: Bearer <token>}, or as {@code X-Admin-Token: <token>}
 * where {@code Authorization} is taken by something else (API Gateway's {@code AWS_IAM} routes
 * carry the SigV4 signature there). Without a token it fails closed: nobody, unless
 * {@code sync.admin.auth=iam} says that API Gateway's IAM authorization admits callers; even then a
 * request is admitted only when its Lambda event names the IAM caller the gateway authorized
 * ({@link GatewayCaller}), so a route added without the IAM authorizer, or the same artifact served
 * outside API Gateway, refuses everybody instead of serving the admin API open.
 *
 * <p>The comparison ({@link SecretTokens}) hashes both values to SHA-256 first and compares the
 * digests with {@link MessageDigest#isEqual}, so neither where the first difference is nor the
 * presented value's length shows in the timing. The token is never logged or echoed.
 */
@ApplicationScoped
public class AdminAccess {
    private static final Logger LOG = Logger.getLogger(AdminAccess.class);
    private static final String BEARER = "bearer";
    /** The alternative header, for callers whose {@code Authorization} header carries a SigV4 signature. */
    public static final String TOKEN_HEADER = "X-Admin-Token";

    /** What a request may do. */
    public enum Decision {
        /** The admin API is switched off: answer as if the route did not exist. */
        DISABLED,
        /** Token missing or wrong. */
        UNAUTHORIZED,
        ALLOWED
    }

    private final boolean enabled;
    private final SecretTokens token;
    private final AdminConfig.Auth auth;
    private final GatewayCaller gateway;

    @Inject
    public AdminAccess(AdminConfig config, GatewayCaller gateway) {
        this(config.enabled(), config.token(), config.auth(), gateway);
    }

    public AdminAccess(boolean enabled, Optional<String> token) {
        this(enabled, token, AdminConfig.Auth.TOKEN, Optional::empty);
    }

    public AdminAccess(boolean enabled, Optional<String> token, AdminConfig.Auth auth, GatewayCaller gateway) {
        this.enabled = enabled;
        this.token = SecretTokens.of(token.map(List::of).orElse(List.of()));
        this.auth = auth;
        this.gateway = gateway;
    }

    void onStart(@Observes StartupEvent event) {
        if (enabled && token.isEmpty() && auth == AdminConfig.Auth.TOKEN) {
            LOG.error("admin API enabled without sync.admin.token: every admin request is refused (401)."
                    + " Set SYNC_ADMIN_TOKEN, or SYNC_ADMIN_AUTH=iam where API Gateway's IAM authorization"
                    + " guards every admin route");
        }
    }

    /** Decides on a request given its {@code Authorization} header (null when absent). */
    public Decision check(String authorizationHeader) {
        return check(authorizationHeader, null);
    }

    /**
     * Decides on a request given its {@code Authorization} and {@code X-Admin-Token} headers (null
     * when absent). A bearer token in {@code Authorization} wins; otherwise {@code X-Admin-Token} is
     * checked.
     */
    public Decision check(String authorizationHeader, String tokenHeader) {
        if (!enabled) {
            return Decision.DISABLED;
        }
        if (token.isEmpty()) {
            return auth == AdminConfig.Auth.IAM && gateway.iamCaller().isPresent() ? Decision.ALLOWED : Decision.UNAUTHORIZED;
        }
        String presented = bearerToken(authorizationHeader);
        if (presented == null && tokenHeader != null && !tokenHeader.isBlank()) {
            presented = tokenHeader.trim();
        }
        // Always hash and compare, even when nothing usable was presented: same work either way.
        return token.matches(presented) ? Decision.ALLOWED : Decision.UNAUTHORIZED;
    }

    public boolean enabled() {
        return enabled;
    }

    /** Whether requests must present a token (always, unless IAM authorization stands in for it). */
    public boolean tokenRequired() {
        return !token.isEmpty() || auth == AdminConfig.Auth.TOKEN;
    }

    /** The credentials of {@code Bearer <credentials>} (scheme case-insensitive), or null. */
    static String bearerToken(String header) {
        if (header == null) {
            return null;
        }
        String trimmed = header.trim();
        int space = trimmed.indexOf(' ');
        if (space <= 0 || !trimmed.substring(0, space).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return null;
        }
        String credentials = trimmed.substring(space + 1).trim();
        return credentials.isEmpty() ? null : credentials;
    }
}
