package dev.clickupsync.infra.secrets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which configuration keys are secrets that may come from SSM SecureString parameters, and how a
 * key finds its parameter: {@code <key>-parameter} names it, e.g. {@code clickup.api.token-parameter}
 * (env {@code CLICKUP_API_TOKEN_PARAMETER=/clickup-sync/dev/api-token}).
 *
 * <p>Why at run time: CloudFormation cannot put a SecureString into a Lambda environment variable,
 * and a plain environment variable shows the secret to anyone who can read the function's
 * configuration. So {@code template.yaml} passes only parameter <em>names</em>, and the function
 * reads the values once at start-up ({@link SsmSecretsConfigSourceFactory}), keeping them in memory only.
 *
 * <p>Rules, in order, for each secret key:
 * <ol>
 *   <li>an explicit value for the key itself wins (local run, tests, {@code sam local} with fake
 *       values): no SSM call;</li>
 *   <li>else, a non-blank {@code <key>-parameter} is read with {@code GetParameter WithDecryption=true};
 *       a missing parameter fails start-up with a message naming the parameter (never a value);</li>
 *   <li>else nothing: the key stays unset (the mapping's own rules apply: required keys fail
 *       start-up, optional ones are empty).</li>
 * </ol>
 */
public final class SecretParameters {

    /** The keys whose values are secrets (and the only ones read from SSM). */
    public static final List<String> SECRET_KEYS = List.of(
            "clickup.api.token",
            "clickup.webhook.secret",
            "clickup.webhook.previous-secret",
            "sync.admin.token",
            "sync.digest.llm.api-key");

    /** Suffix that turns a secret key into the key naming its SSM parameter. */
    public static final String PARAMETER_SUFFIX = "-parameter";

    /**
     * SSM endpoint override ({@code SYNC_SECRETS_SSM_ENDPOINT}), e.g. LocalStack's
     * {@code http://host.docker.internal:4566}. Unset or blank: the regional endpoint.
     */
    public static final String ENDPOINT_KEY = "sync.secrets.ssm.endpoint";

    /** Read when {@link #ENDPOINT_KEY} is unset: the name the Quarkus SSM extension would use. */
    public static final String ENDPOINT_FALLBACK_KEY = "quarkus.ssm.endpoint-override";

    /** Region of the parameters ({@code SYNC_SECRETS_SSM_REGION}); unset: the SDK's chain ({@code AWS_REGION} in Lambda). */
    // These keys are also declared in SecretParameterConfig, so that Quarkus knows them.
    public static final String REGION_KEY = "sync.secrets.ssm.region";

    private SecretParameters() {
    }

    /** {@code clickup.api.token} → {@code clickup.api.token-parameter}. */
    public static String parameterKey(String secretKey) {
        return secretKey + PARAMETER_SUFFIX;
    }

    /** A secret key and the SSM parameter that holds its value. */
    public record Lookup(String key, String parameterName) {
        @Override
        public String toString() {
            return key + " <- " + parameterName;
        }
    }

    /**
     * The SSM reads needed, given what the configuration already holds ({@code config} answers a
     * key's value or {@code null}).
     */
    public static List<Lookup> lookups(Function<String, String> config) {
        return lookups(config, List.of());
    }

    /**
     * Like {@link #lookups(Function)}, for the fixed keys plus {@code workspaceKeys}
     * ({@link #workspaceSecretKeys}).
     */
    public static List<Lookup> lookups(Function<String, String> config, List<String> workspaceKeys) {
        List<Lookup> lookups = new ArrayList<>();
        List<String> keys = new ArrayList<>(SECRET_KEYS);
        keys.addAll(workspaceKeys);
        for (String key : keys) {
            if (!isBlank(config.apply(key))) {
                continue; // an explicit value wins
            }
            String parameter = config.apply(parameterKey(key));
            if (!isBlank(parameter)) {
                lookups.add(new Lookup(key, parameter.trim()));
            }
        }
        return List.copyOf(lookups);
    }

    /**
     * Reads every lookup's parameter through {@code store}, in order, and answers key → value.
     *
     * @throws SecretParameterException when a parameter is missing or cannot be read; the message
     *                                  names the parameter and the key, never a value
     */
    public static Map<String, String> read(List<Lookup> lookups, ParameterStore store) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Lookup lookup : lookups) {
            Optional<String> value;
            try {
                value = store.secureString(lookup.parameterName());
            } catch (SecretParameterException e) {
                throw e;
            } catch (RuntimeException e) {
                throw SecretParameterException.unreadable(lookup, e);
            }
            values.put(lookup.key(), value.orElseThrow(() -> SecretParameterException.missing(lookup)));
        }
        return values;
    }

    /** A further workspace's secret keys ({@code dev.clickupsync.workspace.WorkspacesConfig}) that end in this. */
    private static final List<String> WORKSPACE_SECRETS = List.of("token", "webhook-secret");
    private static final java.util.regex.Pattern WORKSPACE_PARAMETER = java.util.regex.Pattern.compile(
            "sync\\.workspaces\\.([a-z][a-z0-9]{0,31})\\.(token|webhook-secret)-parameter");
    private static final java.util.regex.Pattern WORKSPACE_PARAMETER_ENV = java.util.regex.Pattern.compile(
            "SYNC_WORKSPACES_([A-Z][A-Z0-9]{0,31})_(TOKEN|WEBHOOK_SECRET)_PARAMETER");

    /**
     * The workspace secret keys ({@code sync.workspaces.<name>.token}, {@code .webhook-secret}) whose
     * {@code -parameter} key appears among {@code names} (the configuration's property names, in their
     * dotted or environment form). Workspace names are lower-case letters and digits, so the
     * environment form maps back to exactly one key.
     */
    public static List<String> workspaceSecretKeys(Iterable<String> names) {
        java.util.Set<String> keys = new java.util.TreeSet<>();
        for (String name : names) {
            java.util.regex.Matcher dotted = WORKSPACE_PARAMETER.matcher(name);
            java.util.regex.Matcher env = WORKSPACE_PARAMETER_ENV.matcher(name);
            if (dotted.matches()) {
                keys.add("sync.workspaces." + dotted.group(1) + "." + dotted.group(2));
            } else if (env.matches()) {
                String secret = env.group(2).equals("TOKEN") ? WORKSPACE_SECRETS.get(0) : WORKSPACE_SECRETS.get(1);
                keys.add("sync.workspaces." + env.group(1).toLowerCase(java.util.Locale.ROOT) + "." + secret);
            }
        }
        return List.copyOf(keys);
    }

    static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
