package dev.clickupsync.infra.secrets;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.SsmClientBuilder;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * {@link ParameterStore} on SSM: {@code GetParameter} with {@code WithDecryption=true}, through the
 * plain AWS SDK v2 client on the URL-connection HTTP client (the one the other clients use; no
 * Apache/Netty). Credentials and, unless given, the region come from the SDK's default chains
 * (the function's role and {@code AWS_REGION} in Lambda).
 */
public final class SsmParameterStore implements ParameterStore {
    /** Lambda's init phase has 10 s in all; three reads normally take well under 100 ms each. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private final SsmClient client;

    private SsmParameterStore(SsmClient client) {
        this.client = client;
    }

    /**
     * @param endpoint an endpoint override (LocalStack, a test stand-in), or {@code null}
     * @param region   the region, or {@code null} for the SDK's default region chain
     */
    public static SsmParameterStore create(String endpoint, String region) {
        SsmClientBuilder builder = SsmClient.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(3))
                        .build())
                .overrideConfiguration(c -> c.apiCallTimeout(CALL_TIMEOUT));
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        if (region != null) {
            builder.region(Region.of(region));
        }
        try {
            return new SsmParameterStore(builder.build());
        } catch (SdkClientException e) {
            throw SecretParameterException.setup("Cannot create the SSM client to read secrets (" + e.getMessage()
                    + "). Set AWS_REGION (or " + SecretParameters.REGION_KEY + ") and AWS credentials, or set the"
                    + " secret keys directly instead of their -parameter keys.", e);
        }
    }

    @Override
    public Optional<String> secureString(String name) {
        try {
            return Optional.of(client.getParameter(r -> r.name(name).withDecryption(true)).parameter().value());
        } catch (ParameterNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
