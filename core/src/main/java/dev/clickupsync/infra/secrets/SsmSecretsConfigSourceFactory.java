package dev.clickupsync.infra.secrets;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Reads the secret keys of {@link SecretParameters} from SSM SecureString parameters once, when the
 * configuration is built (function start-up; with SnapStart, before the snapshot), and serves them
 * as a config source. Values stay in memory only: nothing is written to disk, nothing is logged
 * except which key came from which parameter.
 *
 * <p>Registered in {@code META-INF/services/io.smallrye.config.ConfigSourceFactory}; Quarkus uses it
 * for the runtime configuration only (it is not {@code @StaticInitSafe}, so a native image never
 * reads SSM while it is being built). Where no {@code *-parameter} key is set (tests, the local
 * run) it does nothing at all: no SSM client is even created.
 *
 * <p>A changed SSM value reaches a function with its next cold start (or, with SnapStart, its next
 * published version): rotate by adding the new webhook secret as {@code previous-secret} first.
 */
public final class SsmSecretsConfigSourceFactory implements ConfigSourceFactory {
    private static final Logger LOG = Logger.getLogger(SsmSecretsConfigSourceFactory.class);

    /**
     * Above application.properties (250), below environment variables (300) and system properties
     * (400). An explicit value for a secret key is never overridden anyway: it is not even looked up.
     */
    public static final int ORDINAL = 275;

    private final BiFunction<String, String, ParameterStore> stores;

    public SsmSecretsConfigSourceFactory() {
        this(SsmParameterStore::create);
    }

    /** @param stores endpoint (or null), region (or null) → the store to read from */
    SsmSecretsConfigSourceFactory(BiFunction<String, String, ParameterStore> stores) {
        this.stores = stores;
    }

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        List<SecretParameters.Lookup> lookups = SecretParameters.lookups(key -> value(context, key),
                SecretParameters.workspaceSecretKeys(context::iterateNames));
        if (lookups.isEmpty()) {
            return List.of();
        }
        String endpoint = value(context, SecretParameters.ENDPOINT_KEY);
        if (SecretParameters.isBlank(endpoint)) {
            endpoint = value(context, SecretParameters.ENDPOINT_FALLBACK_KEY);
        }
        String region = value(context, SecretParameters.REGION_KEY);
        Map<String, String> values;
        try (ParameterStore store = stores.apply(blankToNull(endpoint), blankToNull(region))) {
            values = SecretParameters.read(lookups, store);
        }
        LOG.infof("Secrets read from SSM at start-up: %s", lookups);
        return List.of(new SecretsConfigSource(values));
    }

    private static String value(ConfigSourceContext context, String key) {
        ConfigValue value = context.getValue(key);
        return value == null ? null : value.getValue();
    }

    private static String blankToNull(String value) {
        return SecretParameters.isBlank(value) ? null : value.trim();
    }

    /** The values read, under their keys. Its {@code toString} names keys only. */
    static final class SecretsConfigSource implements ConfigSource {
        private final Map<String, String> values;

        SecretsConfigSource(Map<String, String> values) {
            this.values = Map.copyOf(values);
        }

        @Override
        public Set<String> getPropertyNames() {
            return values.keySet();
        }

        @Override
        public String getValue(String propertyName) {
            return values.get(propertyName);
        }

        @Override
        public String getName() {
            return "SsmSecureStringParameters";
        }

        @Override
        public int getOrdinal() {
            return ORDINAL;
        }

        @Override
        public String toString() {
            return getName() + values.keySet();
        }
    }
}
