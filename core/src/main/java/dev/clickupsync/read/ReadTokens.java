package dev.clickupsync.read;

import dev.clickupsync.crypto.SecretTokens;
import dev.clickupsync.infra.secrets.ParameterStore;
import dev.clickupsync.infra.secrets.SecretParameterException;
import dev.clickupsync.infra.secrets.SecretParameters;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The read tokens, from the configuration or from an SSM SecureString, and what happens when they
 * cannot be had.
 *
 * <p>Precedence: explicit {@code sync.read-api.tokens} win (local run, tests; no SSM call); else
 * {@code sync.read-api.tokens-parameter} names a SecureString holding them comma-separated, read with
 * the start-up secrets' own code ({@link SecretParameters#read}, {@code GetParameter WithDecryption}
 * through {@link ParameterStore}); else there are none, and every read is refused.
 *
 * <p>Caching: a successful read is kept for the life of the instance (with SnapStart it happens in
 * init, so it is part of the snapshot); a changed value arrives with the next cold start or
 * published version, like the other secrets.
 *
 * <p>Failure: unlike the start-up secrets, a missing or unreadable parameter (or one that holds no
 * token: blank, or only commas) does not fail start-up
 * (a read function that cannot start answers every consumer 5xx and looks like an outage). It fails
 * closed instead: {@link #current()} is empty, every read is {@code 401} with
 * {@code ReadRejected{Reason=tokens_unavailable}}, the failure is logged with the parameter's name and
 * the AWS error code (never a value), and the read is tried again on a request at most once every
 * {@link #RETRY_AFTER}, so a fixed parameter or role takes effect without a redeploy.
 */
public final class ReadTokens {
    private static final Logger LOG = Logger.getLogger(ReadTokens.class);

    /** The configuration key whose value the parameter holds (named in messages, never a value). */
    public static final String KEY = "sync.read-api.tokens";

    /** How long a failed read is remembered before a request tries again (bounds SSM calls under load). */
    static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    private final String parameter;
    private final Supplier<ParameterStore> stores;
    private final Clock clock;
    private volatile SecretTokens loaded;
    private Instant nextAttempt = Instant.MIN;

    private ReadTokens(SecretTokens loaded, String parameter, Supplier<ParameterStore> stores, Clock clock) {
        this.loaded = loaded;
        this.parameter = parameter;
        this.stores = stores;
        this.clock = clock;
    }

    /** Tokens given explicitly (possibly none: then every read is refused). */
    public static ReadTokens of(List<String> tokens) {
        return new ReadTokens(SecretTokens.of(tokens), null, null, Clock.systemUTC());
    }

    /**
     * Tokens in the SSM parameter {@code parameter}, read through a store from {@code stores} on
     * first use (the store is closed after each attempt).
     */
    public static ReadTokens fromParameter(String parameter, Supplier<ParameterStore> stores, Clock clock) {
        return new ReadTokens(null, parameter.trim(), stores, clock);
    }

    /** Where the tokens come from, for the start-up log line: never a value. */
    String source() {
        return parameter == null ? KEY : "SSM parameter " + parameter + " (" + SecretParameters.parameterKey(KEY) + ")";
    }

    /** Whether any token could ever match: tokens configured, or a parameter to read them from. */
    boolean configured() {
        SecretTokens tokens = loaded;
        return parameter != null || (tokens != null && !tokens.isEmpty());
    }

    /** The tokens, or empty while they cannot be read (the caller refuses the request). */
    public Optional<SecretTokens> current() {
        SecretTokens tokens = loaded;
        return tokens != null ? Optional.of(tokens) : load();
    }

    private synchronized Optional<SecretTokens> load() {
        if (loaded != null) {
            return Optional.of(loaded);
        }
        Instant now = clock.instant();
        if (now.isBefore(nextAttempt)) {
            return Optional.empty();
        }
        nextAttempt = now.plus(RETRY_AFTER);
        SecretParameters.Lookup lookup = new SecretParameters.Lookup(KEY, parameter);
        try (ParameterStore store = stores.get()) {
            List<String> tokens = split(SecretParameters.read(List.of(lookup), store).get(KEY));
            if (tokens.isEmpty()) { // blank, or commas only: a mistake to fix, not a state to keep
                LOG.errorf("read tokens unavailable, every read is refused (401) until a read succeeds (next try after %s): "
                        + "%s holds no token", RETRY_AFTER, lookup);
                return Optional.empty();
            }
            loaded = SecretTokens.of(tokens);
            LOG.infof("read tokens read from SSM: %s", lookup);
            return Optional.of(loaded);
        } catch (SecretParameterException e) {
            // The message names the parameter, the key and the AWS error code, never a value.
            LOG.errorf("read tokens unavailable, every read is refused (401) until a read succeeds (next try after %s): %s",
                    RETRY_AFTER, e.getMessage());
            return Optional.empty();
        }
    }

    /** The SecureString's value: comma-separated tokens, blanks around and between them ignored. */
    static List<String> split(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
    }
}
