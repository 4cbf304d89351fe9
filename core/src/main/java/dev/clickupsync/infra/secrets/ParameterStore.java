package dev.clickupsync.infra.secrets;

import java.util.Optional;

/** Where secret values live: SSM Parameter Store in production ({@link SsmParameterStore}). */
public interface ParameterStore extends AutoCloseable {

    /**
     * The decrypted value of the parameter {@code name}, or empty when no such parameter exists.
     * Any other failure (no permission, KMS, network) is thrown.
     */
    Optional<String> secureString(String name);

    @Override
    default void close() {
    }
}
