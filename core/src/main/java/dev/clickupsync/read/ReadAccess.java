package dev.clickupsync.read;

import dev.clickupsync.crypto.SecretTokens;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Locale;

/**
 * Who may read: nobody while the API is disabled; otherwise a request that presents one of
 * {@code sync.read-api.tokens} the way ClickUp clients present theirs: {@code Authorization: <token>}
 * (ClickUp's personal tokens carry no scheme) or {@code Authorization: Bearer <token>} (OAuth
 * clients). Without any token configured it fails closed. Tokens are compared in constant time by
 * {@link SecretTokens}, never logged or echoed. The read tokens are a different set from the admin
 * token and {@code /admin} never consults them, so a read token cannot reach {@code /admin}.
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
        ALLOWED
    }

    private final boolean enabled;
    private final SecretTokens tokens;
    private final ReadPrefix prefix;

    @Inject
    public ReadAccess(ReadApiConfig config) {
        this(config.enabled(), config.tokens().orElse(List.of()), config.prefix());
    }

    public ReadAccess(boolean enabled, List<String> tokens, String prefix) {
        this.enabled = enabled;
        this.tokens = SecretTokens.of(tokens);
        this.prefix = new ReadPrefix(prefix);
    }

    void onStart(@Observes StartupEvent event) {
        if (enabled && tokens.isEmpty()) {
            LOG.warn("read API enabled without sync.read-api.tokens: every read request is refused (401)."
                    + " Set SYNC_READ_API_TOKENS (comma-separated, one per consumer)");
        } else if (enabled) {
            LOG.infof("read API served under %s", prefix.prefix());
        }
    }

    /** Decides on a request given its {@code Authorization} header (null when absent). */
    public Decision check(String authorization) {
        if (!enabled) {
            return Decision.DISABLED;
        }
        return tokens.matches(presented(authorization)) ? Decision.ALLOWED : Decision.UNAUTHORIZED;
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
